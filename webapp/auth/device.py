"""A known browser: a signed cookie set when someone signs in, naming the accounts that signed in
on this browser. It signs nobody in by itself (the PIN or password is still needed); it only
lets its holder past a per-account limit (``webapp.services.throttle``) that a guesser elsewhere
caused, so a prankster cannot lock a student out of their own Chromebook. Each entry carries a
fingerprint of the account's current PIN or password hash: a PIN reset or password change ends it.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "framelab_device"
MAX_AGE = 180 * 24 * 3600  # a school year
MAX_ENTRIES = 8  # a shared classroom computer: the last few people who signed in on it


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="framelab-device")


def _secret_hash(account) -> str:
    return account.password_hash if account.is_teacher else account.pin_hash


def entry(key: str, account) -> str:
    """``key`` (the throttle key) and a keyed fingerprint of the account's current secret hash."""
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), _secret_hash(account).encode(), hashlib.sha256)
    return f"{key}|{digest.hexdigest()[:20]}"


def entries() -> list[str]:
    """The entries of this request's device cookie (none when it is missing, old or forged)."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return []
    try:
        value = _serializer().loads(raw, max_age=MAX_AGE)
    except BadSignature:
        return []
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def knows(key: str, account) -> bool:
    """Has ``account`` (under throttle key ``key``) signed in on this browser, with its current secret?"""
    return account is not None and hmac.compare_digest(
        entry(key, account).encode(), next((e for e in entries() if e.startswith(key + "|")), "").encode())


def remember(response: Response, key: str, account) -> Response:
    """Add ``account`` to this browser's cookie (most recent first)."""
    kept = [e for e in entries() if not e.startswith(key + "|")]
    value = [entry(key, account), *kept][:MAX_ENTRIES]
    response.set_cookie(COOKIE, _serializer().dumps(value), max_age=MAX_AGE, httponly=True, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure)
    return response
