"""The teacher's own answer key travels with the class archive: exported, and restored by
import-class where the target teacher has none, so a class moved to another server is scored
exactly as before (export, delete, import, export again: identical)."""

from __future__ import annotations

import json

import pytest
from fixtures_exports import NOW
from sqlalchemy import delete as sql_delete
from sqlalchemy import select

from webapp.exports.archive import archive_bytes, class_archive
from webapp.exports.formats import export_class
from webapp.models import Article, Classroom, KeyLabel
from webapp.services.retention import delete_classroom
from webapp.web.commands import import_class_command

ARTICLE = "iraq-2021-001"
# The teacher's key: scare quotes on ‘combat’ (56-64) only, and anonymous sourcing on "officials said"
# (387-401) only; the corpus key has three anonymous-sourcing passages.
OWN = [("scare-quotes", 56, 64, "It is the word the officials chose."),
       ("anonymous-sourcing", 387, 401, "Who are they?")]


def add_own_key(db_session, teacher_id: int, spans=OWN) -> None:
    text = db_session.get(Article, ARTICLE).text
    db_session.add_all(KeyLabel(article_id=ARTICLE, cue_id=cue, start=s, end=e, text=text[s:e], rationale=why,
                                author_id=teacher_id) for cue, s, e, why in spans)
    db_session.commit()


def own_key(db_session, teacher_id: int) -> list[tuple]:
    return db_session.execute(select(KeyLabel.cue_id, KeyLabel.start, KeyLabel.end, KeyLabel.rationale)
                              .where(KeyLabel.author_id == teacher_id).order_by(KeyLabel.start)).all()


@pytest.fixture
def keyed_class(db_session, graded_class):
    add_own_key(db_session, graded_class.teacher.id)
    return graded_class


def move_away(db_session, classroom, teacher_id: int) -> None:
    """Delete the class and the teacher's key: the state of a server the class has never been on."""
    delete_classroom(db_session, classroom)
    db_session.execute(sql_delete(KeyLabel).where(KeyLabel.author_id == teacher_id))
    db_session.commit()
    db_session.expunge_all()


def write(tmp_path, data: bytes) -> str:
    path = tmp_path / "class.json"
    path.write_bytes(data)
    return str(path)


def test_the_archive_carries_the_teachers_key(db_session, keyed_class):
    archive = class_archive(db_session, keyed_class.classroom)
    assert archive["version"] == 2
    assert archive["content"]["keys"] == {ARTICLE: [
        {"cue": "scare-quotes", "start": 56, "end": 64, "text": "‘combat’",
         "rationale": "It is the word the officials chose."},
        {"cue": "anonymous-sourcing", "start": 387, "end": 401, "text": "officials said",
         "rationale": "Who are they?"}]}


def test_no_own_key_no_keys(db_session, graded_class):
    assert class_archive(db_session, graded_class.classroom)["content"]["keys"] == {}


def test_another_teachers_key_is_not_carried(db_session, graded_class, make_teacher):
    add_own_key(db_session, make_teacher("other@example.org", "Mr Okafor").id)
    assert class_archive(db_session, graded_class.classroom)["content"]["keys"] == {}


def test_moving_a_class_to_a_server_without_the_key_is_identical(tmp_path, runner, db_session, keyed_class):
    classroom_id, teacher_id = keyed_class.classroom.id, keyed_class.teacher.id
    first = export_class(db_session, keyed_class.classroom, "archive").data
    grades = export_class(db_session, keyed_class.classroom, "gradebook", now=NOW).data
    move_away(db_session, keyed_class.classroom, teacher_id)
    result = runner.invoke(import_class_command, [write(tmp_path, first)])
    assert result.exit_code == 0, result.output
    assert f"answer key was restored for: {ARTICLE}" in result.output
    assert own_key(db_session, teacher_id) == [(c, s, e, why) for c, s, e, why in OWN]
    restored = db_session.get(Classroom, classroom_id)
    assert export_class(db_session, restored, "archive").data == first
    assert export_class(db_session, restored, "gradebook", now=NOW).data == grades


