"""A student's labels: validating and applying the changes the exercise page sends.

Every change carries a change id made by the browser. The id is recorded with the change in the
same transaction (``AppliedChange``), so a change retried after a lost response is answered
from the current state and never applied twice. Changes to one submission are serialised by
locking its row first (an ``UPDATE`` that also bumps the version and refuses a submitted
submission), which keeps two tabs from interleaving on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from webapp.grading.states import Confidence
from webapp.models import IN_PROGRESS, AppliedChange, Assignment, Label, Student, Submission
from webapp.services.article_text import snap

NOTE_MAX = 500
SPAN_MAX = 1000  # characters: about a paragraph; longer spans are not what a cue marks
LABELS_MAX = 300  # per submission
CONFIDENCES = tuple(Confidence)
OPS = ("save", "delete")
ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class LabelError(ValueError):
    """A change that cannot be applied; ``message`` is written for the student."""

    def __init__(self, message: str, status: int = 400, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message, self.status, self.code, self.field = message, status, code, field

    def as_dict(self) -> dict:
        return {"error": self.message, "status": self.status, "code": self.code, "field": self.field}


@dataclass(frozen=True, slots=True)
class LabelInput:
    client_id: str
    cue: str
    start: int
    end: int
    note: str | None
    confidence: str


@dataclass(frozen=True, slots=True)
class Change:
    change_id: str
    op: str
    client_id: str
    label: LabelInput | None  # None for a delete


def _identifier(value: Any, field: str) -> str:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise LabelError(f"“{field}” must be 1 to 64 letters, digits, dashes or underscores.", field=field)
    return value


def _offset(value: Any, field: str, length: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LabelError(f"“{field}” must be a whole number.", field=field)
    if not 0 <= value <= length:
        raise LabelError(f"“{field}” must be between 0 and {length}, the length of the article.", field=field)
    return value


def _note(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise LabelError("The note must be text.", field="note")
    value = "".join(ch for ch in value if ch in "\n\t" or ch.isprintable()).strip()
    if len(value) > NOTE_MAX:
        raise LabelError(f"A note can be at most {NOTE_MAX} characters long (this one has {len(value)}).",
                         field="note")
    return value or None


def _span(label: dict, text: str) -> tuple[int, int]:
    start = _offset(label.get("start"), "start", len(text))
    end = _offset(label.get("end"), "end", len(text))
    if start >= end:
        raise LabelError("A label must cover at least one word: “start” must be before “end”.", field="start")
    snapped = snap(text, start, end)
    if snapped is None:
        raise LabelError("That selection holds no words. Select at least one word.", field="start")
    if snapped[1] - snapped[0] > SPAN_MAX:
        raise LabelError(f"A label can cover at most {SPAN_MAX} characters. Select a shorter passage.",
                         field="end")
    return snapped


def _label(label: Any, client_id: str, text: str, cues: Sequence[str]) -> LabelInput:
    if not isinstance(label, dict):
        raise LabelError("“label” must be an object with cue, start and end.", field="label")
    cue = label.get("cue")
    if not isinstance(cue, str) or cue not in cues:
        raise LabelError("That cue is not part of this exercise. Pick one of the cues in the palette.",
                         field="cue")
    confidence = label.get("confidence", Confidence.SURE)
    if confidence not in CONFIDENCES:
        raise LabelError("“confidence” must be “sure” or “unsure”.", field="confidence")
    start, end = _span(label, text)
    return LabelInput(client_id, cue, start, end, _note(label.get("note")), confidence)


def parse_envelope(payload: Any) -> tuple[str, str, str, Any]:
    """The parts every change of the labelling page shares (a student's label or a teacher's key
    label): its change id, ``save`` or ``delete``, the label's client id and the raw label."""
    if not isinstance(payload, dict):
        raise LabelError("The request body must be a JSON object.")
    change_id = _identifier(payload.get("change_id"), "change_id")
    op = payload.get("op")
    if op not in OPS:
        raise LabelError("“op” must be “save” or “delete”.", field="op")
    label = payload.get("label")
    raw_client = payload.get("client_id", label.get("client_id") if isinstance(label, dict) else None)
    return change_id, op, _identifier(raw_client, "client_id"), label


def parse_change(payload: Any, text: str, cues: Sequence[str]) -> Change:
    """Check a change sent by the page against the article and the cues in play."""
    change_id, op, client_id, label = parse_envelope(payload)
    return Change(change_id, op, client_id, _label(label, client_id, text, cues) if op == "save" else None)


