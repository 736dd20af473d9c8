"""The whole comparison of one story, computed in one pass over its sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from webapp.compare.common import SharedQuote, shared_quotes, unique_sentences
from webapp.compare.derived import DerivedCopy, derived_from_index
from webapp.compare.index import build_index
from webapp.compare.texts import Sentence, StoryArticle


@dataclass(frozen=True)
class StoryComparison:
    article_ids: tuple[str, ...]
    derived: tuple[DerivedCopy, ...]
    shared_quotes: tuple[SharedQuote, ...]
    unique: dict[str, list[Sentence]]
    sentence_counts: dict[str, int]

    def derived_source(self, article_id: str) -> str | None:
        """The article ``article_id`` was found to copy, if any."""
        return next((d.source_id for d in self.derived if d.copy_id == article_id), None)


def compare_story(articles: Sequence[StoryArticle]) -> StoryComparison:
    """Derived copies, shared quotes and unique sentences of the story's articles."""
    index = build_index(articles)
    return StoryComparison(tuple(a.id for a in articles), tuple(derived_from_index(index)),
                           tuple(shared_quotes(index)), unique_sentences(index),
                           {a.id: len(index.sentences[a.id]) for a in articles})
