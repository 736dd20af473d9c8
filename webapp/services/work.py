"""A student's side of their assignments: the dashboard, and handing work in.

Statuses come from :func:`webapp.services.assignments.work_status`, so the student and the
teacher always see the same word for the same piece of work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from webapp.grading.states import ExerciseMode, ShownStatus
from webapp.models import IN_PROGRESS, SUBMITTED, Assignment, Label, Lesson, Student, Submission
from webapp.models.base import utcnow
from webapp.services.assignments import work_status
from webapp.services.labels import open_submission


@dataclass(frozen=True)
class StudentAssignment:
    """One row of the student's dashboard."""

    assignment_id: int
    title: str
    lesson_title: str | None
    mode: str
    due_at: dt.datetime | None
    status: str
    labels: int
    action: str  # "start", "continue" or "feedback"


def _action(status: str, labels: int) -> str:
    if status in (ShownStatus.SUBMITTED, ShownStatus.SUBMITTED_LATE):
        return "feedback"
    return "continue" if labels or status == IN_PROGRESS else "start"


def student_assignments(session: Session, student: Student, now: dt.datetime | None = None) -> list[StudentAssignment]:
    """The student's class assignments, those due soonest first (undated ones last)."""
    now = now or utcnow()
    assignments = session.scalars(select(Assignment).where(Assignment.classroom_id == student.classroom_id)).all()
    submissions = {s.assignment_id: s for s in session.scalars(
        select(Submission).where(Submission.student_id == student.id))}
    counts = dict(session.execute(select(Label.submission_id, func.count(Label.id)).join(Submission)
                                  .where(Submission.student_id == student.id).group_by(Label.submission_id)).all())
    rows = []
    for assignment in assignments:
        submission = submissions.get(assignment.id)
        status = work_status(submission, assignment.due_at, now)
        labels = counts.get(submission.id, 0) if submission else 0
        lesson = session.get(Lesson, assignment.lesson_id) if assignment.lesson_id else None
        rows.append(StudentAssignment(assignment.id, assignment.exercise.title, lesson.title if lesson else None,
                                      assignment.exercise.mode, assignment.due_at, status, labels,
                                      _action(status, labels)))
    far = dt.datetime.max
    return sorted(rows, key=lambda r: (r.action == "feedback", r.due_at or far, r.assignment_id))


def is_submitted(submission: Submission | None) -> bool:
    return submission is not None and submission.status == SUBMITTED


def submit(session: Session, assignment: Assignment, student: Student) -> bool:
    """Hand the work in and lock its labels; False when it was already handed in (a double submit)."""
    submission = open_submission(session, assignment, student)
    done = session.execute(
        update(Submission).where(Submission.id == submission.id, Submission.status == IN_PROGRESS)
        .values(status=SUBMITTED, submitted_at=utcnow(), version=Submission.version + 1)
        .execution_options(synchronize_session=False)).rowcount
    session.commit()
    session.refresh(submission)
    return bool(done)


def may_see_feedback(assignment: Assignment, submission: Submission | None) -> bool:
    """Practice work shows its feedback at once; graded work only once it is handed in."""
    return assignment.exercise.mode == ExerciseMode.PRACTICE or is_submitted(submission)
