"""Assignments: giving a lesson or an exercise to a class, and where each student stands.

A student's status is computed, never stored, from their submission and the due date, so that
it is right at every moment without a job that flips rows to "late" when a deadline passes.
All times are naive UTC (see ``webapp.models.base.utcnow``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.grading.states import ShownStatus
from webapp.models import (
    IN_PROGRESS,
    SUBMITTED,
    Assignment,
    Classroom,
    Exercise,
    Label,
    Lesson,
    Student,
    Submission,
)
from webapp.models.base import utcnow

NOT_STARTED, LATE, SUBMITTED_LATE = ShownStatus.NOT_STARTED, ShownStatus.LATE, ShownStatus.SUBMITTED_LATE
# "Who needs the teacher's attention first": the order of the status sort and of the counts.
STATUSES = (LATE, NOT_STARTED, IN_PROGRESS, SUBMITTED_LATE, SUBMITTED)


class AssignmentError(ValueError):
    """A request that cannot be carried out; the message is meant for the teacher, and ``field``
    (when set) names the form field it is about."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def work_status(submission: Submission | None, due_at: dt.datetime | None, now: dt.datetime) -> str:
    """One student's status on one assignment at ``now``.

    Late means overdue and not submitted; work handed in after the due time is "submitted late";
    handing in exactly at the due time is on time.
    """
    if submission is not None and submission.status == SUBMITTED:
        late = due_at is not None and submission.submitted_at is not None and submission.submitted_at > due_at
        return SUBMITTED_LATE if late else SUBMITTED
    if due_at is not None and now > due_at:
        return LATE
    return NOT_STARTED if submission is None else IN_PROGRESS


@dataclass(frozen=True)
class StudentWork:
    """One row of an assignment's status table."""

    student_id: int
    display_name: str
    status: str
    submission_id: int | None = None
    submitted_at: dt.datetime | None = None
    labels: int = 0


@dataclass(frozen=True)
class AssignmentStatus:
    """Every student of the class on one assignment, with the counts per status."""

    assignment_id: int
    rows: list[StudentWork]
    counts: dict[str, int] = field(default_factory=dict)


def _counts(statuses) -> dict[str, int]:
    tally = Counter(statuses)
    return {status: tally.get(status, 0) for status in STATUSES}


def sort_rows(rows: list[StudentWork], by: str) -> list[StudentWork]:
    """Sort by name (the default) or by status, attention first, then name."""
    def by_name(row: StudentWork) -> str:
        return row.display_name.casefold()

    if by == "status":
        return sorted(rows, key=lambda row: (STATUSES.index(row.status), by_name(row)))
    return sorted(rows, key=by_name)


def assignment_status(session: Session, assignment: Assignment, now: dt.datetime | None = None,
                      sort: str = "name") -> AssignmentStatus:
    """Each student's status on ``assignment`` (students who joined later included)."""
    now = now or utcnow()
    students = session.scalars(select(Student).where(Student.classroom_id == assignment.classroom_id)).all()
    submissions = {s.student_id: s for s in session.scalars(
        select(Submission).where(Submission.assignment_id == assignment.id))}
    label_counts = dict(session.execute(
        select(Label.submission_id, func.count(Label.id)).join(Submission)
        .where(Submission.assignment_id == assignment.id).group_by(Label.submission_id)).all())
    rows = []
    for student in students:
        submission = submissions.get(student.id)
        rows.append(StudentWork(
            student_id=student.id, display_name=student.display_name,
            status=work_status(submission, assignment.due_at, now),
            submission_id=submission.id if submission else None,
            submitted_at=submission.submitted_at if submission else None,
            labels=label_counts.get(submission.id, 0) if submission else 0))
    return AssignmentStatus(assignment.id, sort_rows(rows, sort), _counts(r.status for r in rows))


@dataclass(frozen=True)
class AssignmentSummary:
    """An assignment as listed on its class page."""

    assignment: Assignment
    title: str
    lesson_title: str | None
    counts: dict[str, int]


def class_assignments(session: Session, classroom: Classroom, now: dt.datetime | None = None) -> list[AssignmentSummary]:
    """The class's assignments, newest first, each with its status counts."""
    now = now or utcnow()
    assignments = session.scalars(select(Assignment).where(Assignment.classroom_id == classroom.id)
                                  .order_by(Assignment.created_at.desc(), Assignment.id.desc())).all()
    summaries = []
    for assignment in assignments:
        status = assignment_status(session, assignment, now)
        lesson = session.get(Lesson, assignment.lesson_id) if assignment.lesson_id else None
        summaries.append(AssignmentSummary(assignment, assignment.exercise.title,
                                           lesson.title if lesson else None, status.counts))
    return summaries


def roster_summary(session: Session, classroom: Classroom, now: dt.datetime | None = None) -> dict[int, dict[str, int]]:
    """For each student of the class, how many of its assignments are in each status."""
    now = now or utcnow()
    assignments = session.scalars(select(Assignment).where(Assignment.classroom_id == classroom.id)).all()
    submissions = {(s.assignment_id, s.student_id): s for s in session.scalars(
        select(Submission).join(Assignment).where(Assignment.classroom_id == classroom.id))}
    summary = {}
    for student in classroom.students:
        statuses = [work_status(submissions.get((a.id, student.id)), a.due_at, now) for a in assignments]
        summary[student.id] = _counts(statuses)
    return summary


def check_due(due_at: dt.datetime | None, now: dt.datetime | None = None) -> None:
    """A due time in the past is almost always a slip (a wrong day, AM for PM): refuse it."""
    if due_at is not None and due_at <= (now or utcnow()):
        raise AssignmentError("That due time has already passed (times are UTC). Choose a later one.", "due_at")


def _already_assigned(session: Session, classroom: Classroom, exercise: Exercise) -> bool:
    return session.scalar(select(Assignment.id).where(
        Assignment.classroom_id == classroom.id, Assignment.exercise_id == exercise.id)) is not None


def assign_exercise(session: Session, classroom: Classroom, exercise: Exercise,
                    due_at: dt.datetime | None = None, lesson: Lesson | None = None) -> Assignment:
    """Assign one exercise; refused when the class already has it (a double submit, usually)."""
    check_due(due_at)
    if _already_assigned(session, classroom, exercise):
        raise AssignmentError(f"“{classroom.name}” already has the exercise “{exercise.title}”.")
    assignment = Assignment(classroom=classroom, exercise_id=exercise.id,
                            lesson_id=lesson.id if lesson else None, due_at=due_at)
    session.add(assignment)
    session.flush()
    return assignment


def assign_lesson(session: Session, classroom: Classroom, lesson: Lesson,
                  due_at: dt.datetime | None = None) -> list[Assignment]:
    """One assignment per exercise of the lesson, skipping those the class already has."""
    check_due(due_at)
    if not lesson.exercises:
        raise AssignmentError("This lesson has no exercises to assign.")
    fresh = [e for e in lesson.exercises if not _already_assigned(session, classroom, e)]
    if not fresh:
        raise AssignmentError(f"“{classroom.name}” already has every exercise of this lesson.")
    return [assign_exercise(session, classroom, exercise, due_at, lesson) for exercise in fresh]


def reopen_submission(session: Session, submission: Submission) -> None:
    """Let the student edit a submitted piece of work again; it counts as in progress until
    they submit it again (and then its lateness is judged by the new time)."""
    if submission.status != SUBMITTED:
        raise AssignmentError("This work is not submitted, so there is nothing to reopen.")
    submission.status = IN_PROGRESS
    submission.submitted_at = None
    session.flush()
