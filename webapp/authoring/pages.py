"""Template context of the authoring pages, gathered here so that the views stay thin."""

from __future__ import annotations

import datetime as dt

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Article, Cue, Teacher
from webapp.presenters.article_view import shown_blocks
from webapp.presenters.cue_palette import cue_dict
from webapp.services.article_text import reading_blocks
from webapp.services.authoring import keys
from webapp.services.authoring.drafts import DraftReview
from webapp.services.feedback import Mark


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def draft_defaults(review: DraftReview) -> dict:
    """The metadata form's first values: what the file declared, else what the text shows."""
    declared, evidence = review.draft.declared or {}, review.evidence
    return {
        "headline": declared.get("headline") or evidence.get("headline") or "",
        "outlet": declared.get("outlet") or "",
        "byline": declared.get("byline") or evidence.get("byline") or "",
        "published": _date(declared.get("published")) or _date((evidence.get("dates") or [None])[-1]),
        "outlet_kind": "newspaper",
    }


def key_page(session: Session, article: Article, teacher: Teacher) -> dict:
    """The key editor: the article as the student's exercise page shows it, the teacher's own
    key labels, the classifier's suggestions and (for a corpus article) the corpus key."""
    cues = list(session.scalars(select(Cue).order_by(Cue.position)))
    own = keys.own_key(session, article, teacher)
    labels = [keys.key_label_dict(row) for row in own]
    corpus = keys.corpus_key(session, article) if article.owner_id is None else []
    marks = [Mark(l["cue"], l["start"], l["end"], l["text"]) for l in labels]
    blocks = reading_blocks(article.text, article.analysis or {}, article.headline)
    data = {
        "assignment": f"key-{article.id}", "student": f"teacher-{teacher.id}", "mode": "key", "locked": False,
        "api": {"labels": url_for("authoring_api.key_labels", article_id=article.id),
                "changes": url_for("authoring_api.key_changes", article_id=article.id)},
        "cues": [cue_dict(c) for c in cues], "labels": labels, "limits": {"note": keys.RATIONALE_MAX},
        "version": 0, "suggestions": keys.suggestions(article, own),
    }
    return {"article": article, "cues": cues, "labels": labels, "corpus_key": corpus, "data": data,
            "blocks": shown_blocks(blocks, marks, {c.id: c.pattern for c in cues}),
            "cue_names": {c.id: c.name for c in cues}, "suggestions": data["suggestions"]}
