"""Article drafts: an upload or pasted text held while the teacher reviews what the cleaner removed.

Only the text read from the file is stored (trafilatura's extraction for HTML, so no markup,
script or style is ever kept), with the removal ids the teacher undid; the cleaned text is
recomputed from the two on every view, which makes undo and redo exact. A draft is deleted when
its article is saved or the teacher discards it; drafts untouched for ``DRAFT_DAYS`` are expired:
no page shows them, and the next upload (a write) deletes them. Pages only read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from webapp.corpus.cleaning import CleanResult, Removal, clean_text
from webapp.corpus.importer import MIN_ARTICLE_WORDS, gather_evidence
from webapp.corpus.reading import (
    HTML_SUFFIXES,
    MAX_INPUT_BYTES,
    TEXT_SUFFIXES,
    ArticleInputError,
    read_article_bytes,
)
from webapp.models import ArticleDraft, Teacher
from webapp.models.base import utcnow
from webapp.services.authoring.leftovers import Leftover, apply_edits, leftovers, set_edit

DRAFT_DAYS = 7
DRAFTS_MAX = 20  # open drafts per teacher: enough for a unit's reading list, not a dumping ground
PASTE_NAME = "pasted text"
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm")
_ACTIVE_TAGS = {"scripts": re.compile(rb"<script\b", re.IGNORECASE),
                "styles": re.compile(rb"<style\b", re.IGNORECASE)}


@dataclass(frozen=True)
class DraftReview:
    """What the review page shows: the cleaned text, what went and what the teacher put back."""

    draft: ArticleDraft
    cleaned: CleanResult
    undone: tuple[Removal, ...]
    words: int
    evidence: dict
    leftovers: list[Leftover] = field(default_factory=list)  # paragraphs that may be page debris

    @property
    def enough_words(self) -> bool:
        return self.words >= MIN_ARTICLE_WORDS


def limit_text() -> str:
    """The upload limit as the forms and messages state it."""
    return f"{MAX_INPUT_BYTES // (1024 * 1024)} MiB"


def _checked_suffix(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ArticleInputError(
            f"{filename}: FrameLab reads .txt, .md and .html files, not “{suffix or 'no suffix'}”.")
    return suffix


def _too_short(cleaned: CleanResult, name: str) -> None:
    words = len(cleaned.text.split())
    if words < MIN_ARTICLE_WORDS:
        raise ArticleInputError(
            f"{name}: after cleaning only {words} words are left; an article needs at least "
            f"{MIN_ARTICLE_WORDS}. Is this the article itself, not an index, a login page or a summary?")


def _expiry(now: dt.datetime | None = None) -> dt.datetime:
    """Drafts last touched before this moment are expired."""
    return (now or utcnow()) - dt.timedelta(days=DRAFT_DAYS)


def purge_old_drafts(session: Session, now: dt.datetime | None = None) -> int:
    """Delete every draft untouched for DRAFT_DAYS days; returns how many went."""
    return session.execute(delete(ArticleDraft).where(ArticleDraft.updated_at < _expiry(now))).rowcount


def _room_for_draft(session: Session, teacher: Teacher) -> None:
    purge_old_drafts(session)
    count = session.scalar(select(func.count()).select_from(ArticleDraft)
                           .where(ArticleDraft.owner_id == teacher.id))
    if count >= DRAFTS_MAX:
        raise ArticleInputError(
            f"You have {count} articles waiting for review, the most FrameLab keeps. Save or discard "
            "some of them first (they are listed on the Articles page).")


def create_draft(session: Session, teacher: Teacher, data: bytes, filename: str) -> ArticleDraft:
    """Read an upload (or pasted text, as UTF-8 bytes named PASTE_NAME) into a new draft.

    Raises ArticleInputError, with a message for the teacher, for anything that is not an article.
    """
    name = PurePath(filename or "upload").name[:200] or "upload"
    suffix = ".txt" if name == PASTE_NAME else _checked_suffix(name)
    source = read_article_bytes(data, name, suffix)
    _too_short(clean_text(source.text), name)
    _room_for_draft(session, teacher)
    declared = {k: str(v)[:500] for k, v in source.metadata.items() if isinstance(v, str | int | float) and v}
    if source.format == "html":  # said on the review page: what the page held that was left out
        declared["left_out"] = {name: len(tag.findall(data)) for name, tag in _ACTIVE_TAGS.items()}
    draft = ArticleDraft(owner_id=teacher.id, source_name=name, source_format=source.format,
                         raw_text=source.text, declared=declared, kept=[])
    session.add(draft)
    session.flush()
    return draft


def own_draft(session: Session, teacher: Teacher, draft_id: int) -> ArticleDraft | None:
    """The teacher's draft with this id; None for anyone else's or an expired one (the view answers 404)."""
    draft = session.get(ArticleDraft, draft_id)
    if draft is None or draft.owner_id != teacher.id or draft.updated_at < _expiry():
        return None
    return draft


def teacher_drafts(session: Session, teacher: Teacher) -> list[ArticleDraft]:
    """The teacher's drafts still under review, newest first (expired ones are left to the next purge)."""
    return list(session.scalars(select(ArticleDraft).where(ArticleDraft.owner_id == teacher.id,
                                                           ArticleDraft.updated_at >= _expiry())
                                .order_by(ArticleDraft.updated_at.desc())))


def review(draft: ArticleDraft) -> DraftReview:
    """The draft's cleaned text with the teacher's undos applied, and the removals undone."""
    kept = tuple(draft.kept or ())
    cleaned = clean_text(draft.raw_text, kept)
    every = {r.id: r for r in clean_text(draft.raw_text).removals}
    if kept:  # an undone line may bring inline removals of its own, found only when it is kept
        every.update({r.id: r for r in clean_text(draft.raw_text, tuple(every)).removals})
    undone = tuple(every[i] for i in kept if i in every)
    flagged = leftovers(cleaned.text, draft.edits)
    cleaned = CleanResult(apply_edits(cleaned.text, draft.edits), cleaned.removals)
    evidence = gather_evidence(cleaned.text) if cleaned.text.strip() else {}
    return DraftReview(draft, cleaned, undone, len(cleaned.text.split()), evidence, flagged)


def set_removal(draft: ArticleDraft, removal_id: str, undo: bool) -> bool:
    """Undo (keep the text) or redo (remove it again) one removal; False for an unknown id."""
    current = review(draft)
    known = {r.id for r in current.cleaned.removals} | {r.id for r in current.undone}
    if removal_id not in known:
        return False
    kept = [i for i in (draft.kept or []) if i != removal_id]
    if undo:
        kept.append(removal_id)
    draft.kept = kept
    draft.updated_at = utcnow()
    return True


def edit_leftover(draft: ArticleDraft, original: str, corrected: str) -> None:
    """Correct (or, with an empty text, delete) one paragraph the cleaner left in."""
    known = clean_text(draft.raw_text, tuple(draft.kept or ())).text.split("\n\n")
    draft.edits = set_edit(draft.edits, original, corrected, known)
    draft.updated_at = utcnow()
