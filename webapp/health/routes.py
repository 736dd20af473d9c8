"""``GET /health``: does this app process answer, and does its database?

No sign-in (a load balancer has none), no session cookie, no private data: only "ok" or which
part is failing. A 503 takes the machine out of a load balancer's rotation until it recovers.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from webapp.extensions import csrf, db, limiter

bp = Blueprint("health", __name__)


@bp.get("/health")
@limiter.exempt
@csrf.exempt
def health():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:  # the class only: an error's text may carry data
        current_app.logger.warning("health check: the database does not answer (%s)", type(error).__name__)
        db.session.rollback()
        response = jsonify(status="unavailable", database="unavailable")
        response.status_code = 503
    else:
        response = jsonify(status="ok", database="ok")
    response.headers["Cache-Control"] = "no-store"
    return response
