"""The long table: one row per student label, with how it compares with the key.

The match status is the feedback page's verdict (match, near_miss, wrong_cue, extra); a label of
a cue no longer in play (the exercise changed) is "not_in_play".
"""

from __future__ import annotations

from collections.abc import Iterable

from webapp.exports.cells import csv_bytes
from webapp.exports.pseudonyms import StudentColumns
from webapp.exports.work import AssignmentWork, StudentWork

NOT_IN_PLAY = "not_in_play"


def long_header(columns: StudentColumns) -> list[str]:
    return columns.header + ["Assignment ID", "Exercise", "Article", "Status", "Cue", "Start", "End", "Text",
                             "Note", "Confidence", "Match status"]


def _verdicts(row: StudentWork) -> dict[tuple[str, int, int], str]:
    if row.feedback is None:
        return {}
    return {(v.label.cue, v.label.start, v.label.end): v.kind for v in row.feedback.verdicts}


def _student_rows(work: AssignmentWork, row: StudentWork, columns: StudentColumns) -> list[list[object]]:
    exercise = work.assignment.exercise
    text = exercise.article.text
    verdicts = _verdicts(row)
    return [columns.cells(row.student) + [
        work.assignment.id, exercise.title, exercise.article_id, row.status, label.cue_id, label.start, label.end,
        text[label.start:label.end], "" if columns.deidentified else label.note or "", label.confidence,
        verdicts.get((label.cue_id, label.start, label.end), NOT_IN_PLAY)] for label in row.labels]


def long_rows(works: Iterable[AssignmentWork], columns: StudentColumns) -> list[list[object]]:
    """Rows by assignment, then student (name or pseudonym), then position in the article."""
    rows = []
    for work in works:
        for row in sorted(work.rows, key=lambda r: columns.sort_key(r.student)):
            rows.extend(_student_rows(work, row, columns))
    return rows


def long_csv(works: Iterable[AssignmentWork], columns: StudentColumns) -> bytes:
    return csv_bytes(long_header(columns), long_rows(works, columns))
