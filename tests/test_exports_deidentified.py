"""What "de-identified" removes from every export: names (pseudonyms instead, as before), and now
also the free text that can hold real names (teacher comments, students' notes), the class name,
and exact times (every timestamp coarsened to its date)."""

from __future__ import annotations

import io
import json
import re

import pytest
from fixtures_exports import NOW
from openpyxl import load_workbook

from webapp.exports.formats import export_class

FREE_TEXT = ("Good eye", "Les guillemets", "HYPERLINK")  # a comment and two notes
CLASS_NAME = "Media literacy — 8B"
EXACT_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d")


def _text(db_session, graded_class, fmt: str, secret: str | None) -> str:
    data = export_class(db_session, graded_class.classroom, fmt, secret=secret, now=NOW).data
    if fmt != "xlsx":
        return data.decode("utf-8")
    book = load_workbook(io.BytesIO(data))
    return " ".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
                    if c is not None)


@pytest.mark.parametrize("fmt", ["gradebook", "long", "archive", "xlsx"])
def test_deidentified_exports_hold_no_free_text_class_name_or_exact_time(app, db_session, graded_class, fmt):
    text = _text(db_session, graded_class, fmt, app.config["SECRET_KEY"])
    assert [t for t in FREE_TEXT if t in text] == []
    assert CLASS_NAME not in text
    assert EXACT_TIME.findall(text) == []


def test_the_full_archive_keeps_all_of_it(db_session, graded_class):
    text = _text(db_session, graded_class, "archive", None)
    assert all(t in text for t in FREE_TEXT) and CLASS_NAME in text and EXACT_TIME.search(text)


def test_the_deidentified_archive_keeps_dates_grades_and_labels(app, db_session, graded_class):
    archive = json.loads(_text(db_session, graded_class, "archive", app.config["SECRET_KEY"]))
    submissions = archive["assignments"][0]["submissions"]
    assert [len(s["labels"]) for s in submissions] == [2, 2, 1]
    assert sorted(s["grade"] for s in submissions if s["grade"] is not None) == [85.0]
    assert {s["submitted_at"] for s in submissions} == {"2026-03-01", None}
    assert all("note" not in label for s in submissions for label in s["labels"])
    assert all("teacher_comment" not in s and "applied_changes" not in s for s in submissions)
    assert "name" not in archive["classroom"]
