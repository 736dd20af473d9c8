"""A teacher's view of the content as a Flask-free :class:`Corpus`: the articles they may use
(the corpus's and their own) with the answer key their students are scored against.

The lesson validator, the exporter and the retraining action all read this one view, so a lesson
checked in the browser, the files it exports and the keys a retraining run learns from agree.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from webapp.corpus.articles import Article as FileArticle
from webapp.corpus.cues import Cue as FileCue
from webapp.corpus.cues import Example
from webapp.corpus.keys import AnswerKey
from webapp.corpus.keys import KeyLabel as FileLabel
from webapp.corpus.library import Corpus
from webapp.corpus.library import Story as FileStory
from webapp.models import Article, Cue, KeyLabel, Story
from webapp.services.feedback import scoring_key
from webapp.services.visibility import visible_row, visible_to


def visible_articles(session: Session, teacher_id: int) -> list[Article]:
    """Corpus articles and the teacher's own, never another teacher's."""
    return list(session.scalars(
        select(Article).where(visible_to(Article, teacher_id))
        .options(selectinload(Article.key_labels), selectinload(Article.story))
        .order_by(Article.story_id, Article.id)))


def article_for_teacher(session: Session, article_id: str, teacher_id: int) -> Article | None:
    return visible_row(session, Article, article_id, teacher_id)


def key_labels(article: Article, teacher_id: int) -> list[KeyLabel]:
    """The key this teacher's students are scored against (the feedback's own rule)."""
    return scoring_key(article, teacher_id)


def own_key_labels(article: Article, teacher_id: int) -> list[KeyLabel]:
    return [label for label in article.key_labels if label.author_id == teacher_id]


def file_article(article: Article) -> FileArticle:
    return FileArticle(
        id=article.id, story=article.story_id, text=article.text, outlet=article.outlet,
        outlet_kind=article.outlet_kind, published=article.published, provenance=article.provenance,
        headline=article.headline, byline=article.byline, credits=tuple(article.credits or ()),
        derived_from=article.derived_from, invented=article.invented, sha256=article.sha256)


def file_key(article: Article, labels: list[KeyLabel]) -> AnswerKey:
    rows = sorted((FileLabel(l.cue_id, l.start, l.end, l.text, l.rationale) for l in labels),
                  key=lambda l: (l.start, l.end, l.cue))
    return AnswerKey(article.id, article.sha256, tuple(rows))


def file_story(story: Story) -> FileStory:
    # A story a teacher starts while saving an article has a title and no summary, but a story file
    # needs one: the title stands in, rather than refusing to export the teacher's lesson.
    return FileStory(story.id, story.title, story.date, story.summary or story.title, story.invented)


def _file_cues(session: Session) -> dict[str, FileCue]:
    cues = session.scalars(select(Cue).order_by(Cue.position))
    return {c.id: FileCue(c.id, c.key, c.name, c.colour, c.pattern, c.definition, c.how_to_spot, c.hint,
                          c.common_confusion, tuple(Example(str(e.get("text", "")), str(e.get("note", "")))
                                                    for e in c.examples or ()), (), ())
            for c in cues}


def teacher_corpus(session: Session, teacher_id: int, root: Path = Path("corpus")) -> Corpus:
    """Everything the teacher may build from, with the keys their students would be scored on."""
    articles = visible_articles(session, teacher_id)
    stories = {a.story_id: file_story(a.story) for a in articles}
    keys = {a.id: file_key(a, labels) for a in articles if (labels := key_labels(a, teacher_id))}
    return Corpus(root, _file_cues(session), stories, {a.id: file_article(a) for a in articles}, keys)


def teacher_written_keys(session: Session, teacher_id: int) -> list[tuple[FileArticle, AnswerKey]]:
    """The keys this teacher wrote, one per article, for retraining the classifier."""
    keyed = select(KeyLabel.article_id).where(KeyLabel.author_id == teacher_id)
    rows = session.scalars(select(Article).where(
        Article.id.in_(keyed), visible_to(Article, teacher_id))
        .options(selectinload(Article.key_labels)).order_by(Article.id))
    return [(file_article(a), file_key(a, own_key_labels(a, teacher_id))) for a in rows]
