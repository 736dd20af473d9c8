"""The archive round trip (export, delete, import, export again: identical), the import's
refusals, the class deletion (nothing left behind) and the `framelab export` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_exports import NOW
from sqlalchemy import func, select

from webapp.exports.archive import archive_bytes, class_archive
from webapp.exports.formats import export_class
from webapp.extensions import db
from webapp.models import Classroom
from webapp.services import accounts
from webapp.services.retention import delete_classroom
from webapp.web.commands import export_command, import_class_command

CLASS_TABLES = ("classrooms", "students", "assignments", "submissions", "labels", "applied_changes")


def row_counts(session) -> dict[str, int]:
    return {t.name: session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables}


def archive_file(tmp_path, session, classroom) -> str:
    path = tmp_path / "class.json"
    path.write_bytes(export_class(session, classroom, "archive").data)
    return str(path)


def delete(session, classroom) -> None:
    delete_classroom(session, classroom)
    session.commit()
    session.expunge_all()


def test_delete_classroom_leaves_nothing_of_the_class(db_session, graded_class, make_classroom, make_student,
                                                      make_teacher):
    other = make_classroom(make_teacher("keep@example.org", "Mr Keep"), "Kept class")
    make_student(other, "Stays")
    before = row_counts(db_session)
    counts = delete_classroom(db_session, graded_class.classroom)
    db_session.commit()
    after = row_counts(db_session)
    gone = {"classrooms": 1, "students": 4, "assignments": 1, "submissions": 3, "labels": 5, "applied_changes": 2}
    assert counts == gone
    assert {t: before[t] - after[t] for t in before if before[t] != after[t]} == gone
    assert after["classrooms"] == 1 and after["students"] == 1  # the other class is untouched


def test_round_trip_is_identical(tmp_path, runner, db_session, graded_class):
    classroom_id = graded_class.classroom.id
    first = export_class(db_session, graded_class.classroom, "archive").data
    grades = export_class(db_session, graded_class.classroom, "gradebook", now=NOW).data
    path = tmp_path / "class.json"
    path.write_bytes(first)
    delete(db_session, graded_class.classroom)
    result = runner.invoke(import_class_command, [str(path)])
    assert result.exit_code == 0, result.output
    restored = db_session.get(Classroom, classroom_id)
    assert export_class(db_session, restored, "archive").data == first
    assert export_class(db_session, restored, "gradebook", now=NOW).data == grades


def test_restored_students_sign_in_with_their_pin(tmp_path, runner, db_session, graded_class):
    code = graded_class.classroom.join_code
    path = archive_file(tmp_path, db_session, graded_class.classroom)
    delete(db_session, graded_class.classroom)
    assert runner.invoke(import_class_command, [path]).exit_code == 0
    assert accounts.authenticate_student(db_session, code, "Ngọc", "1234") is not None


def test_restored_class_accepts_new_rows(tmp_path, runner, db_session, graded_class, make_student):
    """PostgreSQL's sequences are moved past the restored ids, so the next insert does not clash."""
    path = archive_file(tmp_path, db_session, graded_class.classroom)
    delete(db_session, graded_class.classroom)
    runner.invoke(import_class_command, [path])
    classroom = db_session.scalar(select(Classroom))
    assert make_student(classroom, "Newcomer").id > max(s["id"] for s in json.loads(Path(path).read_text("utf-8"))["students"])


def test_import_over_the_existing_class_gives_new_ids_and_a_new_code(tmp_path, runner, db_session, graded_class):
    code = graded_class.classroom.join_code
    path = archive_file(tmp_path, db_session, graded_class.classroom)
    result = runner.invoke(import_class_command, [path])
    assert result.exit_code == 0, result.output
    assert f"join code {code} is taken" in result.output and "new ids" in result.output
    copy = db_session.scalars(select(Classroom).order_by(Classroom.id.desc())).first()
    assert copy.join_code != code and len(copy.students) == 4
    original = class_archive(db_session, graded_class.classroom)
    assert [len(a["submissions"]) for a in class_archive(db_session, copy)["assignments"]] == \
        [len(a["submissions"]) for a in original["assignments"]]


def _edit_archive(tmp_path, db_session, classroom, edit) -> str:
    archive = class_archive(db_session, classroom)
    edit(archive)
    path = tmp_path / "edited.json"
    path.write_bytes(archive_bytes(archive))
    return str(path)


