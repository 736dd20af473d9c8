"""What the story pages show, read from the stored articles: figures per article, cue counts of
the answer key and the classifier, sources, and the cached text comparison."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.compare import StoryArticle, StoryComparison
from webapp.models import Article, Cue, KeyLabel, Story
from webapp.presenters.panels import ArticleFigures
from webapp.services.visibility import visible_row, visible_to
from webapp.stories.cache import cached_comparison


@dataclass(frozen=True)
class SourceRow:
    name: str
    named: bool
    role: str | None
    verbs: tuple[str, ...]
    attributions: int


@dataclass(frozen=True)
class ArticleColumn:
    article: Article
    number: int
    figures: ArticleFigures
    words: int
    sources: tuple[SourceRow, ...]
    key_cues: dict[str, int]
    classifier_cues: dict[str, int]
    detected_source: str | None  # from the text comparison

    @property
    def key_total(self) -> int:
        return sum(self.key_cues.values())

    @property
    def classifier_total(self) -> int:
        return sum(self.classifier_cues.values())


@dataclass(frozen=True)
class StoryPage:
    story: Story
    columns: list[ArticleColumn]
    comparison: StoryComparison
    cues: list[Cue]  # those counted in at least one article, in glossary order

    def column(self, article_id: str) -> ArticleColumn:
        return next(c for c in self.columns if c.article.id == article_id)


def story_list(session: Session, teacher_id: int) -> list[tuple[Story, int]]:
    """Every story with the number of its articles the teacher may see, newest first."""
    rows = session.execute(select(Story, func.count(Article.id)).join(Article, Article.story_id == Story.id)
                           .where(visible_to(Article, teacher_id)).group_by(Story.id).order_by(Story.date.desc(), Story.id))
    return [(story, count) for story, count in rows]


def _visible_articles(session: Session, story_id: str, teacher_id: int) -> list[Article]:
    """The story's articles the teacher may see, oldest first (a copy follows its source)."""
    return list(session.scalars(select(Article).where(Article.story_id == story_id, visible_to(Article, teacher_id))
                                .order_by(Article.published, Article.id)))


def _key_counts(session: Session, ids: list[str], teacher_id: int) -> dict[str, Counter]:
    """Cue counts of the key the teacher's students are scored against (their own key for an
    article when they wrote one, else the corpus key): another teacher's key is never counted."""
    corpus: dict[str, Counter] = {i: Counter() for i in ids}
    own: dict[str, Counter] = {i: Counter() for i in ids}
    rows = session.execute(select(KeyLabel.article_id, KeyLabel.author_id, KeyLabel.cue_id, func.count())
                           .where(KeyLabel.article_id.in_(ids), visible_to(KeyLabel, teacher_id, "author_id"))
                           .group_by(KeyLabel.article_id, KeyLabel.author_id, KeyLabel.cue_id))
    for article_id, author_id, cue_id, n in rows:
        (corpus if author_id is None else own)[article_id][cue_id] = n
    return {i: own[i] or corpus[i] for i in ids}


def _sources(analysis: dict) -> tuple[SourceRow, ...]:
    raw = ((analysis or {}).get("sourcing") or {}).get("sources") or []
    return tuple(SourceRow(s.get("name") or "(unnamed)", bool(s.get("named")), s.get("role"),
                           tuple(s.get("verbs") or ()), int(s.get("attributions") or 0)) for s in raw)


def _column(article: Article, number: int, keys: Counter, detected: str | None) -> ArticleColumn:
    analysis = article.analysis or {}
    tone, sourcing = analysis.get("tone") or {}, analysis.get("sourcing") or {}
    figures = ArticleFigures(article.id, f"{number}. {article.id}"[:24], article.outlet, False,
                             tone.get("polarity", 0.0), tone.get("subjectivity", 0.0),
                             sourcing.get("named_sources", 0), sourcing.get("anonymous_sources", 0),
                             sourcing.get("quoted_word_share", 0.0), len(sourcing.get("attributions") or []))
    classifier = Counter(c.get("cue") for c in analysis.get("cues") or [] if c.get("cue"))
    return ArticleColumn(article, number, figures, int(analysis.get("words", 0)), _sources(analysis),
                         dict(keys), dict(classifier), detected)


def story_page(session: Session, story_id: str, teacher_id: int) -> StoryPage | None:
    """Everything the story's comparison page shows, or None for an unknown or empty story."""
    story = visible_row(session, Story, story_id, teacher_id)
    articles = _visible_articles(session, story_id, teacher_id) if story else []
    if not articles:
        return None
    comparison = cached_comparison([StoryArticle(a.id, a.text, a.analysis or {}, a.published, a.sha256)
                                    for a in articles])
    keys = _key_counts(session, [a.id for a in articles], teacher_id)
    columns = [_column(a, n, keys[a.id], comparison.derived_source(a.id)) for n, a in enumerate(articles, start=1)]
    used = {c for col in columns for c in (*col.key_cues, *col.classifier_cues)}
    cues = [c for c in session.scalars(select(Cue).order_by(Cue.position)) if c.id in used]
    return StoryPage(story, columns, comparison, cues)
