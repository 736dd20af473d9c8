"""The heat map column: the article's words shaded by how many students labelled them.

A word's *band* (1-4) is its share of the submitted students in quarters, and each band has its
own underline (dotted, dashed, solid, double) besides its shade; the count itself is written after
every run of words with the same count, so the map reads without colour and on paper.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

BANDS = 4
BAND_NAMES = {1: "dotted underline", 2: "dashed underline", 3: "solid underline", 4: "double underline"}


@dataclass(frozen=True)
class HeatPiece:
    """A word (``word`` is its number), a mark or the space between them."""

    text: str
    word: int | None = None
    count: int = 0
    band: int = 0
    show_count: bool = False


def band(count: int, students: int) -> int:
    """0 for nobody, else the quarter of the class (1-4) the count falls in."""
    return 0 if count <= 0 or students <= 0 else min(BANDS, math.ceil(BANDS * count / students))


def legend(students: int) -> list[tuple[int, str, str]]:
    """(band, counts it covers, its pattern) for the bands that can occur with this many students."""
    rows = []
    for b in range(1, BANDS + 1):
        low, high = math.floor(students * (b - 1) / BANDS) + 1, math.floor(students * b / BANDS)
        if low <= high:
            rows.append((b, str(low) if low == high else f"{low}–{high}", BAND_NAMES[b]))
    return rows


def heat_blocks(blocks: list, words, counts: list[int], students: int) -> list[tuple[object, list[HeatPiece]]]:
    """Each block of the article (``article_text.reading_blocks``) as pieces; a word's count is shown after the last word of its run."""
    number_at = {w.start: w.number for w in words}
    result = []
    for block in blocks:
        pieces: list[HeatPiece] = []
        for piece in block.pieces:
            number = number_at.get(piece.token.start) if piece.token is not None else None
            if number is None:
                pieces.append(HeatPiece(piece.text))
                continue
            count = counts[number]
            pieces.append(HeatPiece(piece.text, number, count, band(count, students)))
        result.append((block, _mark_run_ends(pieces)))
    return result


def _mark_run_ends(pieces: list[HeatPiece]) -> list[HeatPiece]:
    """Set ``show_count`` on the last word of each run of words sharing a non-zero count."""
    words = [i for i, p in enumerate(pieces) if p.word is not None]
    marked = list(pieces)
    for n, i in enumerate(words):
        following = pieces[words[n + 1]].count if n + 1 < len(words) else None
        if pieces[i].count and following != pieces[i].count:
            p = pieces[i]
            marked[i] = HeatPiece(p.text, p.word, p.count, p.band, True)
    return marked
