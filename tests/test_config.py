"""Settings are read in one place (webapp.config): a test's app is production's configuration with
the test's overrides on top, and no other module of webapp reads the environment."""

from __future__ import annotations

import ast
from pathlib import Path

from fixtures_web import _config

from webapp import config

WEBAPP = Path(__file__).resolve().parent.parent / "webapp"
# Modules allowed to touch os.environ, each for a reason that is not reading a setting.
ENVIRONMENT_ALLOWED = {
    "config.py": "the one place settings are read",
    "services/retrain_queue.py": "hands the whole environment on to the retraining child process",
}


def test_an_app_made_with_test_overrides_keeps_the_production_settings(app):
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["REMEMBER_COOKIE_HTTPONLY"] is True
    assert app.config["MAX_CONTENT_LENGTH"] == config.MAX_UPLOAD_BYTES
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None
    assert app.config["RATELIMIT_HEADERS_ENABLED"] is True
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["hide_parameters"] is True
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    # Production on the same database (its engine options depend on the engine).
    production = config.settings(Path(app.instance_path), {"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI":
                                                           app.config["SQLALCHEMY_DATABASE_URI"]})
    for name in set(production) - set(_config("")):
        assert app.config[name] == production[name], name


def test_an_override_wins_over_a_default(make_app):
    app = make_app(MAX_CONTENT_LENGTH=1024, SESSION_COOKIE_SAMESITE="Strict")
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 and app.config["SESSION_COOKIE_SAMESITE"] == "Strict"
    assert app.config["SECRET_KEY"] == "test-secret"


def test_the_engine_options_follow_the_overriding_database():
    options = config.settings(Path("/nonexistent"), {"SECRET_KEY": "x",
                              "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db.example/framelab"})
    assert options["SQLALCHEMY_ENGINE_OPTIONS"]["pool_size"] == 4


def test_an_overriding_secret_key_writes_no_key_file(tmp_path, monkeypatch):
    monkeypatch.delenv("FRAMELAB_SECRET_KEY", raising=False)
    settings = config.settings(tmp_path / "instance", {"SECRET_KEY": "given"})
    assert settings["SECRET_KEY"] == "given"
    assert not (tmp_path / "instance").exists()
    assert config.settings(tmp_path / "instance")["SECRET_KEY"] == (tmp_path / "instance" / "secret_key").read_text()


def test_environment_settings_reach_the_app_config(make_app, monkeypatch):
    monkeypatch.setenv("FRAMELAB_SECURE_COOKIES", "1")
    monkeypatch.setenv("FRAMELAB_TRUSTED_PROXIES", "1")
    monkeypatch.setenv("FRAMELAB_TIME_ZONE", "Europe/Paris")
    monkeypatch.setenv("FRAMELAB_STUDENT_SESSION_HOURS", "6")
    app = make_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True and app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["FRAMELAB_TRUSTED_PROXIES"] == 1
    assert app.config["FRAMELAB_TIME_ZONE"] == "Europe/Paris"
    assert app.config["FRAMELAB_STUDENT_SESSION_HOURS"] == 6.0


def _touches_environment(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in ("environ", "environb", "getenv", "putenv")
    return isinstance(node, ast.ImportFrom) and node.module == "os" and \
        any(alias.name in ("environ", "environb", "getenv") for alias in node.names)


def _reads_environment(tree: ast.AST) -> list[int]:
    """Lines that touch os.environ / os.getenv / os.putenv, or import environ or getenv from os."""
    return [node.lineno for node in ast.walk(tree) if _touches_environment(node)]


def test_no_module_but_config_reads_the_environment():
    offenders = {}
    for path in sorted(WEBAPP.rglob("*.py")):
        name = path.relative_to(WEBAPP).as_posix()
        if name in ENVIRONMENT_ALLOWED:
            continue
        if lines := _reads_environment(ast.parse(path.read_text(encoding="utf-8"))):
            offenders[name] = lines
    assert offenders == {}, "read the setting in webapp/config.py (one documented function) and use app.config"


def test_the_allow_list_is_still_needed():
    for name in ENVIRONMENT_ALLOWED:
        assert _reads_environment(ast.parse((WEBAPP / name).read_text(encoding="utf-8"))), name
