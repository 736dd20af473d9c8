"""Lesson text names articles and exercises the way teachers know them: by headline and outlet,
not by the corpus's ids (``iraq-2021-002``) the lesson files use to refer to them."""

from __future__ import annotations

import re

from flask import g
from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Article, Exercise

_ID = re.compile(r"(?<![\w/.])([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?![\w/])")
_MARKDOWN_SPECIAL = re.compile(r"([*_\[\]|`\\])")


def _outlet(text: str) -> str:
    """The outlet without the corpus's own remarks in brackets ("(not named in the text)")."""
    return re.sub(r"\s*\([^)]*\)", "", text or "").strip() or text


def article_names(session: Session) -> dict[str, tuple[str, str]]:
    """id -> (full name, short name) of every article and exercise: “Headline” (Outlet) the first
    time, “Headline” after; an article without a headline by its outlet; an exercise by its title."""
    names: dict[str, tuple[str, str]] = {}
    for article_id, headline, outlet in session.execute(select(Article.id, Article.headline, Article.outlet)):
        if headline:
            short = f"“{headline.strip()}”"
            names[article_id] = (f"{short} ({_outlet(outlet)})", short)
        else:
            names[article_id] = (f"the article from {_outlet(outlet)[:1].lower()}{_outlet(outlet)[1:]}",) * 2
    for exercise_id, title in session.execute(select(Exercise.id, Exercise.title)):
        names.setdefault(exercise_id, (f"“{title}”",) * 2)
    return names


def name_articles(text: str, names: dict[str, tuple[str, str]], markdown: bool = False) -> str:
    """``text`` with each id of ``names`` replaced by its name (the full one at its first mention)."""
    if not text:
        return text
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        key = match.group(1)
        if key not in names:
            return key
        name = names[key][1 if key in seen else 0]
        seen.add(key)
        return _MARKDOWN_SPECIAL.sub(r"\\\1", name) if markdown else name

    return _ID.sub(replace, text)


def request_names(session: Session) -> dict[str, tuple[str, str]]:
    """The names, looked up once per request."""
    if "framelab_article_names" not in g:
        g.framelab_article_names = article_names(session)
    return g.framelab_article_names
