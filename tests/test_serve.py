"""`framelab serve`: the gunicorn settings it builds, the database checks before it starts, the
SQLite pragmas every connection gets and the PostgreSQL pool settings."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from webapp import config, serving
from webapp.extensions import db
from webapp.web.commands import serve_command


@pytest.fixture
def started(monkeypatch):
    """What `framelab serve` would hand gunicorn, captured instead of serving."""
    calls: list[dict] = []
    monkeypatch.setattr(serving, "serve", calls.append)
    return calls


def test_serve_runs_gunicorn_with_the_given_flags(runner, started):
    result = runner.invoke(serve_command, ["--host", "0.0.0.0", "--port", "8123", "--workers", "3",
                                           "--threads", "2", "--timeout", "45"])
    assert result.exit_code == 0, result.output
    settings = started[0]
    assert settings["bind"] == ["0.0.0.0:8123"]
    assert (settings["workers"], settings["threads"], settings["timeout"]) == (3, 2, 45)
    assert settings["worker_class"] == "gthread"
    assert "3 workers" in result.output


def test_serve_defaults_to_workers_from_cores(runner, started, monkeypatch):
    monkeypatch.setattr(serving.os, "cpu_count", lambda: 2)
    assert runner.invoke(serve_command, []).exit_code == 0
    settings = started[0]
    assert settings["bind"] == ["127.0.0.1:5000"]
    assert settings["workers"] == 5


def test_worker_count_is_capped_for_big_machines():
    assert serving.default_workers(1) == 3
    assert serving.default_workers(64) == 9


def test_workers_are_recycled_and_restart_gracefully():
    settings = serving.gunicorn_settings()
    assert settings["max_requests"] > 0 and settings["max_requests_jitter"] > 0
    assert 0 < settings["graceful_timeout"] <= settings["timeout"]
    assert settings["preload_app"] is False  # no database connection crosses the fork


def test_ipv6_hosts_are_bracketed():
    assert serving.gunicorn_settings("::1", 8000)["bind"] == ["[::1]:8000"]


def test_gunicorn_accepts_every_setting():
    """gunicorn itself validates the settings (an unknown name or a bad value raises)."""
    server = serving.FrameLabServer(serving.gunicorn_settings("127.0.0.1", 8000, 2), app_factory=lambda: None)
    assert server.cfg.workers == 2
    assert server.cfg.max_requests == serving.MAX_REQUESTS


def test_the_gunicorn_config_module_reads_the_environment(monkeypatch):
    import importlib

    monkeypatch.setenv("FRAMELAB_PORT", "8088")
    monkeypatch.setenv("FRAMELAB_WORKERS", "2")
    import webapp.gunicorn_conf as conf

    conf = importlib.reload(conf)
    assert conf.bind == ["127.0.0.1:8088"] and conf.workers == 2 and conf.worker_class == "gthread"


def test_serve_refuses_a_database_without_tables(tmp_path, started, monkeypatch):
    from webapp.app import create_app

    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'empty.sqlite'}"})
    with app.app_context():
        result = app.test_cli_runner().invoke(serve_command, [])
        db.engine.dispose()
    assert result.exit_code == 1
    assert "framelab load" in result.output
    assert started == []


def test_serve_dev_flag_uses_the_flask_server(runner, started, app, monkeypatch):
    ran = []
    monkeypatch.setattr(type(app), "run", lambda self, **kwargs: ran.append(kwargs))
    assert runner.invoke(serve_command, ["--dev", "--port", "5050"]).exit_code == 0
    assert ran and ran[0]["port"] == 5050 and ran[0]["debug"] is False
    assert started == []


def test_a_new_sqlite_connection_uses_wal_and_waits_when_busy(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas: this run uses PostgreSQL")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_postgresql_gets_a_checked_recycled_pool(monkeypatch):
    monkeypatch.setenv("FRAMELAB_DB_POOL_SIZE", "8")
    options = config.engine_options("postgresql+psycopg://db.example/framelab")
    assert options["pool_size"] == 8 and options["max_overflow"] == 2
    assert options["pool_pre_ping"] is True and options["pool_recycle"] > 0
    assert "pool_size" not in config.engine_options("sqlite:///x.sqlite")


def test_the_pool_settings_reach_the_engine(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://root@127.0.0.1:5432/test")
    monkeypatch.setenv("FRAMELAB_SECRET_KEY", "k")
    from webapp.app import create_app

    app = create_app()
    with app.app_context():
        assert db.engine.pool.size() == serving.THREADS  # one connection per gunicorn thread
        db.engine.dispose()
