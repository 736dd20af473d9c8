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
@click.option("--admin", is_flag=True,
              help="An administrator (school IT): decides on retraining and resets teachers' passwords.")
def create_teacher_command(email: str, name: str, password: str, admin: bool) -> None:
    """Create a teacher account (the first one on a fresh server)."""
    from webapp.extensions import db
    from webapp.services.accounts import AccountError, create_teacher

    app = _app()
    with app.app_context():
        try:
            create_teacher(db.session, email, name, password, admin=admin)
        except AccountError as error:
            raise click.ClickException(str(error)) from None
        db.session.commit()
    kind = "administrator" if admin else "teacher"
    click.echo(f"{kind} account created for {email.strip().lower()}")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (0.0.0.0: every network interface).")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", type=click.IntRange(1, 64),
              help="gunicorn worker processes  [default: 2 x cores + 1, at most 9]")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 32),
              help="Threads per worker.")
@click.option("--timeout", default=60, show_default=True, type=click.IntRange(5, 600),
              help="Seconds before a silent worker is killed and replaced.")
@click.option("--dev", is_flag=True,
              help="Flask's single-process development server instead (debugging only).")
def serve_command(host: str, port: int, workers: int | None, threads: int, timeout: int, dev: bool) -> None:
    """Serve FrameLab with gunicorn (or, with --dev, Flask's development server)."""
    if dev:
        app = _app()
        click.echo(f"FrameLab (development server) on http://{host}:{port}/  (Ctrl+C stops it)")
        app.run(host=host, port=port, debug=False, use_reloader=False)
        return
    from webapp.serving import gunicorn_settings, serve

    settings = gunicorn_settings(host, port, workers, threads, timeout)
    _check_database()
    click.echo(f"FrameLab is serving on http://{host}:{port}/ with {settings['workers']} workers x "
               f"{threads} threads  (Ctrl+C stops it)")
    serve(settings)


def _check_database() -> None:
    """Refuse to start workers against a database that does not answer or is not migrated:
    one clear message here instead of every worker failing on its first request."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from webapp.extensions import db

    app = _app()
    with app.app_context():
        try:
            tables = inspect(db.engine).get_table_names()
        except SQLAlchemyError as error:  # the driver's message says what is wrong
            raise click.ClickException(f"The database does not answer: {error}") from None
        finally:
            db.engine.dispose()  # no connection may cross the fork into the workers
    if "alembic_version" not in tables:
        raise click.ClickException("The database has no FrameLab tables yet: run `framelab load` first.")


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
        "  Teacher: sign in at /login on the address `framelab serve` prints when it starts",
        f"    e-mail    {demo.email}",
        f"    password  {demo.password}",
        "",
        f"  Students of \"{demo.classroom}\": sign in at /join with the class code {demo.join_code}",
    ]
    lines += [f"    {name:<10} PIN {pin}" for name, pin in demo.students]
    lines += ["", f"  Assignment: \"{demo.exercise}\" (two submitted, one in progress, two not started)"]
    return "\n".join(lines)


COMMANDS = [init_db_command, load_command, create_teacher_command, serve_command, demo_command]


@click.command("export")
@click.option("--class-id", "class_id", required=True, type=int, help="The class to export.")
@click.option("--format", "fmt", required=True, type=click.Choice(["gradebook", "long", "archive", "xlsx"]))
@click.option("--assignment-id", "assignment_id", type=int, help="One assignment (a gradebook needs one).")
@click.option("--deidentified", is_flag=True, help="Pseudonyms instead of names, for sharing.")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True),
              help="The file to write (default: the standard output; an XLSX needs a file).")
def export_command(class_id: int, fmt: str, assignment_id: int | None, deidentified: bool, out: str | None) -> None:
    """Export a class: gradebook CSV, long CSV (one row per label), JSON archive or XLSX workbook."""
    from webapp.exports.formats import ExportError, export_class
    from webapp.extensions import db
    from webapp.models import Assignment, Classroom

    app = _app()
    with app.app_context():
        classroom = db.session.get(Classroom, class_id)
        if classroom is None:
            raise click.ClickException(f"There is no class with id {class_id}.")
        assignment = db.session.get(Assignment, assignment_id) if assignment_id is not None else None
        if assignment_id is not None and assignment is None:
            raise click.ClickException(f"There is no assignment with id {assignment_id}.")
        if fmt == "xlsx" and out is None:
            raise click.ClickException("An XLSX workbook is binary: give a file with --out.")
        try:
            export = export_class(db.session, classroom, fmt, assignment,
                                  app.config["SECRET_KEY"] if deidentified else None)
        except ExportError as error:
            raise click.ClickException(str(error)) from None
    _write_export(export.data, out)


def _write_export(data: bytes, out: str | None) -> None:
    if out is None:
        click.echo(data, nl=False)  # bytes go to the binary stream
        return
    with open(out, "wb") as handle:
        handle.write(data)
    click.echo(f"wrote {out} ({len(data)} bytes)", err=True)


@click.command("import-class")
@click.argument("file", type=click.File("rb"))
@click.option("--teacher", "teacher_email", help="The teacher who will own the class (default: the archive's).")
def import_class_command(file, teacher_email: str | None) -> None:
    """Restore a class from a JSON archive made by `framelab export --format archive`."""
    import json

    from webapp.exports.restore import ArchiveError, check_archive, restore_class
    from webapp.extensions import db

    try:
        archive = json.loads(file.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"This file is not readable JSON ({error}).") from None
    app = _app()
    with app.app_context():
        try:
            check_archive(archive)
            teacher = _archive_teacher(archive, teacher_email)
            result = restore_class(db.session, archive, teacher)
        except ArchiveError as error:
            db.session.rollback()
            raise click.ClickException(str(error)) from None
        db.session.commit()
        click.echo(_import_text(result))


def _archive_teacher(archive: dict, teacher_email: str | None):
    """The teacher named with --teacher, or else the archive's own teacher, on this server."""
    from sqlalchemy import select

    from webapp.exports.restore import ArchiveError
    from webapp.extensions import db
    from webapp.models import Teacher

    email = (teacher_email or archive["classroom"].get("teacher_email") or "").strip().lower()
    teacher = db.session.scalar(select(Teacher).where(Teacher.email == email)) if email else None
    if teacher is None:
        raise ArchiveError(f"There is no teacher account “{email}” on this server: create it "
                           "(framelab create-teacher) or name another with --teacher.")
    return teacher


