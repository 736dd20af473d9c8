"""Import: read a file, clean it, gather metadata from flags and from evidence in the text,
and write a corpus article (or, with a dry run, only say what would be written)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from webapp.analysis import segment
from webapp.corpus.articles import ID_RE, OUTLET_KINDS, Article, CorpusError, validate_article
from webapp.corpus.cleaning import CleanResult, Removal, clean_text
from webapp.corpus.reading import ArticleInputError, SourceText, read_article_file

MIN_ARTICLE_WORDS = 40
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_RE = re.compile(rf"\b({_MONTHS})\.? (\d{{1,2}}),? (\d{{4}})\b")
_BYLINE_RE = re.compile(r"^By ([A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3}(?:(?:,| and) [A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3})*)$")


@dataclass(frozen=True)
class ImportPlan:
    """What an import will write, and what the cleaner took out on the way."""

    article: Article
    path: Path
    removals: tuple[Removal, ...]
    evidence: dict


def dates_in(text: str) -> list[str]:
    """ISO dates written out in the text ("July 26, 2021"), in order of appearance."""
    found = []
    for month, day, year in _DATE_RE.findall(text):
        try:
            found.append(dt.date(int(year), _MONTHS.split("|").index(month) + 1, int(day)).isoformat())
        except ValueError:
            continue
    return found


def guess_headline(text: str) -> str | None:
    """The first line, when it reads like a headline (short, no closing period)."""
    first = text.split("\n", 1)[0].strip()
    if first and len(first.split()) <= 20 and not first.endswith((".", ":", ";", ",")):
        return first
    return None


def gather_evidence(text: str) -> dict:
    """Metadata the text itself gives: headline, byline, credits, dates."""
    from webapp.analysis.sourcing import analyze_sourcing

    paragraphs = segment.paragraphs(text)
    sourcing = analyze_sourcing(text, paragraphs, segment.sentences(text, paragraphs))
    byline = next((m.group(1) for p in paragraphs[:4] if (m := _BYLINE_RE.match(p.text(text)))), None)
    return {
        "headline": guess_headline(text),
        "byline": byline,
        "credits": list(sourcing.wire_credits) + list(sourcing.contributor_credits),
        "dates": dates_in(text),
    }


def slug(text: str, limit: int = 6) -> str:
    """A short id-safe slug from a headline or file name."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:limit]) or "article"


def plan_import(source_path: Path, options: dict, corpus: Path, keep: tuple[str, ...] = ()) -> ImportPlan:
    """Read and clean ``source_path`` and build the article that importing it would write.

    ``options`` holds metadata given by the teacher (flags); they win over evidence in the text.
    """
    source = read_article_file(source_path)
    cleaned = clean_text(source.text, keep) if not options.get("raw") else CleanResult(source.text.strip(), ())
    return plan_from_text(source, cleaned, options, corpus, source_path.stem)


def plan_from_text(source: SourceText, cleaned: CleanResult, options: dict, corpus: Path, stem: str) -> ImportPlan:
    text = cleaned.text
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise ArticleInputError(
            f"{stem}: after cleaning only {len(text.split())} words are left; an article needs at "
            f"least {MIN_ARTICLE_WORDS}. Is this the article page, not an index or a login page?"
        )
    evidence = gather_evidence(text)
    given = {k: v for k, v in options.items() if v not in (None, "", ())}
    declared = source.metadata
    headline = given.get("headline", declared.get("headline") or evidence["headline"])
    if headline and not text.startswith(headline):
        text = f"{headline}\n\n{text}"
    story = given.get("story") or "imported"
    article_id = given.get("id") or f"{story}-{slug(headline or stem)}"
    published = given.get("published") or declared.get("published") or (evidence["dates"] or [None])[-1]
    article = Article(
        id=article_id, story=story, text=text,
        outlet=given.get("outlet") or declared.get("outlet") or "unknown outlet",
        outlet_kind=given.get("outlet_kind") or "newspaper",
        published=str(published or dt.date.today().isoformat()),
        provenance=given.get("provenance") or f"Imported from {stem}{Path(stem).suffix} ({source.format}).",
        headline=headline, byline=given.get("byline") or declared.get("byline") or evidence["byline"],
        credits=tuple(given.get("credits") or evidence["credits"]),
        derived_from=given.get("derived_from"), invented=bool(given.get("invented", False)),
    )
    validate_article(article, article_id)
    path = corpus / "articles" / article.story / f"{article.id}.md"
    return ImportPlan(article, path, cleaned.removals, evidence)


def check_options(options: dict) -> None:
    """Reject flags that would make an invalid article before any file is read."""
    for key in ("id", "story", "derived_from"):
        if options.get(key) and not ID_RE.match(options[key]):
            raise CorpusError(f"--{key.replace('_', '-')} '{options[key]}' must be lowercase letters, digits and hyphens")
    if options.get("outlet_kind") and options["outlet_kind"] not in OUTLET_KINDS:
        raise CorpusError(f"--outlet-kind must be one of {', '.join(OUTLET_KINDS)}")
