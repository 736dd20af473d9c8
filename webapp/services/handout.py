"""The student handout of a lesson: each article its exercises use, as paper readers need it
(numbered paragraphs to point at in discussion), with the tasks and the cue glossary.

Nothing of the answer key or the classifier is on it: a handout is given to students.
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.models import Article, Exercise, Lesson
from webapp.services.article_text import reading_blocks


@dataclass(frozen=True)
class HandoutParagraph:
    number: int | None  # None for the headline, which is printed as the article's title
    text: str


@dataclass(frozen=True)
class HandoutArticle:
    article: Article
    exercises: tuple[Exercise, ...]
    paragraphs: tuple[HandoutParagraph, ...]
    words: int

    @property
    def headline(self) -> str:
        heading = next((p.text for p in self.paragraphs if p.number is None), None)
        return heading or self.article.headline or self.article.id


def handout_articles(lesson: Lesson) -> list[HandoutArticle]:
    """The lesson's articles in the order its exercises first use them, each once."""
    by_article: dict[str, list[Exercise]] = {}
    for exercise in lesson.exercises:
        by_article.setdefault(exercise.article_id, []).append(exercise)
    return [_handout_article(exercises[0].article, exercises) for exercises in by_article.values()]


def _handout_article(article: Article, exercises: list[Exercise]) -> HandoutArticle:
    analysis = article.analysis or {}
    paragraphs: list[HandoutParagraph] = []
    number = 0
    for block in reading_blocks(article.text, analysis, article.headline):
        text = article.text[block.start:block.end].strip()
        if block.kind == "headline":
            paragraphs.append(HandoutParagraph(None, text))
        elif text:
            number += 1
            paragraphs.append(HandoutParagraph(number, text))
    words = int(analysis.get("words") or len(article.text.split()))
    return HandoutArticle(article, tuple(exercises), tuple(paragraphs), words)
