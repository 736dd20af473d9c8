"""Settings from environment variables, with defaults for a single school machine.

``DATABASE_URL`` selects PostgreSQL (``postgresql://user@host/db``); without it the app uses
SQLite in ``instance/``. The secret key comes from ``FRAMELAB_SECRET_KEY`` or is generated once
into ``instance/secret_key`` (never committed).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

MAX_UPLOAD_BYTES = 4 * 1024 * 1024


def database_url(instance_path: Path) -> str:
    """The SQLAlchemy URL: ``DATABASE_URL`` (psycopg 3 driver for PostgreSQL) or SQLite."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{instance_path / 'framelab.sqlite'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def secret_key(instance_path: Path) -> str:
    """The session-signing key: from the environment, or made once and kept in instance/."""
    if key := os.environ.get("FRAMELAB_SECRET_KEY"):
        return key
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else default


def engine_options(url: str) -> dict:
    """SQLAlchemy engine settings for this database.

    PostgreSQL: a small pool per worker process (``FRAMELAB_DB_POOL_SIZE``, default 4: one per
    gunicorn thread, plus ``FRAMELAB_DB_MAX_OVERFLOW``, default 2, for the CLI and bursts),
    checked before use and recycled hourly, so a restarted database or a firewall that drops idle
    connections costs one retry, not an error. Size it so that machines x workers x (pool +
    overflow) stays under PostgreSQL's ``max_connections`` (100 by default). SQLite: its pragmas are set per connection in
    :mod:`webapp.sqlite_connections` (WAL, busy timeout); the default pool suits it.
    Both: ``hide_parameters``, so that an error's text never carries the SQL parameters
    (names, PIN hashes, session tokens, notes) into a log.
    """
    if not url.startswith("postgresql"):
        return {"pool_pre_ping": True, "hide_parameters": True}
    return {
        "pool_pre_ping": True,
        "hide_parameters": True,
        "pool_size": _int("FRAMELAB_DB_POOL_SIZE", 4),
        "max_overflow": _int("FRAMELAB_DB_MAX_OVERFLOW", 2),
        "pool_timeout": _int("FRAMELAB_DB_POOL_TIMEOUT", 10),
        "pool_recycle": 3600,
    }


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def settings(instance_path: Path) -> dict:
    """The Flask configuration for this environment."""
    return {
        "SECRET_KEY": secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url(instance_path)),
        "MAX_CONTENT_LENGTH": MAX_UPLOAD_BYTES,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Behind HTTPS (a district server), set FRAMELAB_SECURE_COOKIES=1.
        "SESSION_COOKIE_SECURE": _flag("FRAMELAB_SECURE_COOKIES", False),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": _flag("FRAMELAB_SECURE_COOKIES", False),
        # A student may keep an exercise open for a whole lesson: the CSRF token lives as long
        # as the session instead of expiring after an hour and failing their saves.
        "WTF_CSRF_TIME_LIMIT": None,
        "RATELIMIT_STORAGE_URI": os.environ.get("FRAMELAB_RATELIMIT_STORAGE", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Background retraining runs as an RQ job on this Redis (framelab worker); unset: a child process.
        "FRAMELAB_REDIS_URL": os.environ.get("FRAMELAB_REDIS_URL", "").strip() or None,
    }
