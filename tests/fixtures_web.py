"""Web fixtures: an app on a fresh database per test, a client, a CLI runner, and builders.

The database is SQLite by default. With FRAMELAB_TEST_DATABASE_URL=postgresql://root@127.0.0.1/test
every test gets its own PostgreSQL database instead, cloned from a template built once per run
(the same migrations and content), so the suite runs unchanged on both engines.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid

import pytest
from sqlalchemy import create_engine, text

from webapp import paths
from webapp.services import accounts

PG_URL = os.environ.get("FRAMELAB_TEST_DATABASE_URL", "")
# One template per test run, so that two runs on one server (two engineers, CI) never collide.
PG_TEMPLATE = f"framelab_template_{os.getpid()}"
TEACHER_PASSWORD = "correct horse battery"
# The Redis that tests of shared state use (database 15, so a school's own data is never touched).
REDIS_URL = os.environ.get("FRAMELAB_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


# Skipped where no Redis answers, except under CI, which must have it.
needs_redis = pytest.mark.skipif(not os.environ.get("CI") and not _redis_answers(),
                                 reason=f"Redis does not answer at {REDIS_URL}")


def _config(uri: str) -> dict:
    return {
        "SECRET_KEY": "test-secret", "TESTING": True, "SQLALCHEMY_DATABASE_URI": uri,
        "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "SERVER_NAME": "localhost",
    }


def _build(uri: str) -> None:
    """Migrate an empty database to head and load the shipped content into it."""
    from flask_migrate import upgrade

    from webapp.app import create_app
    from webapp.extensions import db
    from webapp.services.content import load_content
    from webapp.services.model import current_detector

    app = create_app(_config(uri))
    with app.app_context():
        upgrade()
        detector, version = current_detector()
        load_content(db.session, paths.corpus_dir(), paths.lessons_dir(), detector, version)
        db.engine.dispose()


def _pg_admin():
    """An AUTOCOMMIT engine without a pool (nothing left open) for CREATE/DROP DATABASE."""
    from sqlalchemy.pool import NullPool

    base = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    return create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool), base.rsplit("/", 1)[0]


def _open_connections(admin_connection, database: str, patience: float = 2.0) -> int:
    """Connections still open to ``database``; waits up to ``patience`` seconds for closing ones to end."""
    deadline = time.monotonic() + patience
    while True:
        count = admin_connection.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = :name"),
                                         {"name": database}).scalar_one()
        if count == 0 or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory):
    """The URI of a database with migrations applied and content loaded, built once."""
    if PG_URL:
        admin, server = _pg_admin()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {PG_TEMPLATE}"))
        _build(f"{server}/{PG_TEMPLATE}")
        yield f"{server}/{PG_TEMPLATE}"
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)"))
        return
    path = tmp_path_factory.mktemp("template") / "framelab.sqlite"
    _build(f"sqlite:///{path}")
    yield f"sqlite:///{path}"


@pytest.fixture
def database_uri(template_database, tmp_path):
    """A fresh copy of the template database for one test."""
    if PG_URL:
        admin, server = _pg_admin()
        name = f"framelab_t_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {PG_TEMPLATE}"))
        yield f"{server}/{name}"
        with admin.connect() as conn:
            left_open = _open_connections(conn, name)
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        if left_open:
            pytest.fail(f"the test left {left_open} connection(s) to its database open: dispose the engine "
                        "of every app it made (make_app does); otherwise the garbage collector warns about "
                        "them later, in whichever test happens to be running")
        return
    copy = tmp_path / "framelab.sqlite"
    shutil.copy(template_database.removeprefix("sqlite:///"), copy)
    yield f"sqlite:///{copy}"


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch):
    """scrypt is deliberately slow; tests that create hundreds of students use a cheap hash."""
    monkeypatch.setattr(accounts, "HASH_METHOD", "pbkdf2:sha256:1000")
    monkeypatch.setattr(accounts, "PIN_HASH_METHOD", "pbkdf2:sha256:1000")


@pytest.fixture
def app(database_uri):
    from webapp.app import create_app
    from webapp.extensions import db

    app = create_app(_config(database_uri))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def make_app(database_uri):
    """More apps on this test's database (a second worker or machine), made from the tests' settings
    with ``overrides``; their connections are closed after the test."""
    from webapp.app import create_app
    from webapp.extensions import db

    made = []

    def make(**overrides):
        made.append(create_app({**_config(database_uri), **overrides}))
        return made[-1]

    yield make
    for extra in made:
        with extra.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db_session(app):
    from webapp.extensions import db

    return db.session


@pytest.fixture
def make_teacher(db_session):
    def make(email: str = "teacher@example.org", name: str = "Ms Rivera", admin: bool = False):
        teacher = accounts.create_teacher(db_session, email, name, TEACHER_PASSWORD, admin=admin)
        db_session.commit()
        return teacher

    return make


@pytest.fixture
def make_classroom(db_session):
    def make(teacher, name: str = "Period 3"):
        classroom = accounts.create_classroom(db_session, teacher, name)
        db_session.commit()
        return classroom

    return make


@pytest.fixture
def make_student(db_session):
    def make(classroom, name: str = "Ada", pin: str = "1234"):
        student, _ = accounts.add_student(db_session, classroom, name, pin)
        db_session.commit()
        return student

    return make


def sign_in(client, account) -> None:
    """Sign ``account`` in on this test client, as Flask-Login would after a real sign-in."""
    with client.session_transaction() as session:
        session["_user_id"] = account.get_id()
        session["_fresh"] = True


@pytest.fixture
def login():
    return sign_in
