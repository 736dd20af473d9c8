"""Restore a class from its JSON archive (``framelab import-class``), on SQLite or PostgreSQL.

Checked before anything is written: the format, that the archive is not de-identified, that the
target teacher exists and that the server holds every article (same sha256), exercise (on the
same article), lesson and cue the archive refers to. The original row ids are kept when they are
all free (restoring a deleted class on its own server gives back the very same class, ids and
pseudonyms included); otherwise new ids are given. A join code already in use is replaced.

The teacher's own answer key carried by the archive (version 2) is restored for the target
teacher on each article where they have none; where they already have one it is kept as it is
(it may be newer, and it scores their other classes too), and the result says so when it differs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from webapp.exports.archive import FORMAT, VERSION, teacher_keys
from webapp.models import (
    AppliedChange,
    Article,
    Assignment,
    Classroom,
    Cue,
    Exercise,
    KeyLabel,
    Label,
    Lesson,
    Student,
    Submission,
    Teacher,
)
from webapp.models.users import new_session_token
from webapp.services.accounts import name_key, new_join_code

TABLES = (Classroom, Student, Assignment, Submission, Label, AppliedChange)
READABLE = (1, VERSION)  # version 1 archives have no teacher keys


class ArchiveError(ValueError):
    """The archive cannot be restored here; the message says why, for the person running it."""


@dataclass(frozen=True)
class RestoreResult:
    classroom: Classroom
    join_code: str
    old_join_code: str
    ids_kept: bool
    keys_restored: tuple[str, ...] = ()  # articles whose teacher key came from the archive
    keys_kept: tuple[str, ...] = ()  # articles where the teacher's different key on this server was kept

    @property
    def join_code_changed(self) -> bool:
        return self.join_code != self.old_join_code


def _time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value is not None else None


def check_archive(archive: object) -> None:
    """Refuse anything but a full (not de-identified) archive of a version this server reads."""
    if not isinstance(archive, dict) or archive.get("format") != FORMAT:
        raise ArchiveError("This file is not a FrameLab class archive.")
    if archive.get("version") not in READABLE:
        raise ArchiveError(f"This archive has version {archive.get('version')}; this server reads version {VERSION}.")
    if archive.get("deidentified"):
        raise ArchiveError("This archive is de-identified (no names, no PINs): it is for reading, not restoring.")
    if not isinstance(archive.get("classroom"), dict):
        raise ArchiveError("The archive is damaged or incomplete: it has no class.")


def missing_content(session: Session, content: dict) -> list[str]:
    """What the archive refers to that this server lacks (or holds in another version)."""
    problems = []
    for article_id, sha in content["articles"].items():
        article = session.get(Article, article_id)
        if article is None or article.sha256 != sha:
            problems.append(f"article {article_id}" + (" (a different text)" if article else ""))
    for exercise_id, article_id in content["exercises"].items():
        exercise = session.get(Exercise, exercise_id)
        if exercise is None or exercise.article_id != article_id:
            problems.append(f"exercise {exercise_id}" + (" (on another article)" if exercise else ""))
    problems += [f"lesson {i}" for i in content["lessons"] if session.get(Lesson, i) is None]
    problems += [f"cue {i}" for i in content["cues"] if session.get(Cue, i) is None]
    return problems


def _check_key(article: Article | None, label: dict) -> None:
    """A key label must lie on the article's text and quote it (the sha256 matched, so a mismatch is damage)."""
    start, end = label["start"], label["end"]
    if (article is None or not isinstance(start, int) or not isinstance(end, int)
            or not 0 <= start < end <= len(article.text) or article.text[start:end] != label["text"]):
        raise ArchiveError(f"The archive is damaged: a key label of {label.get('cue')} at {start}-{end} does "
                           f"not match the text of article {article.id if article else '(not in the archive)'}.")


def _restore_keys(session: Session, keys: dict, articles: dict, teacher: Teacher) -> tuple[tuple, tuple]:
    """Insert the archived teacher key where ``teacher`` has none; (restored, kept) article ids."""
    existing = teacher_keys(session, teacher.id, set(keys))
    restored, kept = [], []
    for article_id, labels in sorted(keys.items()):
        article = session.get(Article, article_id) if article_id in articles else None
        for label in labels:
            _check_key(article, label)
        if article_id in existing:
            if existing[article_id] != labels:
                kept.append(article_id)
            continue
        session.add_all(KeyLabel(article_id=article_id, cue_id=k["cue"], start=k["start"], end=k["end"],
                                 text=k["text"], rationale=k["rationale"], author_id=teacher.id) for k in labels)
        restored.append(article_id)
    session.flush()
    return tuple(restored), tuple(kept)


