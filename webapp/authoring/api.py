"""The key editor's JSON API. It lives under ``/api/`` so that every error, CSRF failures
included, is answered in JSON, which the page's saving queue reads (``{"error", "status", "code",
"field"}``); the page sends its CSRF token in ``X-CSRFToken``."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, jsonify, request
from flask_login import current_user

from webapp.extensions import db
from webapp.services.authoring import articles, keys
from webapp.services.labels import LabelError

bp = Blueprint("authoring_api", __name__, url_prefix="/api/keys")

BODY_MAX = 16 * 1024  # a change is a few hundred bytes; a 1000-character rationale fits many times over


def _json_error(message: str, status: int, code: str, field: str | None = None):
    return jsonify(error=message, status=status, code=code, field=field), status


def teacher_json(view):
    """Like teacher_required, but answering in JSON, as the page's saving queue expects."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return _json_error("Your session has ended. Sign in again; your unsaved labels are kept in this "
                               "browser.", 401, "signed_out")
        if not current_user.is_teacher:
            return _json_error("Only teachers write answer keys.", 403, "forbidden")
        return view(*args, **kwargs)

    return wrapped


@bp.errorhandler(LabelError)
def _label_error(error: LabelError):
    return jsonify(error.as_dict()), error.status


@bp.get("/<article_id>")
@teacher_json
def key_labels(article_id: str):
    article = articles.visible_article(db.session, current_user, article_id)
    if article is None:
        return _json_error("There is no such article.", 404, "not_found")
    rows = keys.own_key(db.session, article, current_user)
    return jsonify(article=article.id, labels=[keys.key_label_dict(r) for r in rows],
                   suggestions=keys.suggestions(article, rows))


@bp.post("/<article_id>/changes")
@teacher_json
def key_changes(article_id: str):
    """Apply one change of the teacher's key (``op`` "save" or "delete"); retrying one is harmless."""
    article = articles.visible_article(db.session, current_user, article_id)
    if article is None:
        return _json_error("There is no such article.", 404, "not_found")
    if request.mimetype != "application/json":
        raise LabelError("Send the change as JSON (Content-Type: application/json).", code="content_type")
    if (request.content_length or 0) > BODY_MAX:
        raise LabelError(f"The request is too large (at most {BODY_MAX} bytes).", status=413,
                         code="too_large")
    payload = request.get_json(silent=True)
    if payload is None:
        raise LabelError("The request body is not valid JSON.", code="malformed")
    change = keys.parse_key_change(payload, article.text, keys.cue_ids(db.session))
    return jsonify(keys.apply_key_change(db.session, article, current_user, change))
