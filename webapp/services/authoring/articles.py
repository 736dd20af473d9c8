"""Teachers' own articles: what a teacher may see, and saving a reviewed draft as an Article.

A teacher sees the corpus (rows without an owner) and their own articles and stories, nothing of
another teacher's. Saving analyses the text once (tone, sourcing and the active classifier's
cues) and stores the result with the article; pages never analyse again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.analysis.pipeline import analyze_text
from webapp.corpus.articles import OUTLET_KINDS
from webapp.corpus.importer import plan_from_text, slug
from webapp.corpus.reading import SourceText
from webapp.models import Article, ArticleDraft, Story, Teacher
from webapp.services.authoring.drafts import review
from webapp.services.model import current_detector
from webapp.services.visibility import visible_row, visible_to

NEW_STORY = "__new__"
ID_MAX = 80


@dataclass(frozen=True)
class ArticleDetails:
    """The metadata a teacher fills in (already checked by the form)."""

    headline: str
    outlet: str
    outlet_kind: str
    published: dt.date
    byline: str | None
    story_id: str  # an existing visible story, or NEW_STORY
    new_story_title: str | None
    derived_from: str | None
    invented: bool
    source_note: str | None


def visible_stories(session: Session, teacher: Teacher) -> list[Story]:
    return list(session.scalars(select(Story).where(visible_to(Story, teacher.id)).order_by(Story.title)))


def visible_articles(session: Session, teacher: Teacher) -> list[Article]:
    return list(session.scalars(select(Article).where(visible_to(Article, teacher.id))
                                .order_by(Article.story_id, Article.id)))


def own_articles(session: Session, teacher: Teacher) -> list[Article]:
    return list(session.scalars(select(Article).where(Article.owner_id == teacher.id)
                                .order_by(Article.created_at.desc())))


def visible_article(session: Session, teacher: Teacher, article_id: str) -> Article | None:
    """A corpus article or the teacher's own; None for another teacher's (404 to them)."""
    return visible_row(session, Article, article_id, teacher.id)


def visible_story(session: Session, teacher: Teacher, story_id: str) -> Story | None:
    return visible_row(session, Story, story_id, teacher.id)


def _free_id(session: Session, model, base: str) -> str:
    """``base`` (cut to fit), or ``base-2``, ``base-3``… the first id not taken."""
    base = base[:ID_MAX - 4].strip("-") or "article"
    candidate, number = base, 1
    while session.get(model, candidate) is not None:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _story_for(session: Session, teacher: Teacher, details: ArticleDetails) -> Story:
    if details.story_id != NEW_STORY:
        story = visible_story(session, teacher, details.story_id)
        if story is None:
            raise ValueError("That story is not available; choose another one.")
        return story
    title = (details.new_story_title or details.headline).strip()
    story = Story(id=_free_id(session, Story, slug(title)), title=title, date=details.published.isoformat(),
                  summary="", invented=details.invented, owner_id=teacher.id)
    session.add(story)
    session.flush()
    return story


def _provenance(teacher: Teacher, draft: ArticleDraft, details: ArticleDetails) -> str:
    added = (f"Added by {teacher.name} from {draft.source_name} ({draft.source_format}) "
             f"on {dt.date.today().isoformat()}.")
    return f"{details.source_note.strip()} {added}" if details.source_note else added


def save_article(session: Session, teacher: Teacher, draft: ArticleDraft, details: ArticleDetails) -> Article:
    """Turn a reviewed draft into the teacher's Article, analysed once; the draft is deleted.

    Raises ArticleInputError (too few words) or CorpusError/ValueError (metadata) with a message.
    """
    if details.outlet_kind not in OUTLET_KINDS:
        raise ValueError(f"The outlet kind must be one of {', '.join(OUTLET_KINDS)}.")
    if details.derived_from and visible_article(session, teacher, details.derived_from) is None:
        raise ValueError("The article this one copies is not available; choose another one.")
    cleaned = review(draft).cleaned
    story = _story_for(session, teacher, details)
    article_id = _free_id(session, Article, f"{story.id}-{slug(details.headline)}")
    options = {
        "id": article_id, "story": story.id, "headline": details.headline, "outlet": details.outlet,
        "outlet_kind": details.outlet_kind, "published": details.published.isoformat(),
        "byline": details.byline, "derived_from": details.derived_from, "invented": details.invented,
        "provenance": _provenance(teacher, draft, details),
    }
    source = SourceText(draft.raw_text, draft.source_format, dict(draft.declared or {}))
    plan = plan_from_text(source, cleaned, options, Path("."), Path(draft.source_name).stem)
    parsed = plan.article
    detector, version = current_detector()
    article = Article(
        id=parsed.id, story_id=story.id, headline=parsed.headline, outlet=parsed.outlet,
        outlet_kind=parsed.outlet_kind, byline=parsed.byline, credits=list(parsed.credits),
        published=parsed.published, derived_from=parsed.derived_from, invented=parsed.invented,
        provenance=parsed.provenance, text=parsed.text, sha256=parsed.sha256,
        analysis=analyze_text(parsed.text, parsed.id, detector=detector).as_dict(),
        model_version=version, owner_id=teacher.id,
    )
    session.add(article)
    session.delete(draft)
    session.flush()
    return article
