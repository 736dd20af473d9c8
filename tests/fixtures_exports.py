"""A class whose work is known to the character, for the export tests.

The exercise is on iraq-2021-001 with two cues in play, scare quotes and anonymous sourcing. Its
key for them (corpus/keys/iraq-2021-001.yaml) has four labels: scare-quotes 56-64 (‘combat’) and
anonymous-sourcing 170-189, 387-401 and 403-419. Due 2026-03-01 12:00 UTC; "now" is a day later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from webapp.models import AppliedChange, Label, Submission

DUE = dt.datetime(2026, 3, 1, 12, 0)
NOW = dt.datetime(2026, 3, 2, 12, 0)
CUES = ["scare-quotes", "anonymous-sourcing"]
FORMULA_NOTE = '=HYPERLINK("http://evil.example","click")'


@dataclass
class GradedClass:
    teacher: object
    classroom: object
    assignment: object
    students: dict  # display name -> Student


def _label(submission, client_id, cue, start, end, note=None, confidence="sure") -> Label:
    return Label(submission_id=submission.id, client_id=client_id, cue_id=cue, start=start, end=end,
                 note=note, confidence=confidence)


@pytest.fixture
def graded_class(db_session, make_teacher, make_classroom, make_student, make_exercise, add_assignment) -> GradedClass:
    """Zoë on time, Ngọc late with a grade, 李雷 in progress, @Bob not started (so late)."""
    teacher = make_teacher()
    classroom = make_classroom(teacher, "Media literacy — 8B")
    students = {name: make_student(classroom, name) for name in ("Zoë", "Ngọc", "李雷", "@Bob")}
    assignment = add_assignment(classroom, make_exercise("graded", cues=CUES), due_at=DUE)
    zoe = Submission(assignment_id=assignment.id, student_id=students["Zoë"].id, status="submitted",
                     submitted_at=dt.datetime(2026, 3, 1, 11, 0), version=2)
    ngoc = Submission(assignment_id=assignment.id, student_id=students["Ngọc"].id, status="submitted",
                      submitted_at=dt.datetime(2026, 3, 1, 13, 0), grade_override=85.0, version=2,
                      teacher_comment="Good eye — now check the headline.")
    lei = Submission(assignment_id=assignment.id, student_id=students["李雷"].id, status="in_progress", version=1)
    db_session.add_all([zoe, ngoc, lei])
    db_session.flush()
    db_session.add_all([
        _label(zoe, "z1", "scare-quotes", 56, 64), _label(zoe, "z2", "anonymous-sourcing", 387, 401),
        _label(ngoc, "n1", "scare-quotes", 50, 64, note="Les guillemets ‘combat’"),
        _label(ngoc, "n2", "anonymous-sourcing", 0, 10, note=FORMULA_NOTE, confidence="unsure"),
        _label(lei, "l1", "scare-quotes", 170, 189),
        AppliedChange(submission_id=zoe.id, change_id="c-z1"), AppliedChange(submission_id=zoe.id, change_id="c-z2"),
    ])
    db_session.commit()
    return GradedClass(teacher, classroom, assignment, students)
