"""One pass over an article: paragraphs, sentences, words, tone, sourcing and (later) cues."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, cast

from webapp.analysis import segment
from webapp.analysis.sourcing import Sourcing, analyze_sourcing
from webapp.analysis.spans import Span
from webapp.analysis.tone import SentenceTone, Tone, article_tone
from webapp.analysis.words import SentenceWords, article_words


@dataclass(frozen=True, slots=True)
class CuePrediction:
    """A framing cue the classifier found: the words that triggered it and its probability."""

    cue: str
    start: int
    end: int
    score: float

    def as_dict(self, text: str) -> dict:
        return {"cue": self.cue, "start": self.start, "end": self.end,
                "text": text[self.start : self.end], "score": round(self.score, 4)}


# A cue detector takes the text and its sentences and returns predictions (the classifier).
# A detector whose ``accepts_analysis`` attribute is true is also given, as keyword arguments,
# what the pipeline has already computed (``tone``: one SentenceTone per sentence, ``sourcing``,
# ``words``: one SentenceWords per sentence) so that it does not compute them again; any plain
# callable of two arguments still works.
CueDetector = Callable[[str, Sequence[Span]], Sequence[CuePrediction]]


class AnalysisCueDetector(Protocol):
    """A detector that also takes what the pipeline computed (its ``accepts_analysis`` is true)."""

    accepts_analysis: bool

    def __call__(self, text: str, sentences: Sequence[Span], *, tone: Sequence[SentenceTone],
                 sourcing: Sourcing, words: Sequence[SentenceWords]) -> Sequence[CuePrediction]: ...


@dataclass(frozen=True)
class ArticleAnalysis:
    id: str | None
    text: str
    paragraphs: tuple[Span, ...]
    words: int
    tone: Tone
    sourcing: Sourcing
    cues: tuple[CuePrediction, ...]

    @property
    def sentences(self) -> tuple[SentenceTone, ...]:
        return self.tone.sentences

    def as_dict(self, *, include_text: bool = False) -> dict:
        """The documented JSON object (docs/analysis-schema.md)."""
        text = self.text
        data = {
            "id": self.id,
            "words": self.words,
            "paragraphs": [{"start": p.start, "end": p.end} for p in self.paragraphs],
            "sentences": [_sentence_dict(s, text) for s in self.tone.sentences],
            "tone": {
                "polarity": round(self.tone.polarity, 4),
                "subjectivity": round(self.tone.subjectivity, 4),
                "most_subjective": [_ref(s) for s in self.tone.most_subjective()],
                "most_negative": [_ref(s) for s in self.tone.most_negative()],
            },
            "sourcing": self.sourcing.as_dict(text),
            "cues": [c.as_dict(text) for c in self.cues],
        }
        if include_text:
            data["text"] = text
        return data


def _sentence_dict(sentence: SentenceTone, text: str) -> dict:
    return {
        "start": sentence.span.start, "end": sentence.span.end,
        "polarity": round(sentence.polarity, 4), "subjectivity": round(sentence.subjectivity, 4),
        "assessments": [a.as_dict(text) for a in sentence.assessments],
    }


def _ref(sentence: SentenceTone) -> dict:
    return {"start": sentence.span.start, "end": sentence.span.end,
            "polarity": round(sentence.polarity, 4), "subjectivity": round(sentence.subjectivity, 4)}


def analyze_text(text: str, id: str | None = None, detector: CueDetector | None = None) -> ArticleAnalysis:
    """Analyse ``text`` exactly as given: every offset in the result indexes it."""
    paragraphs = segment.paragraphs(text)
    sentences = segment.sentences(text, paragraphs)
    words = article_words(text, sentences)  # read by the tone and the classifier
    tone = article_tone(text, sentences, words)
    sourcing = analyze_sourcing(text, paragraphs, sentences)
    if detector is None:
        cues: tuple[CuePrediction, ...] = ()
    elif getattr(detector, "accepts_analysis", False):
        cues = tuple(cast(AnalysisCueDetector, detector)(text, sentences, tone=tone.sentences, sourcing=sourcing,
                                                         words=words))
    else:
        cues = tuple(detector(text, sentences))
    count = sum(s.words for s in tone.sentences)
    return ArticleAnalysis(id, text, tuple(paragraphs), count, tone, sourcing, cues)
