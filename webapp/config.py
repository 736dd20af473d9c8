"""Every setting FrameLab reads from its environment, read here and nowhere else.

``settings(instance, overrides)`` is the whole Flask configuration: production's defaults from
the environment, then ``overrides`` on top (the tests pass only what differs: a database, TESTING,
CSRF off...). The rest of the app reads ``app.config``; code that runs without an app (the
analysis CLI, gunicorn's config module, a retraining child process) calls the function here.

``DATABASE_URL`` selects PostgreSQL (``postgresql://user@host/db``); without it the app uses
SQLite in ``instance/``. The secret key comes from ``FRAMELAB_SECRET_KEY`` or is generated once
into ``instance/secret_key`` (never committed), unless an override supplies one.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MAX_UPLOAD_BYTES = 4 * 1024 * 1024
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SESSION_HOURS = {"student": 12, "teacher": 168}
# The retraining child process finds its database here (set by retrain_queue.launch_process).
JOB_DATABASE_ENV = "FRAMELAB_JOB_DATABASE_URL"


def _text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _int(name: str, default: int) -> int:
    value = _text(name)
    return int(value) if value.isdigit() else default


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def database_url(instance_path: Path) -> str:
    """The SQLAlchemy URL: ``DATABASE_URL`` (psycopg 3 driver for PostgreSQL) or SQLite."""
    url = _text("DATABASE_URL")
    if not url:
        return f"sqlite:///{instance_path / 'framelab.sqlite'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def job_database_url() -> str:
    """The database a retraining child process works on (``FRAMELAB_JOB_DATABASE_URL``)."""
    return os.environ[JOB_DATABASE_ENV]


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


def secure_cookies() -> bool:
    """Behind HTTPS (a district server), ``FRAMELAB_SECURE_COOKIES=1``: cookies only over HTTPS."""
    return _flag("FRAMELAB_SECURE_COOKIES", False)


def trusted_proxies() -> int:
    """Reverse proxies in front of the app (``FRAMELAB_TRUSTED_PROXIES``, default 0): their
    X-Forwarded-For/-Proto/-Host are believed (see app._trust_proxies)."""
    return _int("FRAMELAB_TRUSTED_PROXIES", 0)


def allow_signup() -> bool:
    """Open teacher sign-up unless ``FRAMELAB_ALLOW_SIGNUP=0`` (a school server may want only
    accounts made with ``framelab create-teacher``)."""
    return _text("FRAMELAB_ALLOW_SIGNUP", "1").lower() not in ("0", "false", "no", "off")


def session_hours(role: str) -> float:
    """Maximum age of a session: ``FRAMELAB_STUDENT_SESSION_HOURS`` (default 12, a school day) or
    ``FRAMELAB_TEACHER_SESSION_HOURS`` (default 168, a week); a value that is not a number is ignored."""
    try:
        return float(_text(f"FRAMELAB_{role.upper()}_SESSION_HOURS") or DEFAULT_SESSION_HOURS[role])
    except ValueError:
        return DEFAULT_SESSION_HOURS[role]


def time_zone() -> str | None:
    """The school's default time zone (``FRAMELAB_TIME_ZONE``, an IANA name), else None (UTC)."""
    return _text("FRAMELAB_TIME_ZONE") or None


def ratelimit_storage() -> str:
    """Where sign-in limits are counted (``FRAMELAB_RATELIMIT_STORAGE``): shared Redis on several servers."""
    return _text("FRAMELAB_RATELIMIT_STORAGE") or "memory://"


def redis_url() -> str | None:
    """Background retraining runs as an RQ job on this Redis (``framelab worker``); unset: a child process."""
    return _text("FRAMELAB_REDIS_URL") or None


def corpus_dir() -> Path:
    """The corpus folder (``FRAMELAB_CORPUS``, default ./corpus beside the package)."""
    return Path(_text("FRAMELAB_CORPUS") or PROJECT_ROOT / "corpus")


def lessons_dir() -> Path:
    """The lessons folder (``FRAMELAB_LESSONS``, default ./lessons)."""
    return Path(_text("FRAMELAB_LESSONS") or PROJECT_ROOT / "lessons")


def models_dir() -> Path:
    """The models folder (``FRAMELAB_MODELS``, default ./models)."""
    return Path(_text("FRAMELAB_MODELS") or PROJECT_ROOT / "models")


def server_address() -> tuple[str, int, int | None]:
    """(host, port, workers) for gunicorn's config module: ``FRAMELAB_HOST`` (127.0.0.1),
    ``FRAMELAB_PORT`` (8000), ``FRAMELAB_WORKERS`` (None: serving.default_workers)."""
    workers = _int("FRAMELAB_WORKERS", 0)
    return _text("FRAMELAB_HOST") or "127.0.0.1", _int("FRAMELAB_PORT", 8000), workers or None


def settings(instance_path: Path, overrides: Mapping[str, Any] | None = None) -> dict:
    """The Flask configuration: production's settings, then ``overrides`` on top.

    An override's SECRET_KEY means no key file is read or written; an override's database URI
    gets the engine options of its own engine."""
    overrides = dict(overrides or {})
    url = overrides.get("SQLALCHEMY_DATABASE_URI") or database_url(instance_path)
    result: dict = {
        "SECRET_KEY": overrides["SECRET_KEY"] if "SECRET_KEY" in overrides else secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url),
        "MAX_CONTENT_LENGTH": MAX_UPLOAD_BYTES,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies(),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": secure_cookies(),
        # A student may keep an exercise open for a whole lesson: the CSRF token lives as long
        # as the session instead of expiring after an hour and failing their saves.
        "WTF_CSRF_TIME_LIMIT": None,
        "RATELIMIT_STORAGE_URI": ratelimit_storage(),
        "RATELIMIT_HEADERS_ENABLED": True,
        "FRAMELAB_REDIS_URL": redis_url(),
        "FRAMELAB_TRUSTED_PROXIES": trusted_proxies(),
        "FRAMELAB_ALLOW_SIGNUP": allow_signup(),
        "FRAMELAB_STUDENT_SESSION_HOURS": session_hours("student"),
        "FRAMELAB_TEACHER_SESSION_HOURS": session_hours("teacher"),
        "FRAMELAB_TIME_ZONE": time_zone(),
    }
    # Overriding engine options add to these: hide_parameters stays on for every engine.
    engine: dict = {**engine_options(url), **overrides.get("SQLALCHEMY_ENGINE_OPTIONS", {})}
    return {**result, **overrides, "SQLALCHEMY_ENGINE_OPTIONS": engine}
