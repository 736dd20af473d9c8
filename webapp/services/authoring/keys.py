"""A teacher's own answer key for an article: validating and applying the key editor's changes.

The editor page sends the same changes as the student's exercise page (``change_id``, ``op``,
``client_id``, ``label``), with the label's ``note`` carrying its rationale, which a key label
must have. A save is an upsert by client id and a delete removes by client id, so a change
retried after a lost answer has the same effect as sending it once. The corpus key (rows without
an author) is never changed here: a teacher's key is a separate set of rows with their id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from webapp.grading.states import Confidence
from webapp.models import Article, Cue, KeyLabel, Teacher

# The student API's checks of ids and spans apply unchanged to a key label.
from webapp.services.labels import LABELS_MAX, LabelError, _span, parse_envelope

RATIONALE_MAX = 1000


@dataclass(frozen=True, slots=True)
class KeyChange:
    change_id: str
    op: str
    client_id: str
    cue: str | None = None
    start: int = 0
    end: int = 0
    rationale: str = ""


def _rationale(value: Any) -> str:
    if value is not None and not isinstance(value, str):
        raise LabelError("The rationale must be text.", field="note")
    text = "".join(ch for ch in (value or "") if ch in "\n\t" or ch.isprintable()).strip()
    if not text:
        raise LabelError("A key label needs a rationale: say in a sentence why this passage shows the cue.",
                         field="note", code="rationale_required")
    if len(text) > RATIONALE_MAX:
        raise LabelError(f"A rationale can be at most {RATIONALE_MAX} characters long "
                         f"(this one has {len(text)}).",
                         field="note")
    return text


def parse_key_change(payload: Any, text: str, cues: Iterable[str]) -> KeyChange:
    """Check a change from the key editor against the article's text and the taxonomy."""
    change_id, op, client_id, label = parse_envelope(payload)
    if op == "delete":
        return KeyChange(change_id, op, client_id)
    if not isinstance(label, dict):
        raise LabelError("“label” must be an object with cue, start, end and a rationale.", field="label")
    cue = label.get("cue")
    if not isinstance(cue, str) or cue not in set(cues):
        raise LabelError("That cue is not in the taxonomy. Pick one of the cues in the palette.", field="cue")
    start, end = _span(label, text)
    rationale = _rationale(label.get("rationale", label.get("note")))
    return KeyChange(change_id, op, client_id, cue, start, end, rationale)


def cue_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Cue.id).order_by(Cue.position)))


def own_key(session: Session, article: Article, teacher: Teacher) -> list[KeyLabel]:
    return list(session.scalars(select(KeyLabel).where(
        KeyLabel.article_id == article.id, KeyLabel.author_id == teacher.id,
    ).order_by(KeyLabel.start, KeyLabel.end)))


def corpus_key(session: Session, article: Article) -> list[KeyLabel]:
    return list(session.scalars(select(KeyLabel).where(
        KeyLabel.article_id == article.id, KeyLabel.author_id.is_(None),
    ).order_by(KeyLabel.start, KeyLabel.end)))


def key_label_dict(row: KeyLabel) -> dict:
    """A key label in the shape the labelling page's script uses (its ``note`` is the rationale)."""
    return {"client_id": row.client_id or f"key-{row.id}", "cue": row.cue_id, "start": row.start,
            "end": row.end, "text": row.text, "note": row.rationale, "confidence": Confidence.SURE}


def _row(session: Session, article: Article, teacher: Teacher, client_id: str) -> KeyLabel | None:
    return session.scalar(select(KeyLabel).where(
        KeyLabel.article_id == article.id, KeyLabel.author_id == teacher.id, KeyLabel.client_id == client_id))


def _check_room(session: Session, article: Article, teacher: Teacher, change: KeyChange) -> None:
    clash = session.scalar(select(KeyLabel).where(
        KeyLabel.article_id == article.id, KeyLabel.author_id == teacher.id, KeyLabel.cue_id == change.cue,
        KeyLabel.client_id != change.client_id, KeyLabel.start < change.end, KeyLabel.end > change.start))
    if clash is not None:
        raise LabelError(f"Your key already gives part of this passage the same cue (“{clash.text}”). "
                         "Change or delete that label, or pick a different cue.",
                         status=409, code="overlap", field="cue")


def _save(session: Session, article: Article, teacher: Teacher, change: KeyChange) -> KeyLabel:
    _check_room(session, article, teacher, change)
    row = _row(session, article, teacher, change.client_id)
    if row is None:
        count = session.scalar(select(func.count()).select_from(KeyLabel).where(
            KeyLabel.article_id == article.id, KeyLabel.author_id == teacher.id))
        if count >= LABELS_MAX:
            raise LabelError(f"A key can hold at most {LABELS_MAX} labels.", status=409, code="too_many")
        row = KeyLabel(article_id=article.id, author_id=teacher.id, client_id=change.client_id)
        session.add(row)
    row.cue_id, row.start, row.end = change.cue, change.start, change.end
    row.text, row.rationale = article.text[change.start:change.end], change.rationale
    return row


def apply_key_change(session: Session, article: Article, teacher: Teacher, change: KeyChange) -> dict:
    """Apply one change and commit; the answer holds the label as saved (None once deleted)."""
    try:
        if change.op == "save":
            _save(session, article, teacher, change)
        else:
            session.execute(delete(KeyLabel).where(
                KeyLabel.article_id == article.id, KeyLabel.author_id == teacher.id,
                KeyLabel.client_id == change.client_id))
        session.commit()
    except LabelError:
        session.rollback()
        raise
    except IntegrityError:  # the same new label saved by a concurrent retry: it is there now
        session.rollback()
        if change.op == "save" and _row(session, article, teacher, change.client_id) is None:
            raise LabelError("The change clashed with another one; it will be retried.", status=409,
                             code="conflict") from None
        if change.op == "save":
            return apply_key_change(session, article, teacher, change)
    row = _row(session, article, teacher, change.client_id)
    return {"change_id": change.change_id, "op": change.op, "client_id": change.client_id,
            "label": key_label_dict(row) if row is not None else None, "replayed": False}


def copy_corpus_key(session: Session, article: Article, teacher: Teacher) -> int:
    """Start the teacher's own version of a corpus article's key as a copy of it (once)."""
    if own_key(session, article, teacher):
        return 0
    rows = corpus_key(session, article)
    session.add_all(KeyLabel(article_id=article.id, author_id=teacher.id, client_id=f"copy-{row.id}",
                             cue_id=row.cue_id, start=row.start, end=row.end, text=row.text,
                             rationale=row.rationale) for row in rows)
    session.commit()
    return len(rows)


def suggestions(article: Article, labels: Iterable[KeyLabel]) -> list[dict]:
    """The classifier's predictions stored with the article, less those the key already has
    (a key label of the same cue overlapping them): optional pre-labels to accept or reject."""
    taken = [(l.cue_id, l.start, l.end) for l in labels]
    found = []
    for cue in (article.analysis or {}).get("cues") or []:
        start, end, name = cue.get("start"), cue.get("end"), cue.get("cue")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article.text)):
            continue
        if any(c == name and s < end and e > start for c, s, e in taken):
            continue
        found.append({"id": f"s-{name}-{start}-{end}", "cue": name, "start": start, "end": end,
                      "text": article.text[start:end], "score": cue.get("score")})
    return sorted(found, key=lambda s: (s["start"], s["end"], s["cue"]))
