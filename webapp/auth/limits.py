"""Per-address rate limits on the sign-in forms (Flask-Limiter): failed attempts only.

These are a flood guard for one address; guessing one account is limited per account, in the
database, by ``webapp.services.throttle``. Only failures count (a sign-in that succeeds
redirects), because a whole class signs in at once from one school address; an attempt the
limiter itself refused (429) is no failure, or an attacker could keep an address locked for ever.
A browser on which the account tried has signed in before (``webapp.auth.device``) is not held
back by its address, so one prankster behind the school's address cannot lock out the class.
Limits can be changed in the config (``FRAMELAB_LOGIN_LIMIT``, ``FRAMELAB_JOIN_IP_LIMIT``).
"""

from __future__ import annotations

from flask import Response, current_app, request
from sqlalchemy import select

from webapp.auth import device
from webapp.services import throttle
from webapp.services.accounts import name_key, normalise_email

DEFAULT_LIMIT = "10 per minute"
DEFAULT_JOIN_IP_LIMIT = "30 per minute"


def failed(response: Response) -> bool:
    """Anything but a redirect signed nobody in. A 429 was refused before any check, and a
    server error (500, a database that was busy) is the server's failure: neither is a guess."""
    return response.status_code not in (301, 302, 303, 429) and response.status_code < 500


def login_limit() -> str:
    return current_app.config.get("FRAMELAB_LOGIN_LIMIT", DEFAULT_LIMIT)


def join_ip_limit() -> str:
    return current_app.config.get("FRAMELAB_JOIN_IP_LIMIT", DEFAULT_JOIN_IP_LIMIT)


def _known(key: str) -> bool:
    return any(entry.startswith(key + "|") for entry in device.entries())


def known_teacher() -> bool:
    """The e-mail typed has signed in on this browser (the signed cookie says so)."""
    return _known(throttle.teacher_key(normalise_email(request.form.get("email", ""))))


def known_student() -> bool:
    """The class and name typed have signed in on this browser."""
    from webapp.extensions import db
    from webapp.models import Classroom
    from webapp.services.accounts import normalise_join_code

    if not device.entries():
        return False
    code = normalise_join_code(request.form.get("join_code", ""))[:20]
    classroom_id = db.session.scalar(select(Classroom.id).where(Classroom.join_code == code))
    return classroom_id is not None and _known(
        throttle.student_key(classroom_id, name_key(request.form.get("display_name", ""))))