def _import_text(result) -> str:
    lines = [(f"restored class “{result.classroom.name}” (id {result.classroom.id}) with "
              f"{len(result.classroom.students)} students")]
    if result.join_code_changed:
        lines.append(f"its join code {result.old_join_code} is taken on this server: the new code is "
                     f"{result.join_code} (tell the students)")
    if not result.ids_kept:
        lines.append("its ids were in use here, so it has new ids (pseudonyms in new exports will differ)")
    if result.keys_restored:
        lines.append(f"the teacher's own answer key was restored for: {', '.join(result.keys_restored)}")
    if result.keys_kept:
        lines.append(f"the teacher already has a different answer key here for {', '.join(result.keys_kept)}: "
                     "it was kept, and scores use it")
    return "\n".join(lines)


COMMANDS += [export_command, import_class_command]


@click.command("import-lesson")
@click.argument("file", type=click.File("rb"))
@click.option("--teacher", "teacher_email", required=True, help="The teacher who will own the lesson.")
def import_lesson_command(file, teacher_email: str) -> None:
    """Add a lesson bundle (.zip from “Download as files”) with its articles and keys."""
    from sqlalchemy import select

    from webapp.analysis.pipeline import analyze_text
    from webapp.extensions import db
    from webapp.lessonplans.bundle import MAX_ZIP_BYTES
    from webapp.models import Teacher
    from webapp.services.builder_files import LessonFileError, import_lesson
    from webapp.services.model import current_detector

    data = file.read(MAX_ZIP_BYTES + 1)
    app = _app()
    with app.app_context():
        teacher = db.session.scalar(select(Teacher).where(Teacher.email == teacher_email.strip().lower()))
        if teacher is None:
            raise click.ClickException(f"There is no teacher account “{teacher_email}” on this server.")
        detector, version = current_detector()
        try:
            lesson = import_lesson(db.session, teacher.id, data, lambda text, article_id: (
                analyze_text(text, article_id, detector=detector).as_dict(), version))
        except LessonFileError as error:
            db.session.rollback()
            raise click.ClickException(str(error)) from None
        db.session.commit()
        click.echo(f"imported lesson “{lesson.title}” ({lesson.id}) with {len(lesson.exercises)} exercises "
                   f"for {teacher.email}")


COMMANDS += [import_lesson_command]


def _worker_commands() -> list:
    from webapp.web.worker import worker_command

    return [worker_command]


COMMANDS += _worker_commands()
