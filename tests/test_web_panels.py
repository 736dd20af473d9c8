"""The story beside an article on the feedback pages lists only what the class's teacher may see:
the corpus's articles and the teacher's own, never another teacher's article in the same story."""

from __future__ import annotations

from sqlalchemy import select

from webapp.models import Article
from webapp.presenters.panels import sourcing_panel, story_figures, tone_panel


def _own_copy(db_session, article: Article, owner_id: int, suffix: str) -> Article:
    copy = Article(id=f"{article.id}-{suffix}", story_id=article.story_id, headline=article.headline,
                   outlet=f"Outlet of {suffix}", outlet_kind=article.outlet_kind, byline=None, credits=[],
                   published=article.published, derived_from=None, invented=True, provenance="test",
                   text=article.text, sha256=article.sha256, analysis=article.analysis, owner_id=owner_id)
    db_session.add(copy)
    db_session.commit()
    return copy


def test_another_teachers_article_is_left_out_of_the_story(db_session, teacher, other_teacher):
    article = db_session.scalars(select(Article).where(Article.owner_id.is_(None)).order_by(Article.id)).first()
    corpus_ids = {a.id for a in article.story.articles}
    mine = _own_copy(db_session, article, teacher.id, "mine")
    theirs = _own_copy(db_session, article, other_teacher.id, "theirs")
    db_session.refresh(article.story)

    shown = {f.article_id for f in story_figures(article, teacher.id)}
    assert shown == corpus_ids | {mine.id}
    assert theirs.id not in {f.article_id for f in tone_panel(article, None, teacher.id).story}
    assert theirs.id not in {f.article_id for f in sourcing_panel(article, teacher.id).story}
    assert {f.article_id for f in story_figures(article)} == corpus_ids  # no teacher: the corpus only
