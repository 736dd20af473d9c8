"""Changing an assignment after it was given: a new due date, unassigning it (keeping the
students' work or deleting it). Returning one student's work is ``assignments.return_submission``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from webapp.models import Assignment
from webapp.models.base import utcnow
from webapp.services.assignments import AssignmentError, check_due

KEEP, DELETE = "keep", "delete"


def change_due(session: Session, assignment: Assignment, due_at: dt.datetime | None) -> None:
    """A new due time (UTC) or none; a time already past is refused as a slip, unless unchanged."""
    if due_at != assignment.due_at:
        check_due(due_at)
    assignment.due_at = due_at
    session.flush()


def unassign(session: Session, assignment: Assignment, what_to_do_with_work: str) -> None:
    """Take the assignment away from the class. ``keep``: students no longer see it, the teacher
    keeps its results and may assign it again; ``delete``: it goes with every student's work."""
    if what_to_do_with_work == KEEP:
        if assignment.unassigned_at is not None:
            raise AssignmentError("This assignment is already unassigned.")
        assignment.unassigned_at = utcnow()
    elif what_to_do_with_work == DELETE:
        session.delete(assignment)
    else:
        raise AssignmentError("Choose whether to keep the students' work or delete it.", "work")
    session.flush()
