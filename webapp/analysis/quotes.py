"""Quotation marks: which marks open and close a quotation, and which are apostrophes.

News text mixes curly “ ” ‘ ’ and straight " ' marks, nests quotes inside quotes and uses the same
glyphs for apostrophes ("Iraq’s", "we're", "troops' mission"). A mark's role is decided from the
glyph, the characters on either side of it and the quotes already open, so a straight " after a
space opens and one before a space or punctuation closes (seed 002's ``on the "end the endless
wars" narrative,"``). Quotes never run past their paragraph: an unclosed double quote ends with
its paragraph (that is how a multi-paragraph quotation is written), an unclosed single one is
dropped (it was most likely an apostrophe, as in "’90s").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from webapp.analysis.segment import WORD_RE
from webapp.analysis.spans import Span

_MARK_RE = re.compile(r"[\"“”«»'‘’]")
_DOUBLE = frozenset("\"“”«»")
_OPEN_BEFORE = frozenset("([{—–-/“‘«\"'")  # a mark after these (or a space) may open a quote
_CLOSE_AFTER = frozenset(".,;:!?)]}—–…”’»\"'")  # a mark before these (or a space) may close one
# Stands in for quoted text in the masked copy: a private-use character, so neither a word
# character nor whitespace (unlike the control characters, which str.isspace() counts as spaces).
MASK = "\ue000"


class Quote(NamedTuple):
    """A quotation: ``span`` holds the words between the marks, ``outer`` the marks too.

    Internal records of the analysis are immutable named tuples: an article makes hundreds of
    them, and a tuple is built several times faster than a frozen dataclass.
    """

    span: Span
    outer: Span
    depth: int  # 0 for a quotation in running text, 1 for one inside it, ...
    closed: bool  # False when the paragraph ended first


def _is_open_context(prev: str, nxt: str) -> tuple[bool, bool]:
    """(could open, could close), judged from the characters around a mark."""
    left = not prev or prev.isspace() or prev in _OPEN_BEFORE
    right = not nxt or nxt.isspace() or nxt in _CLOSE_AFTER
    return left and not right, right and not left


def _double_role(mark: str, prev: str, nxt: str, double_open: bool) -> str:
    opens, closes = _is_open_context(prev, nxt)
    if mark in "“«":
        return "close" if double_open and closes else "open"
    if mark in "”»":
        return "open" if not double_open and opens else ("close" if double_open else "skip")
    if opens:
        return "open"
    if closes:
        return "close" if double_open else "skip"
    return "close" if double_open else "open"


def _single_role(mark: str, prev: str, nxt: str, single_on_top: bool) -> str:
    if prev.isalnum() and nxt.isalnum():
        return "skip"  # we're, Iraq’s
    opens, _closes = _is_open_context(prev, nxt)
    if mark == "‘":
        return "skip" if prev.isalnum() else "open"
    if single_on_top and not prev.isspace():
        return "close"
    if mark == "'" and opens and nxt.isalpha():
        return "open"
    return "skip"  # troops' mission, forces’ ability


def _role(text: str, at: int, bounds: Span, stack: list) -> str:
    mark = text[at]
    prev = text[at - 1] if at > bounds.start else ""
    nxt = text[at + 1] if at + 1 < bounds.end else ""
    if mark in _DOUBLE:
        return _double_role(mark, prev, nxt, any(kind == "d" for kind, _ in stack))
    return _single_role(mark, prev, nxt, bool(stack) and stack[-1][0] == "s")


def _trimmed(text: str, start: int, end: int) -> Span:
    """The quoted words: no surrounding spaces, no comma the writer's punctuation style added."""
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Span(start, end)


def _close(text: str, stack: list, kind: str, at: int, end: int, out: list) -> None:
    """Pop up to the innermost open quote of ``kind``; unclosed singles on the way are dropped."""
    while stack:
        open_kind, open_at = stack.pop()
        if open_kind == kind:
            inner = _trimmed(text, open_at + 1, at)
            if inner.end > inner.start:
                depth = sum(1 for k, _ in stack if k == "d" or k == "s")
                out.append(Quote(inner, Span(open_at, end), depth, end > at))
            return


def _paragraph_quotes(text: str, bounds: Span, out: list) -> None:
    stack: list[tuple[str, int]] = []
    for match in _MARK_RE.finditer(text, bounds.start, bounds.end):
        at = match.start()
        if text[at] in "'’" and bounds.start < at < bounds.end - 1 and text[at - 1].isalnum() \
                and text[at + 1].isalnum():
            continue  # the usual apostrophe: "Iraq’s", "we're"
        if text[at] == "“" and not stack:
            stack.append(("d", at))  # the usual opening mark
            continue
        role = _role(text, at, bounds, stack)
        kind = "d" if text[at] in _DOUBLE else "s"
        if role == "open":
            stack.append((kind, at))
        elif role == "close":
            _close(text, stack, kind, at, at + 1, out)
    while stack and stack[0][0] != "d":
        stack.pop(0)  # an unclosed single outside any double: an apostrophe after all
    if stack:
        outer_kind, _outer_at = stack[0]
        del stack[1:]
        _close(text, stack, outer_kind, bounds.end, bounds.end, out)


def find_quotes(text: str, paragraphs: list[Span]) -> list[Quote]:
    """Every quotation in ``text``, speech and scare quotes alike, ordered by opening mark."""
    out: list[Quote] = []
    for bounds in paragraphs:
        if _MARK_RE.search(text, bounds.start, bounds.end):
            _paragraph_quotes(text, bounds, out)
    out.sort(key=lambda q: q.outer.start)
    return out


def mask_quotes(text: str, quotes: list[Quote]) -> str:
    """``text`` with each outermost quotation, marks included, replaced by :data:`MASK` characters.

    Offsets are unchanged, so patterns run on the masked copy find reporting verbs and speakers in
    the writer's words only ("As we always said ..." inside a quote is nobody's attribution).
    """
    pieces, last = [], 0
    for quote in quotes:
        if quote.depth == 0 and quote.outer.start >= last:
            pieces.append(text[last : quote.outer.start])
            pieces.append(MASK * len(quote.outer))
            last = quote.outer.end
    pieces.append(text[last:])
    return "".join(pieces)


def quoted_word_share(text: str, masked: str, quotes: list[Quote]) -> float:
    """Words inside quotation marks / all words, by segment's word definition (``WORD_RE``).

    Each character is scanned once: the words outside quotations in the masked copy, the words
    inside in the outermost quotations (so nested quotes count once).
    """
    inside = sum(len(WORD_RE.findall(text, q.span.start, q.span.end)) for q in quotes if q.depth == 0)
    total = inside + len(WORD_RE.findall(masked))
    return inside / total if total else 0.0