def test_the_key_changes_the_scores_so_it_must_travel(tmp_path, runner, db_session, keyed_class):
    """Without the key, the class would be scored against the corpus key: another gradebook."""
    grades = export_class(db_session, keyed_class.classroom, "gradebook", now=NOW).data
    db_session.execute(sql_delete(KeyLabel).where(KeyLabel.author_id == keyed_class.teacher.id))
    db_session.commit()
    db_session.expire_all()
    assert export_class(db_session, keyed_class.classroom, "gradebook", now=NOW).data != grades


def test_restoring_on_the_same_server_leaves_the_key_alone(tmp_path, runner, db_session, keyed_class):
    first = export_class(db_session, keyed_class.classroom, "archive").data
    delete_classroom(db_session, keyed_class.classroom)
    db_session.commit()
    result = runner.invoke(import_class_command, [write(tmp_path, first)])
    assert result.exit_code == 0 and "answer key" not in result.output
    assert len(own_key(db_session, keyed_class.teacher.id)) == 2  # not doubled


def test_the_key_is_restored_for_the_teacher_named(tmp_path, runner, db_session, keyed_class, make_teacher):
    other = make_teacher("new@example.org", "Ms New")
    path = write(tmp_path, export_class(db_session, keyed_class.classroom, "archive").data)
    result = runner.invoke(import_class_command, [path, "--teacher", "new@example.org"])
    assert result.exit_code == 0, result.output
    assert own_key(db_session, other.id) == [(c, s, e, why) for c, s, e, why in OWN]


def test_a_different_key_on_the_server_is_kept_and_said(tmp_path, runner, db_session, keyed_class):
    path = write(tmp_path, export_class(db_session, keyed_class.classroom, "archive").data)
    teacher_id = keyed_class.teacher.id
    delete_classroom(db_session, keyed_class.classroom)
    db_session.execute(sql_delete(KeyLabel).where(KeyLabel.author_id == teacher_id, KeyLabel.start == 56))
    db_session.commit()
    result = runner.invoke(import_class_command, [path])
    assert result.exit_code == 0, result.output
    assert f"different answer key here for {ARTICLE}: it was kept" in result.output
    assert [k[1] for k in own_key(db_session, teacher_id)] == [387]


@pytest.mark.parametrize("damage", [
    lambda k: k.update({"text": "something else"}),
    lambda k: k.update({"start": -5}),
    lambda k: k.update({"end": 10**9}),
    lambda k: k.update({"start": "56"}),
])
def test_a_damaged_key_is_refused_and_nothing_written(tmp_path, runner, db_session, keyed_class, damage):
    archive = class_archive(db_session, keyed_class.classroom)
    damage(archive["content"]["keys"][ARTICLE][0])
    teacher_id = keyed_class.teacher.id
    move_away(db_session, keyed_class.classroom, teacher_id)
    result = runner.invoke(import_class_command, [write(tmp_path, archive_bytes(archive))])
    assert result.exit_code != 0 and "damaged" in result.output
    assert db_session.scalar(select(Classroom.id)) is None
    assert own_key(db_session, teacher_id) == []


def test_a_key_for_an_article_the_class_did_not_use_is_refused(tmp_path, runner, db_session, keyed_class):
    archive = class_archive(db_session, keyed_class.classroom)
    archive["content"]["keys"]["some-other-article"] = archive["content"]["keys"][ARTICLE]
    move_away(db_session, keyed_class.classroom, keyed_class.teacher.id)
    result = runner.invoke(import_class_command, [write(tmp_path, archive_bytes(archive))])
    assert result.exit_code != 0 and "not in the archive" in result.output


def test_a_version_1_archive_without_keys_still_imports(tmp_path, runner, db_session, graded_class):
    archive = class_archive(db_session, graded_class.classroom)
    archive["version"] = 1
    del archive["content"]["keys"]
    delete_classroom(db_session, graded_class.classroom)
    db_session.commit()
    result = runner.invoke(import_class_command, [write(tmp_path, json.dumps(archive).encode())])
    assert result.exit_code == 0, result.output
