"""What several articles of a story share and what each says alone.

Shared quotes: direct quotations (from the stored sourcing analysis) whose normalised words occur
in at least two articles' direct quotations, one containing the other, so a quote cut shorter in
one article still matches. Articles that carry the same words without quoting them are listed
apart: that is where a copy turned a quotation into its own voice.

Unique sentences: sentences of at least ``MIN_WORDS`` words with no counterpart (similarity below
the reworded threshold) in any other article of the story: what that article alone says.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from webapp.compare.align import REWORDED
from webapp.compare.index import StoryIndex
from webapp.compare.losses import normalise
from webapp.compare.texts import Sentence

MIN_QUOTE_WORDS = 4
MIN_WORDS = 5


@dataclass(frozen=True)
class SharedQuote:
    text: str  # as the first article quoting it wrote it
    speakers: tuple[str, ...]
    quoted_in: tuple[str, ...]  # article ids, in story order
    unquoted_in: tuple[str, ...]  # articles with the same words but no quotation marks


def _direct_quotes(index: StoryIndex) -> dict[str, list[tuple[str, str, str]]]:
    """Per article: (normalised words, text, speaker) of each direct quotation."""
    quotes: dict[str, list[tuple[str, str, str]]] = {}
    for article in index.articles:
        rows = []
        for raw in ((article.analysis or {}).get("sourcing") or {}).get("attributions") or []:
            text = (raw.get("quote") or {}).get("text") or ""
            if raw.get("kind") == "direct" and len(normalise(text).split()) >= MIN_QUOTE_WORDS:
                rows.append((normalise(text), text, raw.get("speaker_name") or ""))
        quotes[article.id] = rows
    return quotes


def _matches(words: str, rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [r for r in rows if words in r[0] or r[0] in words]


def shared_quotes(index: StoryIndex) -> list[SharedQuote]:
    """Quotations found in two or more articles, each listed once (first article's wording)."""
    quotes = _direct_quotes(index)
    bodies = {a.id: normalise(a.text) for a in index.articles}
    found: list[SharedQuote] = []
    seen: set[str] = set()
    for article in index.articles:
        for words, text, speaker in quotes[article.id]:
            if words in seen:
                continue
            hits = {aid: _matches(words, rows) for aid, rows in quotes.items()}
            quoted = tuple(aid for aid, rows in hits.items() if rows)
            if len(quoted) < 2:
                continue
            seen.update(r[0] for rows in hits.values() for r in rows)
            speakers = tuple(dict.fromkeys(r[2] for rows in hits.values() for r in rows if r[2]))
            unquoted = tuple(aid for aid in bodies if aid not in quoted and words in bodies[aid])
            found.append(SharedQuote(text, speakers, quoted, unquoted))
    return found


def unique_sentences(index: StoryIndex) -> dict[str, list[Sentence]]:
    """Per article, its sentences with no counterpart in any other article."""
    result = {}
    for article in index.articles:
        own = index.sentences[article.id]
        others = [index.block(article.id, o.id) for o in index.articles if o.id != article.id and index.sentences[o.id]]
        best = np.max(np.hstack(others), axis=1) if others and own else np.zeros(len(own))
        result[article.id] = [s for s, score in zip(own, best) if score < REWORDED and s.words >= MIN_WORDS]
    return result
