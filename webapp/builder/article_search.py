"""The exercise builder's article search: a plain substring match on what a teacher reads
(headline, outlet, story title) and a preview of each article's first lines."""

from __future__ import annotations

from dataclasses import dataclass

PREVIEW_CHARS, PREVIEW_LIMIT = 240, 12


@dataclass(frozen=True)
class Preview:
    """One article the search found, as the builder lists it."""

    article_id: str
    headline: str
    outlet: str
    story: str
    first_lines: str


def matches(article, query: str) -> bool:
    """Every word of the query appears in the headline, outlet or story title (any case)."""
    haystack = " ".join([article.headline or "", article.outlet or "", article.story.title or ""]).casefold()
    return all(word in haystack for word in query.casefold().split())


def first_lines(text: str, headline: str | None, limit: int = PREVIEW_CHARS) -> str:
    """The start of the article's body (its headline left out), cut at a word, with an ellipsis."""
    body = text.strip()
    if headline and body.startswith(headline.strip()):
        body = body[len(headline.strip()):].strip()
    body = " ".join(body.split())
    if len(body) <= limit:
        return body
    return body[:limit].rsplit(" ", 1)[0] + "…"


def preview(article) -> Preview:
    return Preview(article.id, article.headline or "Untitled article", article.outlet, article.story.title,
                   first_lines(article.text, article.headline))
