"""An article's text cut into the pieces the exercise page shows and labels snap to.

A *token* is a word (letters or digits with inner ``- ' ’ .``, as the analysis counts words) or
any other single visible character (a comma, a quotation mark, a question mark). Labels start and
end on token boundaries: every answer-key span does, so a student can match a key exactly, and a
span that cuts a word in half is widened to the whole word. Offsets are Python string indices
into ``Article.text``, the same coordinates as the keys, the analysis and the API.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

TOKEN_RE = re.compile(r"\w+(?:[-'’.]\w+)*|\S")


@dataclass(frozen=True, slots=True)
class Token:
    """One word or mark: ``text[start:end]``, in sentence ``sentence`` (an index into analysis)."""

    index: int
    start: int
    end: int
    text: str
    sentence: int
    word: bool  # False for punctuation and other marks


@dataclass(frozen=True, slots=True)
class Piece:
    """What the template writes: a token, or the whitespace between two tokens (``token`` None)."""

    text: str
    token: Token | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A headline or a paragraph of the article, in reading order."""

    kind: str  # "headline", "heading" (a section heading inside the article) or "paragraph"
    start: int
    end: int
    pieces: tuple[Piece, ...]


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token of ``text``."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


@functools.lru_cache(maxsize=64)
def _token_bounds(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the tokens of ``text``; cached because every label save snaps against
    the same few articles, and tokenising one took a quarter of a save's time."""
    spans = token_spans(text)
    return tuple(s for s, _ in spans), tuple(e for _, e in spans)


def snap(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Widen ``[start, end)`` to whole tokens; None when it holds no token at all (only spaces)."""
    starts, ends = _token_bounds(text)
    first = bisect.bisect_right(ends, start)  # the first token ending after start
    last = bisect.bisect_left(starts, end) - 1  # the last token starting before end
    if first >= len(starts) or last < first:
        return None
    return starts[first], ends[last]


def _sentence_of(sentence_starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(sentence_starts, offset) - 1)


def _paragraphs(text: str, analysis: dict) -> list[tuple[int, int]]:
    found = [(p["start"], p["end"]) for p in analysis.get("paragraphs") or []]
    if found:
        return found
    return [m.span() for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)]


def _pieces(text: str, start: int, end: int, sentence_starts: list[int], counter: list[int]) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    position = start
    for match in TOKEN_RE.finditer(text, start, end):
        if match.start() > position:
            pieces.append(Piece(text[position:match.start()]))
        token = Token(counter[0], match.start(), match.end(), match.group(),
                      _sentence_of(sentence_starts, match.start()), match.group()[0].isalnum())
        counter[0] += 1
        pieces.append(Piece(token.text, token))
        position = match.end()
    return tuple(pieces)


_HEADING_END = re.compile(r"[.!?:;,”\"’)…]$")


def is_section_heading(paragraph: str) -> bool:
    """A short one-line paragraph with no closing punctuation ("What comes next", "THE SPIN MACHINE
    STARTS UP"): how the corpus writes the section headings of opinion pieces. A credit line
    ("— With wire reports") or a sentence is not one."""
    words = paragraph.split()
    return (0 < len(words) <= 10 and len(paragraph) <= 70 and "\n" not in paragraph.strip()
            and paragraph.lstrip()[:1] not in ("—", "-", "–") and not _HEADING_END.search(paragraph.rstrip()))


def _kind(text: str, number: int, start: int, end: int, headline: str | None) -> str:
    if number == 0 and headline and text.startswith(headline):
        return "headline"
    return "heading" if number > 0 and is_section_heading(text[start:end]) else "paragraph"


def reading_blocks(text: str, analysis: dict, headline: str | None) -> list[Block]:
    """The article as blocks of tokens; the first paragraph is the headline when the text opens with
    it, and short unpunctuated lines after it are section headings."""
    sentence_starts = [s["start"] for s in analysis.get("sentences") or []]
    counter = [0]
    blocks = []
    for number, (start, end) in enumerate(_paragraphs(text, analysis)):
        kind = _kind(text, number, start, end, headline)
        blocks.append(Block(kind, start, end, _pieces(text, start, end, sentence_starts, counter)))
    return blocks


# Results derived from a stored article, per process. An article's text is fixed (its SHA-256 is
# checked on load) and its analysis changes only with the model version, so the key below names
# one result for good. Cutting an article into tokens took about a third of the exercise page's time.
T = TypeVar("T")
_PER_ARTICLE: dict[tuple, object] = {}
_PER_ARTICLE_MAX = 512


def per_article(article, kind: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per process for this stored ``Article`` and ``kind``; do not mutate it."""
    key = (kind, article.id, article.sha256, article.model_version, article.headline)
    if key not in _PER_ARTICLE:
        if len(_PER_ARTICLE) >= _PER_ARTICLE_MAX:
            _PER_ARTICLE.clear()  # a school's articles fit many times over; this only bounds a pathological case
        _PER_ARTICLE[key] = compute()
    return _PER_ARTICLE[key]  # type: ignore[return-value]


def article_blocks(article) -> list[Block]:
    """``reading_blocks`` of a stored ``Article``, computed once per process."""
    return per_article(article, "blocks",
                       lambda: reading_blocks(article.text, article.analysis or {}, article.headline))