def _archived_ids(archive: dict) -> dict[type, list[int]]:
    subs = [s for a in archive["assignments"] for s in a["submissions"]]
    return {Classroom: [archive["classroom"]["id"]], Student: [s["id"] for s in archive["students"]],
            Assignment: [a["id"] for a in archive["assignments"]], Submission: [s["id"] for s in subs],
            Label: [lb["id"] for s in subs for lb in s["labels"]]}


def _ids_free(session: Session, archive: dict) -> bool:
    return not any(ids and session.scalar(select(model.id).where(model.id.in_(ids)).limit(1)) is not None
                   for model, ids in _archived_ids(archive).items())


def _advance_sequences(session: Session) -> None:
    """PostgreSQL does not move a serial's sequence past ids inserted by hand: do it."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in TABLES:
        table = model.__tablename__
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))


def _stamps(row: dict) -> dict:
    return {"created_at": _time(row["created_at"]), "updated_at": _time(row["updated_at"])}


def _with_id(row, keep: bool, archived_id: int):
    if keep:
        row.id = archived_id
    return row


def _add(session: Session, row, keep: bool, archived_id: int):
    """Insert a parent row now, so that its children can refer to its id."""
    session.add(_with_id(row, keep, archived_id))
    session.flush()
    return row


def _restore_submission(session: Session, assignment: Assignment, sub: dict, students: dict, keep: bool) -> None:
    submission = _add(session, Submission(
        assignment_id=assignment.id, student_id=students[sub["student"]].id, status=sub["status"],
        started_at=_time(sub["started_at"]), submitted_at=_time(sub["submitted_at"]),
        teacher_comment=sub["teacher_comment"], grade_override=sub["grade"], version=sub["version"],
        **_stamps(sub)), keep, sub["id"])
    session.add_all(_with_id(Label(submission_id=submission.id, client_id=lb["client_id"], cue_id=lb["cue"],
                                   start=lb["start"], end=lb["end"], note=lb["note"],
                                   confidence=lb["confidence"], **_stamps(lb)), keep, lb["id"])
                    for lb in sub["labels"])
    session.add_all(AppliedChange(submission_id=submission.id, change_id=c["change_id"],
                                  applied_at=_time(c["applied_at"])) for c in sub["applied_changes"])


def _restore_rows(session: Session, archive: dict, teacher: Teacher, join_code: str, keep: bool) -> Classroom:
    data = archive["classroom"]
    classroom = _add(session, Classroom(teacher_id=teacher.id, name=data["name"], join_code=join_code,
                                        **_stamps(data)), keep, data["id"])
    students = {s["id"]: _add(session, Student(
        classroom_id=classroom.id, display_name=s["display_name"], name_key=name_key(s["display_name"]),
        pin_hash=s["pin_hash"], session_token=new_session_token(), **_stamps(s)), keep, s["id"])
        for s in archive["students"]}
    for a in archive["assignments"]:
        assignment = _add(session, Assignment(classroom_id=classroom.id, exercise_id=a["exercise"],
                                              lesson_id=a["lesson"], due_at=_time(a["due_at"]), **_stamps(a)),
                          keep, a["id"])
        for sub in a["submissions"]:
            _restore_submission(session, assignment, sub, students, keep)
    session.flush()
    return classroom


def restore_class(session: Session, archive: dict, teacher: Teacher) -> RestoreResult:
    """Recreate the archived class for ``teacher``; the caller commits."""
    check_archive(archive)
    try:
        if problems := missing_content(session, archive["content"]):
            raise ArchiveError("This server lacks content the class uses: " + ", ".join(problems)
                               + ". Load the same corpus and lessons first (framelab load).")
        old_code = archive["classroom"]["join_code"]
        taken = session.scalar(select(Classroom.id).where(Classroom.join_code == old_code)) is not None
        code = new_join_code(session) if taken else old_code
        keep = _ids_free(session, archive)
        classroom = _restore_rows(session, archive, teacher, code, keep)
        content = archive["content"]
        restored, kept = _restore_keys(session, content.get("keys", {}), content["articles"], teacher)
    except ArchiveError:
        session.rollback()
        raise
    except SQLAlchemyError:
        # The database's own message carries its SQL and constraint names: nothing a teacher can act on.
        session.rollback()
        raise ArchiveError("The archive is damaged or incomplete: some of its rows contradict each other "
                           "(for example one student twice), so the database refused them.") from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        session.rollback()
        raise ArchiveError(f"The archive is damaged or incomplete ({type(error).__name__}: {error}).") from None
    if keep:
        _advance_sequences(session)
    return RestoreResult(classroom, code, old_code, keep, restored, kept)
