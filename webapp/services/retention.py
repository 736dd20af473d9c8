"""Data retention: deleting a student or a whole class with everything attached to it, and
counting what a deletion would take, for the confirmation page.

Rows are deleted explicitly, child tables first, rather than trusting ``ON DELETE CASCADE``:
SQLite enforces foreign keys only when a pragma is on, and a deletion that leaves a student's
labels behind is worse than none. The caller asks for confirmation first and commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from webapp.models import AppliedChange, Assignment, Classroom, Label, Student, Submission


@dataclass(frozen=True)
class Footprint:
    """What a deletion takes: the counts the confirmation page shows."""

    students: int
    assignments: int
    submissions: int
    labels: int
    comments: int  # submissions with a teacher comment
    grades: int  # submissions with a teacher grade


def _submissions_of_class(classroom: Classroom) -> Select:
    assignments = select(Assignment.id).where(Assignment.classroom_id == classroom.id)
    students = select(Student.id).where(Student.classroom_id == classroom.id)
    return select(Submission.id).where(Submission.assignment_id.in_(assignments) | Submission.student_id.in_(students))


def _footprint(session: Session, submissions: Select, students: int, assignments: int) -> Footprint:
    def count(*where) -> int:
        return session.scalar(select(func.count()).select_from(Submission)
                              .where(Submission.id.in_(submissions), *where)) or 0

    labels = session.scalar(select(func.count()).select_from(Label).where(Label.submission_id.in_(submissions)))
    return Footprint(students, assignments, count(), labels or 0,
                     count(Submission.teacher_comment.is_not(None), Submission.teacher_comment != ""),
                     count(Submission.grade_override.is_not(None)))


def student_footprint(session: Session, student: Student) -> Footprint:
    """What deleting ``student`` takes (assignments stay: they belong to the class)."""
    return _footprint(session, select(Submission.id).where(Submission.student_id == student.id), 1, 0)


def class_footprint(session: Session, classroom: Classroom) -> Footprint:
    """What deleting ``classroom`` takes."""
    students = session.scalar(select(func.count()).select_from(Student).where(Student.classroom_id == classroom.id))
    assignments = session.scalar(select(func.count()).select_from(Assignment)
                                 .where(Assignment.classroom_id == classroom.id))
    return _footprint(session, _submissions_of_class(classroom), students or 0, assignments or 0)


def _delete_submissions(session: Session, submissions: Select) -> dict[str, int]:
    """Delete the submissions chosen by ``submissions`` (an id query) with their labels and applied changes."""
    counts = {
        "labels": session.execute(delete(Label).where(Label.submission_id.in_(submissions))).rowcount,
        "applied_changes": session.execute(
            delete(AppliedChange).where(AppliedChange.submission_id.in_(submissions))).rowcount,
    }
    counts["submissions"] = session.execute(delete(Submission).where(Submission.id.in_(submissions))).rowcount
    return counts


def delete_student(session: Session, student: Student) -> dict[str, int]:
    """Delete the student with every submission, label and applied change of theirs (comments and
    grades live on the submissions); their classmates' work is untouched. Returns the counts."""
    counts = _delete_submissions(session, select(Submission.id).where(Submission.student_id == student.id))
    session.delete(student)
    session.flush()
    counts["students"] = 1
    return counts


def delete_classroom(session: Session, classroom: Classroom) -> dict[str, int]:
    """Delete the class, its students, assignments, submissions, labels and applied changes;
    returns how many rows of each went."""
    counts = _delete_submissions(session, _submissions_of_class(classroom))
    counts["assignments"] = session.execute(delete(Assignment).where(Assignment.classroom_id == classroom.id)).rowcount
    counts["students"] = session.execute(delete(Student).where(Student.classroom_id == classroom.id)).rowcount
    counts["classrooms"] = session.execute(delete(Classroom).where(Classroom.id == classroom.id)).rowcount
    session.flush()
    return counts
