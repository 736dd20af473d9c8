"""``framelab`` commands that need the web app and its database. The app is created only when
one of them runs, so the analysis commands never import Flask."""

from __future__ import annotations

import click


def _app():
    """The app in use (a test's, under its app context) or a new one from the environment."""
    from flask import current_app, has_app_context

    if has_app_context():
        return current_app._get_current_object()
    from webapp.app import create_app

    return create_app()


@click.command("init-db")
def init_db_command() -> None:
    """Create or upgrade the database tables (Alembic migrations)."""
    from flask_migrate import upgrade

    app = _app()
    with app.app_context():
        upgrade()
    click.echo(f"database ready: {app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}")


@click.command("load")
def load_command() -> None:
    """Load the corpus, answer keys and lessons into the database (idempotent)."""
    from flask_migrate import upgrade

    from webapp import paths
    from webapp.extensions import db
    from webapp.services.content import load_content
    from webapp.services.model import current_detector

    app = _app()
    with app.app_context():
        upgrade()
        detector, version = current_detector()
        counts = load_content(db.session, paths.corpus_dir(), paths.lessons_dir(), detector, version)
    click.echo(
        f"loaded {counts['stories']} stories, {counts['articles']} articles "
        f"({counts['analysed']} analysed now), {counts['keys']} keys, {counts['lessons']} lessons"
    )


@click.command("create-teacher")
@click.option("--email", prompt=True, help="The teacher's e-mail address (their sign-in name).")
@click.option("--name", prompt=True, help="The name students and colleagues see.")
@click.password_option(help="At least 10 characters; asked twice when not given.")
def create_teacher_command(email: str, name: str, password: str) -> None:
    """Create a teacher account (the first one on a fresh server)."""
    from webapp.extensions import db
    from webapp.services.accounts import AccountError, create_teacher

    app = _app()
    with app.app_context():
        try:
            create_teacher(db.session, email, name, password)
        except AccountError as error:
            raise click.ClickException(str(error)) from None
        db.session.commit()
    click.echo(f"teacher account created for {email.strip().lower()}")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve_command(host: str, port: int) -> None:
    """Run the app with Flask's built-in server (one machine; use gunicorn for a district)."""
    app = _app()
    click.echo(f"FrameLab is serving on http://{host}:{port}/  (Ctrl+C stops it)")
    app.run(host=host, port=port, debug=False, use_reloader=False)


@click.command("demo")
def demo_command() -> None:
    """Set up the demo classroom (idempotent) and print how to sign in to it."""
    from flask_migrate import upgrade

    from webapp.extensions import db
    from webapp.services.demo import DemoError, ensure_demo

    app = _app()
    with app.app_context():
        upgrade()
        try:
            demo = ensure_demo(db.session)
        except DemoError as error:
            raise click.ClickException(str(error)) from None
    click.echo(_demo_text(demo))


def _demo_text(demo) -> str:
    state = "created" if demo.created else "ready (it was already there)"
    lines = [
        f"Demo classroom {state}. These details are public: use the demo to try FrameLab out,",
        "not on a server with real students' work.",
        "",
        "  Teacher: sign in at /login (e.g. http://127.0.0.1:5000/login)",
        f"    e-mail    {demo.email}",
        f"    password  {demo.password}",
        "",
        f"  Students of \"{demo.classroom}\": sign in at /join with the class code {demo.join_code}",
    ]
    lines += [f"    {name:<10} PIN {pin}" for name, pin in demo.students]
    lines += ["", f"  Assignment: \"{demo.exercise}\" (two submitted, one in progress, two not started)"]
    return "\n".join(lines)


COMMANDS = [init_db_command, load_command, create_teacher_command, serve_command, demo_command]
