"""An article as the comparison sees it: its sentences, each with the attributions and direct
quotes the stored sourcing analysis found inside it."""

from __future__ import annotations

from dataclasses import dataclass, field

DOUBLE_MARKS = "“”\"«»„"


@dataclass(frozen=True)
class StoryArticle:
    """The parts of a stored article the comparison needs (``analysis`` per docs/analysis-schema.md)."""

    id: str
    text: str
    analysis: dict
    published: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class SentenceAttribution:
    speaker: str  # as written in the text ("Biden", "officials")
    name: str  # resolved name when the analysis has one
    verb: str
    direct: bool
    quote: str


@dataclass(frozen=True)
class Sentence:
    article_id: str
    number: int  # 1-based, in reading order
    start: int
    end: int
    text: str  # whitespace collapsed
    attributions: tuple[SentenceAttribution, ...] = field(default=())

    @property
    def has_quote_marks(self) -> bool:
        return any(mark in self.text for mark in DOUBLE_MARKS)

    @property
    def words(self) -> int:
        return len(self.text.split())


def _attribution(raw: dict) -> SentenceAttribution:
    speaker = (raw.get("speaker") or {}).get("text") or ""
    return SentenceAttribution(speaker, raw.get("speaker_name") or speaker, raw.get("verb") or "",
                               raw.get("kind") == "direct", (raw.get("quote") or {}).get("text") or "")


def _position(raw: dict) -> int:
    """Where an attribution sits: its speaker when given, else its quote."""
    anchor = raw.get("speaker") or raw.get("quote") or {}
    return int(anchor.get("start", -1))


def sentences_of(article: StoryArticle) -> list[Sentence]:
    """The article's sentences from its stored analysis, with the attributions that start in each."""
    analysis = article.analysis or {}
    attributions = (analysis.get("sourcing") or {}).get("attributions") or []
    result = []
    for number, raw in enumerate(analysis.get("sentences") or [], start=1):
        start, end = int(raw["start"]), int(raw["end"])
        inside = tuple(_attribution(a) for a in attributions if start <= _position(a) < end)
        result.append(Sentence(article.id, number, start, end, " ".join(article.text[start:end].split()), inside))
    return result
