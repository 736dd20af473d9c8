"""The JSON API the exercise page saves labels through.

Only a signed-in student reaches it, and only for an assignment of their own class; every answer
is JSON, errors included (``{"error": message, "status": code, "code": ..., "field": ...}``); the body
is read and checked by the labelling protocol (:mod:`webapp.labelling.protocol`), as the key editor's is.
CSRF protection is the app-wide Flask-WTF check: the page sends its token in ``X-CSRFToken``.
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask_login import current_user

from webapp.extensions import db
from webapp.grading.states import ExerciseMode, ShownStatus
from webapp.labelling.web import answer_label_errors, request_payload
from webapp.presenters.label_rows import labels_with_feedback
from webapp.services.cues_in_play import cues_in_play
from webapp.services.feedback import label_feedback
from webapp.services.labels import apply_change, find_submission, open_submission, parse_change
from webapp.web.access import student_assignment

bp = Blueprint("api", __name__, url_prefix="/api")


def _error(message: str, status: int, code: str, field: str | None = None):
    return jsonify(error=message, status=status, code=code, field=field), status


@bp.before_request
def _students_only():
    if not current_user.is_authenticated:
        return _error("Your session has ended. Sign in again; your unsaved labels are kept in this browser.",
                      401, "signed_out")
    if not current_user.is_student:
        return _error("Only students save labels.", 403, "forbidden")
    return None


answer_label_errors(bp)


@bp.get("/assignments/<int:assignment_id>/labels")
def labels(assignment_id: int):
    """The student's labels on this assignment, and whether the work is handed in."""
    assignment = student_assignment(assignment_id)
    submission = find_submission(db.session, assignment, current_user)
    cues = cues_in_play(db.session, assignment.exercise)
    rows = labels_with_feedback(assignment, list(submission.labels) if submission else [], cues)
    return jsonify(
        assignment=assignment.id, mode=assignment.exercise.mode, labels=rows,
        status=submission.status if submission else ShownStatus.NOT_STARTED,
        version=submission.version if submission else 0)


@bp.post("/assignments/<int:assignment_id>/changes")
def changes(assignment_id: int):
    """Apply one change (``op`` "save" or "delete"); retrying a change id is answered, not reapplied."""
    assignment = student_assignment(assignment_id)
    exercise = assignment.exercise
    change = parse_change(request_payload(), exercise.article.text, exercise.cues)
    submission = open_submission(db.session, assignment, current_user)
    result = apply_change(db.session, submission, change, exercise.article.text)
    if exercise.mode == ExerciseMode.PRACTICE and result["label"] is not None:
        saved = next(l for l in submission.labels if l.client_id == change.client_id)
        result["feedback"] = label_feedback(exercise.article, cues_in_play(db.session, exercise), saved,
                                            assignment.classroom.teacher_id)
    return jsonify(result)
