"""The key editor's JSON API. It lives under ``/api/`` so that every error, CSRF failures
included, is answered in JSON, which the page's saving queue reads (``{"error", "status", "code",
"field"}``); the page sends its CSRF token in ``X-CSRFToken``. Bodies are read and checked by the
labelling protocol (:mod:`webapp.labelling.protocol`), the student API's own."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, jsonify
from flask_login import current_user

from webapp.extensions import db
from webapp.labelling.web import answer_label_errors, request_payload
from webapp.services.authoring import articles, keys

bp = Blueprint("authoring_api", __name__, url_prefix="/api/keys")


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


answer_label_errors(bp)


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
    change = keys.parse_key_change(request_payload(), article.text, keys.cue_ids(db.session))
    return jsonify(keys.apply_key_change(db.session, article, current_user, change))
