"""A maximum age for a session, whatever the browser does with the cookie: a student's lasts
``FRAMELAB_STUDENT_SESSION_HOURS`` (default 12: a school day), a teacher's
``FRAMELAB_TEACHER_SESSION_HOURS`` (default 168: a week). After that the next request finds the
visitor signed out, and a cookie copied from a shared computer is worthless."""

from __future__ import annotations

import time

from flask import current_app, flash, request, session
from flask_login import current_user, logout_user

STAMP = "signed_in_at"
DEFAULT_HOURS = {"student": 12, "teacher": 168}


def max_age_hours(role: str) -> float:
    value = current_app.config.get(f"FRAMELAB_{role.upper()}_SESSION_HOURS")
    try:
        return float(value) if value is not None else DEFAULT_HOURS[role]
    except ValueError:
        return DEFAULT_HOURS[role]


def stamp() -> None:
    """Start the clock of this session (at sign-in)."""
    session[STAMP] = int(time.time())


def check() -> None:
    """Before each request: sign out a session older than its maximum age. A session from before
    this check existed has no stamp: its clock starts now."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    started = session.get(STAMP)
    if not isinstance(started, int):
        stamp()
        return
    if time.time() - started > max_age_hours(current_user.role) * 3600:
        logout_user()
        session.clear()
        flash("You were signed out because your session was old. Please sign in again.", "info")
