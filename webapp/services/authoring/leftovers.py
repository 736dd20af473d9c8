"""What the cleaner left in but a teacher may want out: paragraphs that look like page debris
(a short line without a sentence's end, a copyright line, a link, "click here"), flagged on the
draft review page with a box to correct or delete each.

Edits are kept on the draft keyed by the paragraph's original text, so they survive the teacher
putting removals back or taking them out again (which renumbers the paragraphs)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DEBRIS = re.compile(r"©|\ball rights reserved\b|\bclick here\b|https?://|www\.|\bcookies?\b|\bunsubscribe\b"
                     r"|\bfollow us\b|\bsign up\b|\bsubscribe\b|\bnewsletter\b|\bphoto:|\bimage:",
                     re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…”\"’')\]]$")
SHORT_WORDS, EDIT_MAX = 8, 5000


@dataclass(frozen=True)
class Leftover:
    """One flagged paragraph: its number in the text, what it says now, and why it was flagged."""

    number: int
    original: str
    text: str
    reason: str


def why_flagged(paragraph: str, is_first: bool) -> str | None:
    """Why a paragraph looks like debris, or None. The first paragraph is the headline: short
    and unpunctuated by nature, so only debris words flag it."""
    if _DEBRIS.search(paragraph):
        return "looks like page furniture (a link, a copyright or subscription line)"
    if not is_first and len(paragraph.split()) <= SHORT_WORDS and not _SENTENCE_END.search(paragraph.strip()):
        return "a short line that is not a sentence (a caption, a label or a heading?)"
    return None


def apply_edits(text: str, edits: dict[str, str] | None) -> str:
    """The cleaned text with the teacher's corrections; an empty correction deletes the paragraph."""
    if not edits:
        return text
    paragraphs = [edits.get(p, p).strip() for p in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def leftovers(text: str, edits: dict[str, str] | None) -> list[Leftover]:
    """The flagged paragraphs of the cleaned text (before edits), each with its edit applied."""
    edits = edits or {}
    found = []
    for number, paragraph in enumerate(text.split("\n\n"), start=1):
        reason = why_flagged(paragraph, number == 1)
        if reason is not None or paragraph in edits:
            found.append(Leftover(number, paragraph, edits.get(paragraph, paragraph),
                                  reason or "you corrected it"))
    return found


def set_edit(edits: dict[str, str] | None, original: str, corrected: str, known: list[str]) -> dict[str, str]:
    """The draft's edits with one paragraph corrected (or put back as it was); only a paragraph of
    the current text may be edited, and an edit no longer than ``EDIT_MAX``."""
    if original not in known:
        raise ValueError("That paragraph is no longer in the text; nothing changed.")
    corrected = " ".join((corrected or "").split())
    if len(corrected) > EDIT_MAX:
        raise ValueError(f"A paragraph has at most {EDIT_MAX} characters.")
    updated = dict(edits or {})
    if corrected == original:
        updated.pop(original, None)
    else:
        updated[original] = corrected
    return updated
