"""Rate limits on the sign-in forms: failed attempts only, per address and per account.

Only failures count (a sign-in that succeeds redirects), because a whole class signs in at
once from one school address. Limits can be changed in the config (``FRAMELAB_LOGIN_LIMIT``,
``FRAMELAB_JOIN_IP_LIMIT``); the student join page allows more failures per address than per
account, since thirty students share one address and some will mistype their PIN.
"""

from __future__ import annotations

from flask import Response, current_app, request

from webapp.services.accounts import name_key, normalise_email, normalise_join_code

DEFAULT_LIMIT = "10 per minute"
DEFAULT_JOIN_IP_LIMIT = "30 per minute"


def failed(response: Response) -> bool:
    """A sign-in form that answers with anything but a redirect did not sign anyone in; a
    server error (500, a database that was busy) is the server's failure, not a wrong guess."""
    return response.status_code not in (301, 302, 303) and response.status_code < 500


def login_limit() -> str:
    return current_app.config.get("FRAMELAB_LOGIN_LIMIT", DEFAULT_LIMIT)


def join_ip_limit() -> str:
    return current_app.config.get("FRAMELAB_JOIN_IP_LIMIT", DEFAULT_JOIN_IP_LIMIT)


def teacher_key() -> str:
    """The account being tried: the e-mail typed, so guessing one password from many addresses stalls."""
    return "teacher:" + normalise_email(request.form.get("email", ""))[:254]


def student_key() -> str:
    code = normalise_join_code(request.form.get("join_code", ""))[:20]
    return f"student:{code}:{name_key(request.form.get('display_name', ''))[:60]}"
