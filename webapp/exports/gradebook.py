"""The gradebook of one assignment: one row per student, scores as percentages.

The overall score is the student's F1 against the key over the cues in play (SemEval-2020 Task 11
partial overlap, as on the feedback page), times 100, to one decimal; the per-cue scores likewise.
Scores are given for submitted work only: a gradebook should not grade a draft.
"""

from __future__ import annotations

from webapp.exports.cells import csv_bytes
from webapp.exports.deidentify import day
from webapp.exports.pseudonyms import StudentColumns
from webapp.exports.work import AssignmentWork, StudentWork
from webapp.models import SUBMITTED
from webapp.services.assignments import LATE, SUBMITTED_LATE

TIME_FORMAT = "%Y-%m-%d %H:%M"


def percent(value: float) -> float:
    """A score from 0-1 as a percentage with one decimal (half away from zero, as people round)."""
    return float(int(value * 1000 + 0.5)) / 10


def submitted_at(row: StudentWork, deidentified: bool = False) -> str:
    """When the work was handed in; only the date when de-identified (see webapp.exports.deidentify)."""
    at = row.submission.submitted_at if row.submission else None
    return (day(at) if deidentified else at.strftime(TIME_FORMAT)) if at else ""


def _scores(row: StudentWork, cues: int) -> list[object]:
    submitted = row.submission is not None and row.submission.status == SUBMITTED
    if not submitted or row.feedback is None:
        return [""] * (cues + 1)
    return [percent(row.feedback.overall.f1)] + [percent(s.f1) for s in row.feedback.per_cue]


def gradebook_header(work: AssignmentWork, columns: StudentColumns) -> list[str]:
    return (columns.header + ["Status", "Submitted at (UTC)", "Late", "Overall score (%)"]
            + [f"{cue.name} (%)" for cue in work.cues] + ["Teacher grade"])


def gradebook_rows(work: AssignmentWork, columns: StudentColumns) -> list[list[object]]:
    """One row per student, by name (or by pseudonym when de-identified)."""
    rows = []
    for row in sorted(work.rows, key=lambda r: columns.sort_key(r.student)):
        grade = row.submission.grade_override if row.submission else None
        rows.append(columns.cells(row.student) + [
            row.status, submitted_at(row, columns.deidentified), "yes" if row.status in (LATE, SUBMITTED_LATE) else "no",
            *_scores(row, len(work.cues)), "" if grade is None else grade])
    return rows


def gradebook_csv(work: AssignmentWork, columns: StudentColumns) -> bytes:
    return csv_bytes(gradebook_header(work, columns), gradebook_rows(work, columns))

