"""Sentence alignment between two articles of a story, and the verdict on each aligned pair.

Thresholds on the similarity of :mod:`webapp.compare.similarity` (0..1), chosen on the corpus's
story sets (tests/test_compare.py holds them to it):

- ``COPIED`` 0.85 or the same words once punctuation and case are ignored: copied verbatim;
- ``REWORDED`` 0.35: the same sentence reworded (paraphrases in the corpus score 0.35-0.8, while two
  independent reports of one fact mostly stay below it);
- below: unrelated (no counterpart).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from webapp.compare.losses import lost_attributions, lost_quote_marks, normalise
from webapp.compare.texts import Sentence

COPIED = 0.85
REWORDED = 0.35
VERBATIM, REWORD, UNRELATED = "copied verbatim", "reworded", "unrelated"


def verdict(score: float, copy: Sentence | None = None, source: Sentence | None = None) -> str:
    """copied verbatim / reworded / unrelated for a pair's similarity."""
    if score >= COPIED or (copy and source and normalise(copy.text) == normalise(source.text)):
        return VERBATIM
    return REWORD if score >= REWORDED else UNRELATED


@dataclass(frozen=True)
class AlignedPair:
    """A sentence of the later article and its closest sentence in the other one."""

    copy: Sentence
    source: Sentence
    score: float
    verdict: str
    lost_quote_marks: tuple[str, ...]
    lost_attributions: tuple[str, ...]

    @property
    def aligned(self) -> bool:
        return self.verdict != UNRELATED

    @property
    def lost_something(self) -> bool:
        return bool(self.lost_quote_marks or self.lost_attributions)


def _pair(copy: Sentence, source: Sentence, score: float) -> AlignedPair:
    judged = verdict(score, copy, source)
    if judged == UNRELATED:
        return AlignedPair(copy, source, score, judged, (), ())
    return AlignedPair(copy, source, score, judged, tuple(lost_quote_marks(source, copy)),
                       tuple(lost_attributions(source, copy)))


def align(copy: Sequence[Sentence], source: Sequence[Sentence], scores: np.ndarray) -> list[AlignedPair]:
    """For each sentence of ``copy``, its most similar sentence of ``source``.

    ``scores[i, j]`` is the similarity of ``copy[i]`` and ``source[j]``.
    """
    if not len(copy) or not len(source):
        return []
    best = scores.argmax(axis=1)
    return [_pair(c, source[j], float(scores[i, j])) for i, (c, j) in enumerate(zip(copy, best))]


def ordered_matches(scores: np.ndarray, floor: float = REWORDED) -> int:
    """How many rows an order-preserving, one-to-one alignment pairs at ``floor`` or above.

    A copy keeps its source's sentence order; two independent reports of one event share facts
    in their own order. Counting only pairs that can stand in one sequence (the largest total
    similarity above the floor, as in a global sequence alignment) keeps that distinction.
    """
    rows, cols = scores.shape
    gain = np.where(scores >= floor, scores - floor + 1e-6, 0.0)
    total = np.zeros((rows + 1, cols + 1))
    count = np.zeros((rows + 1, cols + 1), dtype=int)
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            options = [(total[i - 1, j], count[i - 1, j]), (total[i, j - 1], count[i, j - 1])]
            if gain[i - 1, j - 1] > 0:
                options.append((total[i - 1, j - 1] + gain[i - 1, j - 1], count[i - 1, j - 1] + 1))
            total[i, j], count[i, j] = max(options)
    return int(count[rows, cols])