def label_dict(label: Label, text: str) -> dict:
    """The JSON shape of a label, as the API and the page's data block send it."""
    return {"client_id": label.client_id, "cue": label.cue_id, "start": label.start, "end": label.end,
            "text": text[label.start:label.end], "note": label.note, "confidence": label.confidence}


def find_submission(session: Session, assignment: Assignment, student: Student) -> Submission | None:
    return session.scalar(select(Submission).where(
        Submission.assignment_id == assignment.id, Submission.student_id == student.id))


def open_submission(session: Session, assignment: Assignment, student: Student) -> Submission:
    """The student's submission, created (and committed) on their first change."""
    found = find_submission(session, assignment, student)
    if found is not None:
        return found
    try:
        session.add(Submission(assignment_id=assignment.id, student_id=student.id, status=IN_PROGRESS))
        session.commit()
    except IntegrityError:  # another tab created it a moment ago
        session.rollback()
    found = find_submission(session, assignment, student)
    assert found is not None
    return found


def _lock(session: Session, submission_id: int) -> int | None:
    """Bump the version of an in-progress submission, locking its row; None when it is submitted."""
    return session.execute(
        update(Submission).where(Submission.id == submission_id, Submission.status == IN_PROGRESS)
        .values(version=Submission.version + 1).returning(Submission.version)
        .execution_options(synchronize_session=False)).scalar()


def _applied(session: Session, submission_id: int, change_id: str) -> bool:
    return session.scalar(select(AppliedChange.id).where(
        AppliedChange.submission_id == submission_id, AppliedChange.change_id == change_id)) is not None


def _label_row(session: Session, submission_id: int, client_id: str) -> Label | None:
    return session.scalar(select(Label).where(Label.submission_id == submission_id, Label.client_id == client_id))


def _check_overlap(session: Session, submission_id: int, wanted: LabelInput) -> None:
    clash = session.scalar(select(Label).where(
        Label.submission_id == submission_id, Label.cue_id == wanted.cue, Label.client_id != wanted.client_id,
        Label.start < wanted.end, Label.end > wanted.start))
    if clash is not None:
        raise LabelError("You already gave part of this passage the same cue. Change or delete that label, "
                         "or pick a different cue.", status=409, code="overlap", field="cue")


def _save(session: Session, submission_id: int, wanted: LabelInput) -> Label:
    _check_overlap(session, submission_id, wanted)
    row = _label_row(session, submission_id, wanted.client_id)
    if row is None:
        count = session.scalar(select(func.count()).select_from(Label).where(Label.submission_id == submission_id))
        if count >= LABELS_MAX:
            raise LabelError(f"An exercise can hold at most {LABELS_MAX} labels.", status=409, code="too_many")
        row = Label(submission_id=submission_id, client_id=wanted.client_id)
        session.add(row)
    row.cue_id, row.start, row.end = wanted.cue, wanted.start, wanted.end
    row.note, row.confidence = wanted.note, wanted.confidence
    return row


def _result(session: Session, submission_id: int, change: Change, text: str, replayed: bool) -> dict:
    row = _label_row(session, submission_id, change.client_id)
    version = session.scalar(select(Submission.version).where(Submission.id == submission_id))
    return {"change_id": change.change_id, "op": change.op, "client_id": change.client_id,
            "label": label_dict(row, text) if row is not None else None,
            "replayed": replayed, "version": version}


def _apply(session: Session, submission_id: int, change: Change, text: str) -> dict:
    locked = _lock(session, submission_id)
    if _applied(session, submission_id, change.change_id):
        session.rollback()
        return _result(session, submission_id, change, text, replayed=True)
    if locked is None:
        session.rollback()
        raise LabelError("This work has been submitted, so its labels are locked. Ask your teacher to "
                         "reopen it if you need to change something.", status=409, code="submitted")
    if change.op == "save":
        assert change.label is not None
        _save(session, submission_id, change.label)
    elif (row := _label_row(session, submission_id, change.client_id)) is not None:
        session.delete(row)
    session.add(AppliedChange(submission_id=submission_id, change_id=change.change_id))
    session.flush()
    result = _result(session, submission_id, change, text, replayed=False)
    session.commit()
    return result


def apply_change(session: Session, submission: Submission, change: Change, text: str) -> dict:
    """Apply one change once; a change id seen before is answered with the current state."""
    submission_id = submission.id
    try:
        return _apply(session, submission_id, change, text)
    except LabelError:
        session.rollback()
        raise
    except IntegrityError:  # the same change id, committed by a concurrent request
        session.rollback()
        if _applied(session, submission_id, change.change_id):
            return _result(session, submission_id, change, text, replayed=True)
        raise LabelError("The change clashed with another one; it will be retried.", status=409,
                         code="conflict") from None
