"""Tone: TextBlob polarity and subjectivity per sentence and for the whole article.

TextBlob's pattern sentiment analyser scores each sentence once, and its assessments (the
words that moved the score) come from the same run: ``TextBlob(s).sentiment_assessments``
would run it a second time for the same result. The analyser is loaded without importing
TextBlob's package and NLTK (:mod:`.pattern`), and its scoring runs as :mod:`.sentiment`
restates it from TextBlob's own lexicon and rules, several times faster and tested equal to
TextBlob's on every sentence of the corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from webapp.analysis.pattern import english_sentiment
from webapp.analysis.segment import WORD_RE
from webapp.analysis.sentiment import Sentiment
from webapp.analysis.spans import Span
from webapp.analysis.words import SentenceWords


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


@cache
def _analyser() -> Sentiment:
    lexicon, text = english_sentiment()
    if dict.__len__(lexicon) == 0:  # TextBlob's lexicon loads on first use
        lexicon.load()
    return Sentiment(lexicon, text)


def warm_up() -> None:
    """Load the lexicon now (before worker processes are forked, so that they share it)."""
    _analyser()


def _pattern_sentiment(piece: str):
    """TextBlob's ``sentiment(piece)``: (polarity, subjectivity) with ``.assessments``."""
    return _analyser()(piece)


def _key_word(phrase: list[str]) -> str | None:
    """The assessed phrase's key word: its last real word."""
    return next((w for w in reversed(phrase) if w.isalpha()), None)


def _word_positions(text: str, sentence: Span, wanted: set[str]) -> dict[str, Span]:
    """First position of each lowercased word of ``wanted`` in the sentence (the scan stops
    once all are found: most sentences have one or two assessed words)."""
    found: dict[str, Span] = {}
    for match in WORD_RE.finditer(text, sentence.start, sentence.end):
        word = match.group().lower()
        if word in wanted and word not in found:
            found[word] = Span(*match.span())
            if len(found) == len(wanted):
                break
    return found


def _located(text: str, sentence: Span, wanted: set[str], words: SentenceWords | None) -> dict[str, Span]:
    """:func:`_word_positions`, read from the sentence's words when they were computed already.

    A key word is alphabetic (:func:`_key_word`); when it is also ASCII, a word's normalised
    form (lower case, digits as 0, straight apostrophes) equals it exactly when the word's lower
    case does, so the normalised tokens can be compared instead of lower-casing every word again.
    """
    if words is None or not all(w.isascii() for w in wanted):
        return _word_positions(text, sentence, wanted)
    found: dict[str, Span] = {}
    for token, start, end in zip(words.tokens, words.starts, words.ends):
        if token in wanted and token not in found:
            found[token] = Span(start, end)
            if len(found) == len(wanted):
                break
    return found


def sentence_tone(text: str, sentence: Span, words: SentenceWords | None = None) -> SentenceTone:
    """Polarity, subjectivity and assessments of one sentence (``words``: its words, if known)."""
    piece = sentence.text(text)
    score = _pattern_sentiment(piece)
    keys = [_key_word(phrase) for phrase, _p, _s, _label in score.assessments]
    wanted = {k for k in keys if k}
    index = _located(text, sentence, wanted, words) if wanted else {}
    assessments = tuple(
        Assessment(tuple(phrase), polarity, subjectivity, index.get(key) if key else None)
        for (phrase, polarity, subjectivity, _label), key in zip(score.assessments, keys)
    )
    count = len(words.tokens) if words is not None else len(WORD_RE.findall(piece))
    return SentenceTone(sentence, count, score[0], score[1], assessments)


def article_tone(text: str, sentences: Sequence[Span], words: Sequence[SentenceWords] | None = None) -> Tone:
    """Per-sentence tone and the article's averages, each sentence weighted by its word count.

    ``words`` (one :class:`SentenceWords` per sentence) saves finding the words again."""
    if words is None:
        strip = tuple(sentence_tone(text, s) for s in sentences)
    elif len(words) != len(sentences):
        raise ValueError(f"{len(words)} word lists for {len(sentences)} sentences")
    else:
        strip = tuple(sentence_tone(text, s, w) for s, w in zip(sentences, words))
    total = sum(s.words for s in strip)
    if total == 0:
        return Tone(0.0, 0.0, strip)
    polarity = sum(s.polarity * s.words for s in strip) / total
    subjectivity = sum(s.subjectivity * s.words for s in strip) / total
    return Tone(polarity, subjectivity, strip)
