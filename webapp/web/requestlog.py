"""One JSON line per request on the ``framelab.requests`` logger, for a school's log tools.

A line holds the method, the route's template (``/api/assignments/<int:assignment_id>/changes``,
never the ids or query string actually requested), the status, the duration in milliseconds,
the role signed in and a request id (``X-Request-ID`` from a proxy when well-formed, else a new
one, echoed in the response). Nothing a user typed is logged: no names, passwords, PINs,
tokens, labels or notes. Where the lines go is the server's choice (``webapp.serving``).
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

logger = logging.getLogger("framelab.requests")

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def _route() -> str:
    """The matched route's template; unmatched paths (404s, probes) are not echoed into the logs."""
    rule = request.url_rule
    return rule.rule if rule is not None else "<unmatched>"


def _role() -> str:
    """``teacher``, ``student`` or ``anonymous``, without loading an account just to log it."""
    user = g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    return "teacher" if user.is_teacher else "student"


def _start() -> None:
    g.request_started = time.perf_counter()
    offered = request.headers.get("X-Request-ID", "")
    g.request_id = offered if _REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex


def register(app: Flask) -> None:
    """Time and log every request. The start hook goes first, ahead of the rate limiter's and
    the CSRF check's, so that the requests they refuse (429, 400) are logged too."""
    app.before_request_funcs.setdefault(None, []).insert(0, _start)

    @app.after_request
    def _log(response: Response) -> Response:
        started = g.get("request_started")
        if started is None:  # a request that failed before our first hook ran
            return response
        response.headers.setdefault("X-Request-ID", g.request_id)
        if logger.isEnabledFor(logging.INFO):
            logger.info(json.dumps({
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "request_id": g.request_id,
                "method": request.method,
                "route": _route(),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "role": _role(),
            }, separators=(",", ":")))
        return response
