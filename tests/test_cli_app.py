"""The ``framelab`` commands are also the app's own (``app.cli``): ``flask --app webapp.app`` and
``app.test_cli_runner()`` see the same commands, and the database commands then act on that app's
database, not on one made afresh from the environment."""

from __future__ import annotations

import click
from fixtures_web import TEACHER_PASSWORD
from sqlalchemy import select

from webapp.cli import main as framelab
from webapp.models import Teacher


def _names(group: click.Group) -> set[str]:
    return set(group.list_commands(click.Context(group)))


def test_the_app_cli_has_every_framelab_command(app):
    assert {"analyze", "create-teacher", "init-db", "serve", "keys"} <= _names(framelab)
    assert _names(app.cli) == _names(framelab) | {"db"}  # "db": Flask-Migrate's own commands


def test_a_database_command_run_through_the_app_cli_writes_to_that_apps_database(app, db_session, make_app,
                                                                                 tmp_path):
    """Even while another app's context is open (the test's own): the command is that app's."""
    other = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'other.db'}")
    runner = other.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    result = runner.invoke(args=["create-teacher", "--email", "ms@school.org", "--name", "Ms Lee",
                                 "--password", TEACHER_PASSWORD])
    assert result.exit_code == 0, result.output
    with other.app_context():
        from webapp.extensions import db

        assert [t.email for t in db.session.scalars(select(Teacher))] == ["ms@school.org"]
    assert list(db_session.scalars(select(Teacher))) == []


def test_an_analysis_command_runs_through_the_app_cli(app):
    result = app.test_cli_runner().invoke(args=["analyze", "--jsonl", "--raw"],
                                          input='{"id": "a", "text": "The real truth? Officials said so."}\n')
    assert result.exit_code == 0, result.output
    assert '"id": "a"' in result.output
