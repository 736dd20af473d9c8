"""A JSON archive of a whole class: roster (hashed PINs), assignments, submissions, labels,
applied change ids, comments and grades, so the class can be backed up or moved to another server.

Content (articles, exercises, lessons, cues) is not copied: it is referred to by id, with each
article's sha256, and :mod:`webapp.exports.restore` refuses an archive whose content the target
server does not hold. The one piece of content that is copied is the class teacher's own answer
key for the articles the class worked on (key labels with ``author_id`` set): the class's scores
depend on it, and another server would otherwise score the class against the corpus key.
Session tokens are left out: a restored class signs in afresh. The archive carries no export
time, so exporting the same class twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.exports.deidentify import deidentify_archive
from webapp.exports.pseudonyms import pseudonyms
from webapp.exports.work import class_assignments
from webapp.models import AppliedChange, Assignment, Classroom, KeyLabel, Label, Student, Submission

FORMAT, VERSION = "framelab-class-archive", 2  # 2: adds content["keys"], the teacher's own keys


def iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _label(label: Label) -> dict:
    return {"id": label.id, "client_id": label.client_id, "cue": label.cue_id, "start": label.start,
            "end": label.end, "note": label.note, "confidence": label.confidence,
            "created_at": iso(label.created_at), "updated_at": iso(label.updated_at)}


def _submission(submission: Submission, student_ref: object, applied: list[AppliedChange]) -> dict:
    return {"id": submission.id, "student": student_ref, "status": submission.status,
            "started_at": iso(submission.started_at), "submitted_at": iso(submission.submitted_at),
            "teacher_comment": submission.teacher_comment, "grade": submission.grade_override,
            "version": submission.version, "created_at": iso(submission.created_at),
            "updated_at": iso(submission.updated_at), "labels": [_label(lb) for lb in submission.labels],
            "applied_changes": [{"change_id": a.change_id, "applied_at": iso(a.applied_at)} for a in applied]}


def _applied(session: Session, classroom: Classroom) -> dict[int, list[AppliedChange]]:
    found: dict[int, list[AppliedChange]] = {}
    for change in session.scalars(select(AppliedChange).join(Submission).join(Assignment)
                                  .where(Assignment.classroom_id == classroom.id).order_by(AppliedChange.id)):
        found.setdefault(change.submission_id, []).append(change)
    return found


def _assignment(session: Session, assignment: Assignment, refs: dict[int, object], applied: dict) -> dict:
    submissions = session.scalars(select(Submission).where(Submission.assignment_id == assignment.id)
                                  .order_by(Submission.id)).all()
    return {"id": assignment.id, "exercise": assignment.exercise_id, "lesson": assignment.lesson_id,
            "due_at": iso(assignment.due_at), "created_at": iso(assignment.created_at),
            "updated_at": iso(assignment.updated_at),
            "submissions": [_submission(s, refs[s.student_id], applied.get(s.id, [])) for s in submissions]}


def _student(student: Student, pseudonym: str | None) -> dict:
    if pseudonym is not None:
        return {"pseudonym": pseudonym, "created_at": iso(student.created_at)}
    return {"id": student.id, "display_name": student.display_name, "pin_hash": student.pin_hash,
            "created_at": iso(student.created_at), "updated_at": iso(student.updated_at)}


def teacher_keys(session: Session, teacher_id: int, article_ids: set[str]) -> dict[str, list[dict]]:
    """The teacher's own key labels on these articles, by article, in article order."""
    found: dict[str, list[dict]] = {}
    for k in session.scalars(select(KeyLabel).where(KeyLabel.author_id == teacher_id,
                                                    KeyLabel.article_id.in_(sorted(article_ids)))
                             .order_by(KeyLabel.article_id, KeyLabel.start, KeyLabel.end, KeyLabel.cue_id, KeyLabel.id)):
        found.setdefault(k.article_id, []).append(
            {"cue": k.cue_id, "start": k.start, "end": k.end, "text": k.text, "rationale": k.rationale})
    return found


def _content(session: Session, classroom: Classroom, assignments: list[Assignment]) -> dict:
    exercises = {a.exercise_id: a.exercise for a in assignments}
    keys = teacher_keys(session, classroom.teacher_id, {e.article_id for e in exercises.values()})
    return {"exercises": {e.id: e.article_id for e in exercises.values()},
            "articles": {e.article_id: e.article.sha256 for e in exercises.values()},
            "lessons": sorted({a.lesson_id for a in assignments if a.lesson_id}),
            "cues": sorted({c for e in exercises.values() for c in e.cues}
                           | {lb.cue_id for a in assignments for s in a.submissions for lb in s.labels}
                           | {k["cue"] for labels in keys.values() for k in labels}),
            "keys": keys}


def _classroom(classroom: Classroom, deidentified: bool) -> dict:
    found = {"id": classroom.id, "name": classroom.name, "created_at": iso(classroom.created_at),
             "updated_at": iso(classroom.updated_at)}
    if not deidentified:
        found |= {"join_code": classroom.join_code, "teacher_email": classroom.teacher.email}
    return found


def class_archive(session: Session, classroom: Classroom, secret: str | None = None) -> dict:
    """The class as a plain dict; with ``secret``, de-identified (pseudonyms, no PINs, no codes, and
    what :mod:`webapp.exports.deidentify` removes)."""
    students = sorted(classroom.students, key=lambda s: s.id)
    names = pseudonyms(secret, [s.id for s in students]) if secret is not None else {}
    refs: dict[int, object] = {s.id: names.get(s.id, s.id) for s in students}
    assignments = sorted(class_assignments(session, classroom), key=lambda a: a.id)
    applied = _applied(session, classroom)
    records = [_student(s, names.get(s.id)) for s in students]
    if names:  # listed by pseudonym: the order of ids would hint at who joined when
        records.sort(key=lambda record: record["pseudonym"])
    archive = {"format": FORMAT, "version": VERSION, "deidentified": secret is not None,
               "classroom": _classroom(classroom, secret is not None),
               "content": _content(session, classroom, assignments),
               "students": records,
               "assignments": [_assignment(session, a, refs, applied) for a in assignments]}
    return deidentify_archive(archive) if secret is not None else archive


def archive_bytes(archive: dict) -> bytes:
    """Deterministic JSON (sorted keys, non-ASCII kept) as UTF-8."""
    return (json.dumps(archive, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
