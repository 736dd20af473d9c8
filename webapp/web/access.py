"""Who may see what. Every view goes through one of these; a resource outside the caller's
reach answers 404, so that a guessed id does not even reveal that it exists."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required

from webapp.extensions import db
from webapp.models import Assignment, Classroom, Student, Submission

F = TypeVar("F", bound=Callable[..., Any])


def teacher_required(view: F) -> F:
    """Signed in as a teacher, or 403 (students) / redirect to sign-in (anonymous)."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_teacher:
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def admin_required(view: F) -> F:
    """Signed in as an administrator (a teacher account made with ``--admin``), or 403."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not (current_user.is_teacher and current_user.is_admin):
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def student_required(view: F) -> F:
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_student:
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def own_classroom(classroom_id: int) -> Classroom:
    """The current teacher's class with this id, or 404."""
    classroom = db.session.get(Classroom, classroom_id)
    if classroom is None or classroom.teacher_id != current_user.id:
        abort(404)
    return classroom


def own_student(student_id: int) -> Student:
    """A student in one of the current teacher's classes, or 404."""
    student = db.session.get(Student, student_id)
    if student is None or student.classroom.teacher_id != current_user.id:
        abort(404)
    return student


def teacher_assignment(assignment_id: int) -> Assignment:
    """An assignment of one of the current teacher's classes, or 404."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.classroom.teacher_id != current_user.id:
        abort(404)
    return assignment


def student_assignment(assignment_id: int) -> Assignment:
    """An assignment of the current student's class, or 404 (also once the teacher unassigned it)."""
    assignment = db.session.get(Assignment, assignment_id)
    if (assignment is None or assignment.classroom_id != current_user.classroom_id
            or assignment.unassigned_at is not None):
        abort(404)
    return assignment


def teacher_submission(submission_id: int) -> Submission:
    submission = db.session.get(Submission, submission_id)
    if submission is None or submission.assignment.classroom.teacher_id != current_user.id:
        abort(404)
    return submission
