"""Exports of a class with known work: every figure checked against arithmetic done by hand.

Scores are SemEval-2020 Task 11 partial overlap (webapp.classifier.scoring). The key for the two
cues in play: scare-quotes 56-64; anonymous-sourcing 170-189, 387-401, 403-419 (4 labels).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from fixtures_exports import FORMULA_NOTE, NOW
from openpyxl import load_workbook

from webapp.exports.cells import neutralise
from webapp.exports.formats import ExportError, export_class
from webapp.exports.pseudonyms import pseudonyms

NAMES = ("Zoë", "Ngọc", "李雷", "@Bob")


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def gradebook(db_session, graded_class, secret=None) -> list[list[str]]:
    return rows_of(export_class(db_session, graded_class.classroom, "gradebook", graded_class.assignment,
                                secret=secret, now=NOW).data)


def by_first_cell(rows):
    return {row[0]: row for row in rows[1:]}


def test_gradebook_header(db_session, graded_class):
    assert gradebook(db_session, graded_class)[0] == [
        "Display name", "Student ID", "Status", "Submitted at (UTC)", "Late", "Overall score (%)",
        "Scare quotes (%)", "Anonymous sourcing (%)", "Teacher grade"]


def test_gradebook_rows_are_sorted_by_name_with_formula_names_neutralised(db_session, graded_class):
    assert [row[0] for row in gradebook(db_session, graded_class)[1:]] == ["'@Bob", "Ngọc", "Zoë", "李雷"]


def test_gradebook_on_time_student(db_session, graded_class):
    # Zoë: scare-quotes 56-64 exact -> P 1, R 1, F1 100.0.
    # anonymous-sourcing 387-401 exact: P = 1/1 = 1; R = (0 + 1 + 0)/3 = 1/3; F1 = 2*(1/3)/(4/3) = 0.5 -> 50.0.
    # Overall: P = 2/2 = 1; R = (1 + 0 + 1 + 0)/4 = 0.5; F1 = 2*0.5/1.5 = 0.6667 -> 66.7.
    row = by_first_cell(gradebook(db_session, graded_class))["Zoë"]
    assert row[1:] == [str(graded_class.students["Zoë"].id), "submitted", "2026-03-01 11:00", "no",
                       "66.7", "100.0", "50.0", ""]


def test_gradebook_late_student_with_partial_credit_and_grade(db_session, graded_class):
    # Ngọc: scare-quotes 50-64 shares 8 of its 14 characters with 56-64: P = 8/14 = 0.5714, R = 8/8 = 1,
    # F1 = 2*0.5714/1.5714 = 0.7273 -> 72.7. anonymous-sourcing 0-10 touches no key label: P = R = F1 = 0.
    # Overall: P = (8/14 + 0)/2 = 2/7; R = (1 + 0 + 0 + 0)/4 = 1/4; F1 = 2*(2/7)*(1/4)/(2/7 + 1/4) = 28/105
    # = 0.2667 -> 26.7. Submitted at 13:00, after the 12:00 due time: late.
    row = by_first_cell(gradebook(db_session, graded_class))["Ngọc"]
    assert row[1:] == [str(graded_class.students["Ngọc"].id), "submitted_late", "2026-03-01 13:00", "yes",
                       "26.7", "72.7", "0.0", "85.0"]


def test_gradebook_gives_no_score_to_unsubmitted_work(db_session, graded_class):
    rows = by_first_cell(gradebook(db_session, graded_class))
    # 李雷 is in progress after the due time, @Bob never started: both are "late", neither is scored.
    assert rows["李雷"][2:] == ["late", "", "yes", "", "", "", ""]
    assert rows["'@Bob"][2:] == ["late", "", "yes", "", "", "", ""]


def long_rows(db_session, graded_class, secret=None):
    return rows_of(export_class(db_session, graded_class.classroom, "long", secret=secret, now=NOW).data)


def test_long_csv_has_one_row_per_label_with_its_verdict(db_session, graded_class):
    rows = long_rows(db_session, graded_class)
    assert rows[0] == ["Display name", "Student ID", "Assignment ID", "Exercise", "Article", "Status", "Cue",
                       "Start", "End", "Text", "Note", "Confidence", "Match status"]
    got = [(r[0], r[6], r[7], r[8], r[9], r[11], r[12]) for r in rows[1:]]
    # 50-64 vs 56-64: IoU 8/14 = 0.57 >= 0.5 -> match. 0-10 overlaps no key label in play -> extra.
    # 李雷's scare quotes on 170-189 lie on an anonymous-sourcing key label -> wrong cue.
    assert got == [
        ("Ngọc", "anonymous-sourcing", "0", "10", "In attempt", "unsure", "extra"),
        ("Ngọc", "scare-quotes", "50", "64", " U.S. ‘combat’", "sure", "match"),
        ("Zoë", "scare-quotes", "56", "64", "‘combat’", "sure", "match"),
        ("Zoë", "anonymous-sourcing", "387", "401", "officials said", "sure", "match"),
        ("李雷", "scare-quotes", "170", "189", "observers described", "sure", "wrong_cue"),
    ]


def test_long_csv_neutralises_a_formula_in_a_note(db_session, graded_class):
    notes = [row[10] for row in long_rows(db_session, graded_class)[1:]]
    assert "'" + FORMULA_NOTE in notes and FORMULA_NOTE not in notes


def test_long_csv_carries_the_assignment_and_status(db_session, graded_class):
    row = long_rows(db_session, graded_class)[1]
    assert row[2:6] == [str(graded_class.assignment.id), "Spot the framing (graded)", "iraq-2021-001",
                        "submitted_late"]


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+44", "'+44"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("a=b", "a=b"), ("Zoë", "Zoë"), (12.5, "12.5"), (None, ""), ("", "")])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.mark.parametrize("value", [
    "\u200b=1+1", "\ufeff=1+1", "\u200d\u2060+44", "\u202e-3", "\u00ad@SUM(A1)", " =1+1", "\u00a0=1+1",
    "\u3000=1+1", "\n=1+1", "\u2028=1+1", "\u200b \ufeff=1+1", "\uff1d1+1", "\ufe66cmd", "\uff0b44"])
def test_neutralise_sees_through_invisible_and_lookalike_starts(value):
    # zero-width and other format characters (Unicode category Cf), leading white space, and the
    # full-width forms of = + - @ that a spreadsheet may fold to the ASCII ones
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["\u200bZoë", " a=b", "\ufeffNgọc", "Student-7F3A", "12 - 3"])
def test_neutralise_leaves_harmless_text_alone(value):
    assert neutralise(value) == value


def test_csv_files_are_utf8_with_a_byte_order_mark(db_session, graded_class):
    data = export_class(db_session, graded_class.classroom, "gradebook", now=NOW).data
    assert data[:3] == b"\xef\xbb\xbf" and "李雷".encode() in data and b"\r\n" in data


def test_gradebook_of_a_class_with_several_assignments_needs_one(db_session, graded_class, make_exercise,
                                                                  add_assignment):
    add_assignment(graded_class.classroom, make_exercise("practice"))
    with pytest.raises(ExportError, match="one assignment"):
        export_class(db_session, graded_class.classroom, "gradebook", now=NOW)


def test_xlsx_has_the_gradebook_and_the_long_sheet(db_session, graded_class):
    data = export_class(db_session, graded_class.classroom, "xlsx", now=NOW).data
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [f"Gradebook {graded_class.assignment.id}", "Labels"]
    grades = {row[0]: row for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert grades["Zoë"][5:8] == (66.7, 100.0, 50.0) and grades["Ngọc"][8] == 85.0
    assert len(list(book["Labels"].iter_rows(min_row=2))) == 5


def test_xlsx_keeps_formula_text_as_text(db_session, graded_class):
    book = load_workbook(io.BytesIO(export_class(db_session, graded_class.classroom, "xlsx", now=NOW).data))
    cells = [c for row in book["Labels"].iter_rows(min_row=2) for c in row if c.value == FORMULA_NOTE]
    assert cells and all(c.data_type == "s" for c in cells)
    assert book.worksheets[0]["A2"].value == "@Bob" and book.worksheets[0]["A2"].data_type == "s"


def _all_exports(db_session, graded_class, secret):
    for fmt in ("gradebook", "long", "archive"):
        yield fmt, export_class(db_session, graded_class.classroom, fmt, secret=secret, now=NOW).data.decode("utf-8")
    book = load_workbook(io.BytesIO(export_class(db_session, graded_class.classroom, "xlsx", secret=secret,
                                                 now=NOW).data))
    yield "xlsx", " ".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row)


@pytest.mark.parametrize("fmt", ["gradebook", "long", "archive", "xlsx"])
def test_deidentified_exports_contain_no_display_name(app, db_session, graded_class, fmt):
    text = dict(_all_exports(db_session, graded_class, app.config["SECRET_KEY"]))[fmt]
    assert not [name for name in NAMES if name in text]
    assert "Student-" in text


def test_deidentified_gradebook_uses_stable_pseudonyms(app, db_session, graded_class):
    secret = app.config["SECRET_KEY"]
    expected = pseudonyms(secret, [s.id for s in graded_class.students.values()])
    rows = gradebook(db_session, graded_class, secret)
    assert rows[0][0] == "Pseudonym" and "Student ID" not in rows[0]
    assert sorted(r[0] for r in rows[1:]) == sorted(expected.values())
    assert gradebook(db_session, graded_class, secret) == rows


def test_deidentified_long_csv_leaves_notes_out(app, db_session, graded_class):
    # Free text can hold a real name (webapp.exports.deidentify): the column stays, empty.
    rows = long_rows(db_session, graded_class, app.config["SECRET_KEY"])
    assert rows[0][9] == "Note" and {row[9] for row in rows[1:]} == {""}
    assert "Les guillemets ‘combat’" in [row[10] for row in long_rows(db_session, graded_class)[1:]]


def test_pseudonyms_look_like_student_hex_and_lengthen_only_on_a_clash():
    names = pseudonyms("k", range(1, 301))
    assert len(set(names.values())) == 300
    assert all(n.startswith("Student-") and n[8:].isalnum() and n[8:] == n[8:].upper() for n in names.values())
    assert len(pseudonyms("k", [1])[1]) == len("Student-7F3A")


def test_archive_records_the_class(db_session, graded_class):
    archive = json.loads(export_class(db_session, graded_class.classroom, "archive", now=NOW).data)
    assert archive["content"]["articles"]["iraq-2021-001"] == graded_class.assignment.exercise.article.sha256
    assert [s["display_name"] for s in archive["students"]] == ["Zoë", "Ngọc", "李雷", "@Bob"]
    assert all(s["pin_hash"].startswith("pbkdf2:") for s in archive["students"])
    submissions = archive["assignments"][0]["submissions"]
    assert [len(s["labels"]) for s in submissions] == [2, 2, 1]
    assert submissions[1]["grade"] == 85.0 and submissions[1]["teacher_comment"].startswith("Good eye")
    assert [c["change_id"] for c in submissions[0]["applied_changes"]] == ["c-z1", "c-z2"]


def test_unknown_format_is_refused(db_session, graded_class):
    with pytest.raises(ExportError, match="Unknown format"):
        export_class(db_session, graded_class.classroom, "pdf")


def test_export_refuses_another_class_assignment(db_session, graded_class, make_classroom, add_assignment,
                                                make_exercise):
    other = make_classroom(graded_class.teacher, "Other")
    with pytest.raises(ExportError, match="not one of this class"):
        export_class(db_session, other, "long", graded_class.assignment)


def test_export_scores_and_verdicts_agree_with_the_feedback_page(db_session, graded_class):
    from webapp.exports.work import assignment_work
    from webapp.services.feedback import build_feedback

    work = assignment_work(db_session, graded_class.assignment, NOW)
    article = graded_class.assignment.exercise.article
    for row in (r for r in work.rows if r.submission is not None):
        page = build_feedback(article, work.cues, row.labels, graded_class.teacher.id)
        assert row.feedback.overall == page.overall and row.feedback.per_cue == page.per_cue
        assert [v.kind for v in row.feedback.verdicts] == [v.kind for v in page.verdicts]
