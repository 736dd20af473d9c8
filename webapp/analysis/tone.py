"""Tone: TextBlob polarity and subjectivity per sentence and for the whole article.

We call TextBlob's pattern sentiment analyser once per sentence and keep its assessments (the
words that moved the score). ``TextBlob(s).sentiment_assessments`` would run the same analyser
twice for the same result, so we use the analyser object TextBlob itself uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from textblob.en import sentiment as _pattern_sentiment

from webapp.analysis.segment import WORD_RE
from webapp.analysis.spans import Span


@dataclass(frozen=True, slots=True)
class Assessment:
    """One word or phrase that moved a sentence's score, as TextBlob assessed it."""

    words: tuple[str, ...]
    polarity: float
    subjectivity: float
    span: Span | None  # where the phrase's last word sits in the text, when it can be found

    def as_dict(self, text: str) -> dict:
        return {
            "words": list(self.words),
            "polarity": round(self.polarity, 4),
            "subjectivity": round(self.subjectivity, 4),
            "span": self.span.as_dict(text) if self.span else None,
        }


@dataclass(frozen=True, slots=True)
class SentenceTone:
    span: Span
    words: int
    polarity: float
    subjectivity: float
    assessments: tuple[Assessment, ...]


@dataclass(frozen=True, slots=True)
class Tone:
    """Length-weighted article figures plus the per-sentence strip they come from."""

    polarity: float
    subjectivity: float
    sentences: tuple[SentenceTone, ...]

    def most_subjective(self, n: int = 3) -> list[SentenceTone]:
        scored = [s for s in self.sentences if s.subjectivity > 0]
        return sorted(scored, key=lambda s: (-s.subjectivity, s.span.start))[:n]

    def most_negative(self, n: int = 3) -> list[SentenceTone]:
        scored = [s for s in self.sentences if s.polarity < 0]
        return sorted(scored, key=lambda s: (s.polarity, s.span.start))[:n]


def _word_index(text: str, sentence: Span) -> dict[str, Span]:
    """First position of each lowercased word of the sentence."""
    index: dict[str, Span] = {}
    for match in WORD_RE.finditer(text, sentence.start, sentence.end):
        index.setdefault(match.group().lower(), Span(*match.span()))
    return index


def _locate(index: dict[str, Span], phrase: list[str]) -> Span | None:
    """Where the assessed phrase's key word (its last real word) sits in the sentence."""
    key = next((w for w in reversed(phrase) if w.isalpha()), None)
    return index.get(key) if key else None


def sentence_tone(text: str, sentence: Span) -> SentenceTone:
    """Polarity, subjectivity and assessments of one sentence."""
    piece = sentence.text(text)
    score = _pattern_sentiment(piece)
    index = _word_index(text, sentence) if score.assessments else {}
    assessments = tuple(
        Assessment(tuple(words), polarity, subjectivity, _locate(index, words))
        for words, polarity, subjectivity, _label in score.assessments
    )
    n_words = sum(1 for _ in WORD_RE.finditer(piece))
    return SentenceTone(sentence, n_words, score[0], score[1], assessments)


def article_tone(text: str, sentences: list[Span]) -> Tone:
    """Per-sentence tone and the article's averages, each sentence weighted by its word count."""
    strip = tuple(sentence_tone(text, s) for s in sentences)
    total = sum(s.words for s in strip)
    if total == 0:
        return Tone(0.0, 0.0, strip)
    polarity = sum(s.polarity * s.words for s in strip) / total
    subjectivity = sum(s.subjectivity * s.words for s in strip) / total
    return Tone(polarity, subjectivity, strip)
