"""The Flask application factory: binds extensions and blueprints, nothing else.

No database writes, no training, no network at import or factory time; the only file it may
write is the generated secret key in ``instance/`` on the very first start.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from webapp import config, sqlite_connections  # noqa: F401 - the SQLite listeners
from webapp.extensions import csrf, db, limiter, login_manager, migrate

MIGRATIONS = str(Path(__file__).resolve().parent / "migrations")


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the app on production's settings (``config.settings``) with ``overrides`` on top:
    tests pass only what differs (a temporary database, TESTING...), so they run what production runs."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(config.settings(Path(app.instance_path), overrides))
    _trust_proxies(app)
    _bind_extensions(app)
    _register_blueprints(app)
    from webapp.web import errors, localtime, requestlog, security

    errors.register(app)
    localtime.register(app)
    security.register(app)
    requestlog.register(app)
    from webapp import cli

    cli.register_on(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind nginx or another reverse proxy, FRAMELAB_TRUSTED_PROXIES=1 makes the client's own
    address (X-Forwarded-For) the one that sign-in limits count, and HTTPS visible to the app."""
    hops = int(app.config["FRAMELAB_TRUSTED_PROXIES"] or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


def _bind_extensions(app: Flask) -> None:
    import webapp.models  # noqa: F401 - registers the tables with the metadata

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.session_protection = "basic"


def _register_blueprints(app: Flask) -> None:
    from webapp.web import routing
    from webapp.web.blueprints import BLUEPRINTS

    routing.register(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)


@login_manager.user_loader
def _load_account(session_id: str):
    """Accept ``role:id:token`` only while the token matches (see models.users)."""
    from webapp.models import Student, Teacher

    try:
        role, raw_id, token = session_id.split(":", 2)
        model = {"teacher": Teacher, "student": Student}[role]
        account = db.session.get(model, int(raw_id))
    except (ValueError, KeyError):
        return None
    return account if account is not None and account.session_token == token else None