@pytest.mark.parametrize("edit, message", [
    (lambda a: a["content"]["articles"].update({"iraq-2021-001": "0" * 64}), "article iraq-2021-001 (a different text)"),
    (lambda a: a["content"]["exercises"].update({"no-such-exercise": "iraq-2021-001"}), "exercise no-such-exercise"),
    (lambda a: a["content"]["cues"].append("no-such-cue"), "cue no-such-cue"),
    (lambda a: a.update({"version": 99}), "version 99"),
    (lambda a: a.update({"deidentified": True}), "de-identified"),
    (lambda a: a["students"][0].pop("pin_hash"), "damaged or incomplete"),
])
def test_import_refuses_clearly_and_writes_nothing(tmp_path, runner, db_session, graded_class, edit, message):
    path = _edit_archive(tmp_path, db_session, graded_class.classroom, edit)
    delete(db_session, graded_class.classroom)
    before = row_counts(db_session)
    result = runner.invoke(import_class_command, [path])
    assert result.exit_code != 0 and message in result.output
    assert row_counts(db_session) == before


def test_import_refuses_a_file_that_is_not_json(tmp_path, runner):
    path = tmp_path / "x.json"
    path.write_bytes(b"\x00\xffnot json")
    result = runner.invoke(import_class_command, [str(path)])
    assert result.exit_code != 0 and "not readable JSON" in result.output


def test_import_needs_a_teacher_on_this_server(tmp_path, runner, db_session, graded_class):
    path = _edit_archive(tmp_path, db_session, graded_class.classroom,
                         lambda a: a["classroom"].update({"teacher_email": "nobody@example.org"}))
    result = runner.invoke(import_class_command, [path])
    assert result.exit_code != 0 and "no teacher account “nobody@example.org”" in result.output


def test_import_for_another_teacher(tmp_path, runner, db_session, graded_class, make_teacher):
    other_id = make_teacher("other@example.org", "Mr Okafor").id
    path = archive_file(tmp_path, db_session, graded_class.classroom)
    delete(db_session, graded_class.classroom)
    assert runner.invoke(import_class_command, [path, "--teacher", "other@example.org"]).exit_code == 0
    assert db_session.scalar(select(Classroom)).teacher_id == other_id


def test_export_command_writes_each_format(tmp_path, runner, graded_class):
    for fmt, suffix in (("gradebook", "csv"), ("long", "csv"), ("archive", "json"), ("xlsx", "xlsx")):
        out = tmp_path / f"out.{suffix}"
        result = runner.invoke(export_command, ["--class-id", str(graded_class.classroom.id), "--format", fmt,
                                     "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0


def test_export_command_deidentified_to_stdout(runner, graded_class):
    result = runner.invoke(export_command, ["--class-id", str(graded_class.classroom.id), "--format", "long",
                                 "--deidentified"])
    assert result.exit_code == 0 and "Student-" in result.output and "Zoë" not in result.output


@pytest.mark.parametrize("args, message", [
    (["--class-id", "999", "--format", "long"], "no class with id 999"),
    (["--class-id", "{c}", "--format", "long", "--assignment-id", "999"], "no assignment with id 999"),
    (["--class-id", "{c}", "--format", "xlsx"], "give a file with --out"),
    (["--class-id", "{c}", "--format", "archive", "--assignment-id", "{a}"], "whole class"),
])
def test_export_command_refuses_clearly(runner, graded_class, args, message):
    ids = {"c": graded_class.classroom.id, "a": graded_class.assignment.id}
    result = runner.invoke(export_command, [a.format(**ids) for a in args])
    assert result.exit_code != 0 and message in result.output


def test_import_refuses_two_students_with_one_name(tmp_path, runner, db_session, graded_class):
    def clash(archive):
        archive["students"][1]["display_name"] = archive["students"][0]["display_name"]

    path = _edit_archive(tmp_path, db_session, graded_class.classroom, clash)
    delete(db_session, graded_class.classroom)
    before = row_counts(db_session)
    result = runner.invoke(import_class_command, [path])
    assert result.exit_code != 0 and "damaged or incomplete" in result.output
    assert row_counts(db_session) == before


def test_a_database_refusal_is_explained_without_the_databases_own_words(tmp_path, runner, db_session, graded_class):
    """Rows that contradict each other (a student twice) make the database refuse them; the teacher
    reads that the archive is damaged, not the SQL statement or the constraint's name."""
    path = _edit_archive(tmp_path, db_session, graded_class.classroom,
                         lambda a: a["students"].append({**a["students"][0], "id": 10**6}))
    delete(db_session, graded_class.classroom)
    before = row_counts(db_session)
    result = runner.invoke(import_class_command, [path])
    assert result.exit_code != 0 and "damaged or incomplete" in result.output
    for database_words in ("INSERT", "UNIQUE", "unique", "duplicate key", "IntegrityError", "students.", "[SQL"):
        assert database_words not in result.output, result.output
    assert row_counts(db_session) == before
