"""A story's sentences and their similarity matrix, computed once and shared by every question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from webapp.compare.align import AlignedPair, align
from webapp.compare.similarity import similarity_matrix
from webapp.compare.texts import Sentence, StoryArticle, sentences_of


@dataclass(frozen=True)
class StoryIndex:
    articles: tuple[StoryArticle, ...]
    sentences: dict[str, tuple[Sentence, ...]]
    offsets: dict[str, int]  # where each article's sentences start in the matrix
    scores: np.ndarray

    def block(self, copy_id: str, source_id: str) -> np.ndarray:
        """Similarities of ``copy_id``'s sentences (rows) with ``source_id``'s (columns)."""
        a, b = self.offsets[copy_id], self.offsets[source_id]
        return self.scores[a:a + len(self.sentences[copy_id]), b:b + len(self.sentences[source_id])]

    def align(self, copy_id: str, source_id: str) -> list[AlignedPair]:
        return align(self.sentences[copy_id], self.sentences[source_id], self.block(copy_id, source_id))


def build_index(articles: Sequence[StoryArticle]) -> StoryIndex:
    """Split every article into sentences and score all pairs in one TF-IDF fit."""
    sentences = {a.id: tuple(sentences_of(a)) for a in articles}
    offsets, flat = {}, []
    for article in articles:
        offsets[article.id] = len(flat)
        flat.extend(sentences[article.id])
    return StoryIndex(tuple(articles), sentences, offsets, similarity_matrix(flat))
