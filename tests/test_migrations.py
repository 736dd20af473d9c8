"""The Alembic migrations are the only way a schema is made, and they agree with the models.

Runs on whichever engine FRAMELAB_TEST_DATABASE_URL selects (SQLite by default), so CI checks both:
after ``upgrade head`` alembic's autogenerate comparison of the database with the models' metadata
must find nothing to do, and the migrations go down to an empty database and up again.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from fixtures_web import PG_URL, _config, _pg_admin
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

ROOT = Path(__file__).resolve().parent.parent


def _differences(connection, metadata) -> list:
    """What autogenerate would write into a new migration: column types and defaults included."""
    context = MigrationContext.configure(connection, opts={"compare_type": True, "compare_server_default": True})
    return compare_metadata(context, metadata)


@pytest.fixture
def empty_database_uri(tmp_path):
    """An empty database (no tables at all) on the engine of this run."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    admin, server = _pg_admin()
    name = f"framelab_empty_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield f"{server}/{name}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture
def empty_app(empty_database_uri):
    from webapp.app import create_app
    from webapp.extensions import db

    app = create_app(_config(empty_database_uri))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _script(app) -> ScriptDirectory:
    from webapp.app import MIGRATIONS

    return ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config(MIGRATIONS))


def _tables(db) -> set[str]:
    return set(inspect(db.engine).get_table_names())


def test_the_models_and_the_migrations_agree(empty_app):
    from webapp.extensions import db

    upgrade()
    with db.engine.connect() as connection:
        assert _differences(connection, db.metadata) == []


def test_upgrade_head_makes_every_table_of_the_models(empty_app):
    from webapp.extensions import db

    upgrade()
    assert _tables(db) == set(db.metadata.tables) | {"alembic_version"}


def test_the_migrations_go_down_to_nothing_and_up_again(empty_app):
    from webapp.extensions import db

    upgrade()
    downgrade(revision="base")
    assert _tables(db) <= {"alembic_version"}
    upgrade()
    with db.engine.connect() as connection:
        assert _differences(connection, db.metadata) == []


def test_the_migrations_have_one_head(empty_app):
    assert len(_script(empty_app).get_heads()) == 1


def test_the_test_databases_are_at_the_migrations_head(app):
    """The template every web test copies is built by the migrations, not from the models."""
    from webapp.extensions import db

    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
        assert _differences(connection, db.metadata) == []
    assert set(current) == set(_script(app).get_heads())


# "create" + "_all(" split so that this file does not find itself.
SCHEMA_SHORTCUTS = re.compile(r"\b(create" + r"_all|drop" + r"_all)\s*\(")


@pytest.mark.parametrize("folder", ["webapp", "tests", "benchmarks"])
def test_no_code_makes_a_schema_from_the_models(folder):
    """Making tables from the models would hide a missing migration: only Alembic makes a schema."""
    found = [f"{path.relative_to(ROOT)}:{number}"
             for path in sorted((ROOT / folder).rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if SCHEMA_SHORTCUTS.search(line)]
    assert found == []


_FIRST_REVISION_ROWS = [
    ("INSERT INTO teachers (id, email, name, password_hash, session_token, created_at, updated_at) "
     "VALUES (1, 't@example.org', 'T', 'x', 'tok', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"),
    "INSERT INTO stories (id, title, date, summary, invented) VALUES ('s', 'A story', '2026-01-01', 'S.', false)",
    ("INSERT INTO articles (id, story_id, outlet, outlet_kind, credits, published, invented, provenance, text, "
     "sha256, analysis, created_at, updated_at, owner_id) VALUES ('a', 's', 'O', 'wire', '[]', '2026-01-01', false, "
     "'p', 'Some words here.', 'h', '{}', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"),
    ("INSERT INTO cues (id, position, key, name, colour, pattern, definition, how_to_spot, hint, common_confusion, "
     "examples) VALUES ('loaded-language', 1, '1', 'Loaded', '#fff', 'dots', 'd', 'h', 'h', 'c', '[]')"),
    ("INSERT INTO key_labels (id, article_id, cue_id, start, \"end\", text, rationale, author_id) "
     "VALUES (1, 'a', 'loaded-language', 0, 4, 'Some', 'Why.', 1)"),
]


def test_upgrading_a_database_that_holds_data_keeps_it(empty_app):
    """A school's database made by the first release, with stories, articles and keys in it, upgrades
    to head: batch mode's table copies on SQLite must not trip over the rows pointing to them."""
    from webapp.extensions import db

    first = _script(empty_app).get_base()
    upgrade(revision=first)
    with db.engine.begin() as connection:
        for statement in _FIRST_REVISION_ROWS:
            connection.execute(text(statement))
    upgrade()
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM key_labels WHERE article_id = 'a'")).scalar() == 1
        assert connection.execute(text("SELECT story_id FROM articles WHERE id = 'a'")).scalar() == "s"
        assert _differences(connection, db.metadata) == []
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again after migrating


CHECKS = {"submissions": ("ck_submissions_status", "status"), "exercises": ("ck_exercises_mode", "mode"),
          "labels": ("ck_labels_confidence", "confidence")}


def test_statuses_modes_and_confidence_are_checked_by_the_database_as_the_models_say(empty_app):
    """14.1: the migration's CHECK constraints are the models' (same names, same words), and the
    database refuses a word that is not one of the enum's."""
    from webapp.extensions import db
    from webapp.grading.states import Confidence, ExerciseMode, WorkStatus

    upgrade()
    inspector = inspect(db.engine)
    for table, (name, column) in CHECKS.items():
        found = {c["name"]: c["sqltext"] for c in inspector.get_check_constraints(table)}
        assert name in found, (table, found)
        model = {c.name: str(c.sqltext) for c in db.metadata.tables[table].constraints
                 if c.__class__.__name__ == "CheckConstraint"}
        assert name in model
        enum = {"status": WorkStatus, "mode": ExerciseMode, "confidence": Confidence}[column]
        for word in enum:
            assert f"'{word}'" in found[name] and f"'{word}'" in model[name]
    with db.engine.connect() as connection, pytest.raises(Exception, match="(?i)check"):
        connection.execute(text("INSERT INTO exercises (id, position, title, article_id, cues, mode, instructions) "
                                "VALUES ('x', 0, 'x', 'nope', '[]', 'homework', 'x')"))
