"""Paragraphs, sentences and words with character offsets into the original text.

Sentence boundaries come from Bling Fire's finite-state splitter, which ships its model inside
the wheel (no download, unlike TextBlob's NLTK-backed ``.sentences``) and handles abbreviations
such as "U.S.", "Maj. Gen.", "Jr." and "Dec. 31" and quotations that run over sentences. We run
it one line at a time, because headings, datelines and list-like lines carry no final punctuation
and must still stand as sentences of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import blingfire

from webapp.analysis.spans import Span

# Letters and digits, joined by inner hyphens, apostrophes or periods ("al-Kadhimi", "we're", "U.S").
WORD_RE = re.compile(r"\w+(?:[-'’.]\w+)*")
_LINE_RE = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[Span]:
    """Every non-blank line, trimmed: news text puts one paragraph, heading or dateline per line."""
    spans = []
    for match in _LINE_RE.finditer(text):
        start = match.start()
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        spans.append(Span(start, start + len(stripped)))
    return spans


def _sentences_with_offsets(text: str, block: Span) -> Iterator[Span]:
    chunk = block.text(text)
    _, offsets = blingfire.text_to_sentences_and_offsets(chunk)
    for start, end in offsets:
        piece = chunk[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if end - trail > start + lead:
            yield Span(block.start + start + lead, block.start + end - trail)


def _sentences_in(text: str, block: Span) -> list[Span]:
    """Sentences of one line. Bling Fire's own offset mapping runs a Python loop over every byte
    and costs twice the splitting itself, so we locate each returned sentence in the line and fall
    back to that mapping only when the splitter changed the text (it may collapse whitespace)."""
    chunk = block.text(text)
    spans, cursor = [], 0
    for piece in blingfire.text_to_sentences(chunk).split("\n"):
        piece = piece.strip()
        if not piece:
            continue
        at = chunk.find(piece, cursor)
        if at < 0:
            return list(_sentences_with_offsets(text, block))
        spans.append(Span(block.start + at, block.start + at + len(piece)))
        cursor = at + len(piece)
    return spans


def sentences(text: str, blocks: list[Span] | None = None) -> list[Span]:
    """Sentence spans in reading order; a heading or a line without final punctuation is one."""
    result: list[Span] = []
    for block in blocks if blocks is not None else paragraphs(text):
        result.extend(_sentences_in(text, block))
    return result


def words(text: str, within: Span | None = None) -> list[Span]:
    """Word spans (letters and digits, with inner hyphens, apostrophes and periods)."""
    if within is None:
        return [Span(*m.span()) for m in WORD_RE.finditer(text)]
    return [Span(*m.span()) for m in WORD_RE.finditer(text, within.start, within.end)]


def word_count(text: str) -> int:
    """How many words the text has, by the same definition as :func:`words`."""
    return sum(1 for _ in WORD_RE.finditer(text))
