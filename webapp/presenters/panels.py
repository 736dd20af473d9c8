"""The tone and sourcing panels of the feedback page, read from each article's stored analysis
(computed once when the corpus was loaded, never on a page view)."""

from __future__ import annotations

from dataclasses import dataclass

from webapp.models import Article
from webapp.services.visibility import may_use


@dataclass(frozen=True)
class SentenceTone:
    number: int  # 1-based, as shown to the student
    text: str
    polarity: float
    subjectivity: float
    assessments: list[dict]  # {"words", "polarity", "subjectivity", "span"} from TextBlob


@dataclass(frozen=True)
class ArticleFigures:
    """One article of the story, for the comparisons beside the others."""

    article_id: str
    label: str  # short, for chart rows
    outlet: str
    current: bool
    polarity: float
    subjectivity: float
    named: int
    anonymous: int
    quoted_share: float
    attributions: int


@dataclass(frozen=True)
class TonePanel:
    sentences: list[SentenceTone]
    chosen: SentenceTone | None
    polarity: float
    subjectivity: float
    story: list[ArticleFigures]


@dataclass(frozen=True)
class Attribution:
    speaker: str
    named: bool
    role: str | None
    verb: str | None
    kind: str  # "direct" or "indirect"
    source_type: str
    quote: str


@dataclass(frozen=True)
class SourcingPanel:
    attributions: list[Attribution]
    named: int
    anonymous: int
    quoted_share: float
    verbs: dict[str, int]
    story: list[ArticleFigures]


def _figures(article: Article, number: int, current: bool) -> ArticleFigures:
    analysis = article.analysis or {}
    tone, sourcing = analysis.get("tone") or {}, analysis.get("sourcing") or {}
    return ArticleFigures(
        article.id, f"Article {number}" + (" (this one)" if current else ""), article.outlet, current,
        tone.get("polarity", 0.0), tone.get("subjectivity", 0.0), sourcing.get("named_sources", 0),
        sourcing.get("anonymous_sources", 0), sourcing.get("quoted_word_share", 0.0),
        len(sourcing.get("attributions") or []))


def story_figures(article: Article, teacher_id: int | None = None) -> list[ArticleFigures]:
    """The figures of the articles of the article's story that the class's teacher may see (the
    corpus's and their own, never another teacher's), numbered in the story's order."""
    siblings = [a for a in article.story.articles
                if a.id == article.id or may_use(a, teacher_id)] if article.story else [article]
    return [_figures(a, n, a.id == article.id) for n, a in enumerate(siblings, start=1)]


def sentence_tones(article: Article) -> list[SentenceTone]:
    text = article.text
    return [SentenceTone(n, " ".join(text[s["start"]:s["end"]].split()), s.get("polarity", 0.0),
                         s.get("subjectivity", 0.0), list(s.get("assessments") or []))
            for n, s in enumerate((article.analysis or {}).get("sentences") or [], start=1)]


def tone_panel(article: Article, chosen: int | None = None, teacher_id: int | None = None) -> TonePanel:
    """Sentence tones; ``chosen`` (1-based) defaults to the most subjective sentence; the story's
    other articles are those ``teacher_id`` may see."""
    sentences = sentence_tones(article)
    pick = None
    if chosen is not None and 1 <= chosen <= len(sentences):
        pick = sentences[chosen - 1]
    elif sentences:
        pick = max(sentences, key=lambda s: (s.subjectivity, -s.number))
    tone = (article.analysis or {}).get("tone") or {}
    return TonePanel(sentences, pick, tone.get("polarity", 0.0), tone.get("subjectivity", 0.0),
                     story_figures(article, teacher_id))


def _attribution(raw: dict) -> Attribution:
    speaker = raw.get("speaker_name") or (raw.get("speaker") or {}).get("text") or "(no speaker given)"
    return Attribution(speaker, bool(raw.get("named")), raw.get("role"), raw.get("verb"), raw.get("kind", ""),
                       raw.get("source_type", "unknown"), (raw.get("quote") or {}).get("text", ""))


def sourcing_panel(article: Article, teacher_id: int | None = None) -> SourcingPanel:
    sourcing = (article.analysis or {}).get("sourcing") or {}
    return SourcingPanel([_attribution(a) for a in sourcing.get("attributions") or []],
                         sourcing.get("named_sources", 0), sourcing.get("anonymous_sources", 0),
                         sourcing.get("quoted_word_share", 0.0), dict(sourcing.get("verb_counts") or {}),
                         story_figures(article, teacher_id))
