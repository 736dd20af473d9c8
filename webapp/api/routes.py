"""The JSON API the exercise page saves labels through.

Only a signed-in student reaches it, and only for an assignment of their own class; every answer
is JSON, errors included (``{"error": message, "status": code, "code": ..., "field": ...}``).
CSRF protection is the app-wide Flask-WTF check: the page sends its token in ``X-CSRFToken``.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask_login import current_user

from webapp.exercises.context import labels_with_feedback
from webapp.extensions import db
from webapp.grading.states import ExerciseMode, ShownStatus
from webapp.services.cues_in_play import cues_in_play
from webapp.services.feedback import label_feedback
from webapp.services.labels import LabelError, apply_change, find_submission, open_submission, parse_change
from webapp.web.access import student_assignment

bp = Blueprint("api", __name__, url_prefix="/api")

BODY_MAX = 16 * 1024  # a change is a few hundred bytes; a 500-character note fits many times over


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


def _json_body():
    """The request's JSON object, or a LabelError saying what is wrong with it."""
    if request.mimetype != "application/json":
        raise LabelError("Send the change as JSON (Content-Type: application/json).", code="content_type")
    if (request.content_length or 0) > BODY_MAX:
        raise LabelError(f"The request is too large (at most {BODY_MAX} bytes).", status=413, code="too_large")
    try:
        payload = request.get_json(silent=True)
    except RecursionError:  # "[[[[…" nested deeper than the decoder goes: junk, not a change
        payload = None
    if payload is None:
        raise LabelError("The request body is not valid JSON.", code="malformed")
    return payload


@bp.errorhandler(LabelError)
def _label_error(error: LabelError):
    return jsonify(error.as_dict()), error.status


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
    change = parse_change(_json_body(), exercise.article.text, exercise.cues)
    submission = open_submission(db.session, assignment, current_user)
    result = apply_change(db.session, submission, change, exercise.article.text)
    if exercise.mode == ExerciseMode.PRACTICE and result["label"] is not None:
        saved = next(l for l in submission.labels if l.client_id == change.client_id)
        result["feedback"] = label_feedback(exercise.article, cues_in_play(db.session, exercise), saved,
                                            assignment.classroom.teacher_id)
    return jsonify(result)
