"""Which article reuses another's sentences, found from the texts alone (not ``derived_from``).

An article is a derived copy of an earlier one (or one of the same date) when, in an
order-preserving one-to-one alignment of their sentences (:func:`webapp.compare.align.ordered_matches`,
pairs copied or reworded):

- at least ``DERIVED_SHARE`` of the copy's own sentences follow the source (a copy may add its own
  headings and commentary, so this share stays modest: 0.25-0.55 for the corpus's copies), and
- at least ``SOURCE_COVERAGE`` of the source's sentences reappear in it (a copy keeps most of its
  source: 0.32-0.57 in the corpus; two independent reports of one event share 0.1-0.3 of their
  sentences, facts told in each outlet's own words).

On the corpus this finds every ``derived_from`` and one pair more: harbor-council-2 shares a
third of harbor-council-1's sentences (0.30 / 0.33), two reports written from one set of facts.
The measure finds shared sentences, not who wrote them first: the page shows the pairs so a
teacher can judge. tests/test_compare.py holds the corpus to exactly this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from webapp.compare.align import AlignedPair, ordered_matches
from webapp.compare.index import StoryIndex, build_index
from webapp.compare.texts import StoryArticle

DERIVED_SHARE = 0.23
SOURCE_COVERAGE = 0.31


@dataclass(frozen=True)
class DerivedCopy:
    copy_id: str
    source_id: str
    share: float  # of the copy's sentences aligned in order as copied or reworded
    coverage: float  # of the source's sentences found again in the copy
    pairs: tuple[AlignedPair, ...]  # every sentence of the copy with its closest source sentence

    @property
    def aligned_pairs(self) -> list[AlignedPair]:
        return [p for p in self.pairs if p.aligned]

    @property
    def verbatim(self) -> int:
        return sum(p.verdict == "copied verbatim" for p in self.pairs)

    @property
    def reworded(self) -> int:
        return sum(p.verdict == "reworded" for p in self.pairs)


def reuse(scores: np.ndarray) -> tuple[float, float]:
    """(share of the copy's sentences, share of the source's) aligned in order; rows are the copy's."""
    if not scores.size:
        return 0.0, 0.0
    matched = ordered_matches(scores)
    return matched / scores.shape[0], matched / scores.shape[1]


def _may_copy(copy: StoryArticle, source: StoryArticle) -> bool:
    """A copy cannot be published before its source (ISO dates compare as strings)."""
    return not (copy.published and source.published and copy.published < source.published)


def _best_source(index: StoryIndex, copy: StoryArticle) -> DerivedCopy | None:
    best = None
    for source in index.articles:
        if source.id == copy.id or not _may_copy(copy, source):
            continue
        share, coverage = reuse(index.block(copy.id, source.id))
        if share >= DERIVED_SHARE and coverage >= SOURCE_COVERAGE and (best is None or share > best[0]):
            best = (share, coverage, source.id)
    if best is None:
        return None
    return DerivedCopy(copy.id, best[2], best[0], best[1], tuple(index.align(copy.id, best[2])))


def derived_from_index(index: StoryIndex) -> list[DerivedCopy]:
    """Every derived copy; of two same-day articles that reuse each other, the one reusing more."""
    found = [c for c in (_best_source(index, a) for a in index.articles) if c]
    shares = {(c.copy_id, c.source_id): c.share for c in found}
    return [c for c in found if shares.get((c.source_id, c.copy_id), -1.0) < c.share
            or (shares.get((c.source_id, c.copy_id)) == c.share and c.copy_id > c.source_id)]


def derived_copies(articles: Sequence[StoryArticle]) -> list[DerivedCopy]:
    """Which article of the story reuses another's sentences, with the aligned pairs."""
    return derived_from_index(build_index(articles))
