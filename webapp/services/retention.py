"""Data retention: deleting a whole class with everything attached to it.

Rows are deleted explicitly, child tables first, rather than trusting ``ON DELETE CASCADE``:
SQLite enforces foreign keys only when a pragma is on, and a deletion that leaves a student's
labels behind is worse than none. The caller asks for confirmation first and commits.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from webapp.models import AppliedChange, Assignment, Classroom, Label, Student, Submission


def delete_classroom(session: Session, classroom: Classroom) -> dict[str, int]:
    """Delete the class, its students, assignments, submissions, labels and applied changes;
    returns how many rows of each went."""
    assignments = select(Assignment.id).where(Assignment.classroom_id == classroom.id)
    students = select(Student.id).where(Student.classroom_id == classroom.id)
    submissions = select(Submission.id).where(
        Submission.assignment_id.in_(assignments) | Submission.student_id.in_(students))
    counts = {
        "labels": session.execute(delete(Label).where(Label.submission_id.in_(submissions))).rowcount,
        "applied_changes": session.execute(
            delete(AppliedChange).where(AppliedChange.submission_id.in_(submissions))).rowcount,
    }
    counts["submissions"] = session.execute(delete(Submission).where(Submission.id.in_(submissions))).rowcount
    counts["assignments"] = session.execute(delete(Assignment).where(Assignment.classroom_id == classroom.id)).rowcount
    counts["students"] = session.execute(delete(Student).where(Student.classroom_id == classroom.id)).rowcount
    counts["classrooms"] = session.execute(delete(Classroom).where(Classroom.id == classroom.id)).rowcount
    session.flush()
    return counts
