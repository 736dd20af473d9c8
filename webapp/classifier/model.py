"""The trained cue model as plain arrays: prediction needs numpy and nothing else.

Training happens in :mod:`webapp.classifier.training` with scikit-learn; what it learns is copied
into a :class:`CueModel` (vocabularies, idf weights, scaling, coefficients, thresholds) and saved
as JSON by :mod:`webapp.classifier.artifact`. Prediction here reproduces scikit-learn's
sublinear tf-idf and logistic regression exactly, so the model that is evaluated is the one that
is shipped, and loading it never unpickles anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from webapp.analysis.pipeline import CuePrediction
from webapp.analysis.sourcing import Sourcing
from webapp.analysis.spans import Span
from webapp.analysis.tone import SentenceTone
from webapp.analysis.words import SentenceWords
from webapp.classifier.features import FUNCTION_WORDS, SentenceFeatures, char_grams, extract, word_terms

_CACHE_LIMIT = 200_000


@dataclass(frozen=True, eq=False)
class TermBlock:
    """One tf-idf block: term -> column, idf per column, one coefficient column per cue."""

    terms: tuple[str, ...]
    idf: np.ndarray
    weights: np.ndarray  # (terms, cues)
    index: dict[str, int] = field(init=False, repr=False)
    heads: frozenset[str] = field(init=False, repr=False)  # first words of the two-word terms
    # the index without the function words, which are never looked up as unigrams: one
    # dictionary look-up per word instead of two
    content: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {t: i for i, t in enumerate(self.terms)})
        object.__setattr__(self, "content", {t: i for t, i in self.index.items() if t not in FUNCTION_WORDS})
        object.__setattr__(self, "heads", frozenset(t.split(" ", 1)[0] for t in self.terms if " " in t))


@dataclass(frozen=True, slots=True)
class SentenceColumns:
    """The known terms of one sentence, found once for its scores and its trigger spans:
    (column, position) of each word term (the position indexes ``word_terms(tokens)``) and,
    for each word, the columns of its character n-grams."""

    words: list[tuple[int, int]]
    chars: list[tuple[int, ...]]


@dataclass(frozen=True, eq=False)
class CueModel:
    cues: tuple[str, ...]
    words: TermBlock
    chars: TermBlock
    signal_mean: np.ndarray
    signal_scale: np.ndarray
    signal_weights: np.ndarray  # (signals, cues)
    intercept: np.ndarray
    thresholds: np.ndarray
    metadata: dict
    # analyze_text passes its tone and sourcing (see webapp.analysis.pipeline.CueDetector)
    accepts_analysis: ClassVar[bool] = True
    _char_cache: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)

    def cue_index(self, cue: str) -> int:
        return self.cues.index(cue)

    def word_columns(self, tokens: Sequence[str]) -> list[tuple[int, int]]:
        """(column, position) for each known word term; position indexes word_terms(tokens).

        The same list as looking up every term of :func:`word_terms`, without building the
        two-word terms that cannot be known (their first word starts no term of the model)."""
        index = self.words.index
        if "" in index:  # a model that knows the empty unigram: look every term up
            return [(index[t], p) for p, t in enumerate(word_terms(tokens)) if t in index]
        content = self.words.content
        found = [(content[t], p) for p, t in enumerate(tokens) if t in content]
        heads, n = self.words.heads, len(tokens)
        for p in [p for p, t in enumerate(tokens[:-1]) if t in heads]:
            column = index.get(f"{tokens[p]} {tokens[p + 1]}")
            if column is not None:
                found.append((column, n + p))
        return found

    def char_list(self, token: str) -> tuple[int, ...]:
        """Columns of the known character n-grams of one word (cached: words repeat)."""
        found = self._char_cache.get(token)
        if found is None:
            if len(self._char_cache) > _CACHE_LIMIT:
                self._char_cache.clear()
            index = self.chars.index
            found = tuple([index[g] for g in char_grams(token) if g in index])
            self._char_cache[token] = found
        return found

    def char_columns(self, token: str) -> np.ndarray:
        """:meth:`char_list` as an array."""
        return np.array(self.char_list(token), dtype=np.int64)

    def columns(self, feats: SentenceFeatures) -> SentenceColumns:
        tokens = feats.words.tokens
        cache = self._char_cache  # most words are already there: no method call for them
        return SentenceColumns(self.word_columns(tokens), [cache[t] if t in cache else self.char_list(t) for t in tokens])

    def logits(
        self, features: Sequence[SentenceFeatures], columns: Sequence[SentenceColumns] | None = None
    ) -> np.ndarray:
        """Decision values, (sentences, cues); ``columns`` (one per sentence) if already found."""
        n = len(features)
        if columns is None:
            columns = [self.columns(f) for f in features]
        out = np.tile(self.intercept, (n, 1))
        word_flat: list[int] = []
        word_lengths: list[int] = []
        char_flat: list[int] = []
        char_lengths: list[int] = []
        for found in columns:
            word_flat.extend([c for c, _ in found.words])
            word_lengths.append(len(found.words))
            before = len(char_flat)
            for grams in found.chars:
                char_flat.extend(grams)
            char_lengths.append(len(char_flat) - before)
        out += _tfidf_dot(self.words, word_flat, word_lengths, n)
        out += _tfidf_dot(self.chars, char_flat, char_lengths, n)
        if n:
            signals = np.array([f.signals for f in features], dtype=np.float64)
            out += ((signals - self.signal_mean) / self.signal_scale) @ self.signal_weights
        return out

    def probabilities(
        self, features: Sequence[SentenceFeatures], columns: Sequence[SentenceColumns] | None = None
    ) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(features, columns)))

    def predict_sentences(
        self,
        text: str,
        sentences: Sequence[Span],
        sourcing: Sourcing | None = None,
        tone: Sequence[SentenceTone] | None = None,
    ) -> list[dict[str, float]]:
        """For each sentence, the probability of each cue (from balanced-class training)."""
        probs = self.probabilities(extract(text, sentences, sourcing, tone))
        return [dict(zip(self.cues, map(float, row))) for row in probs]

    def detect(
        self,
        text: str,
        sentences: Sequence[Span],
        sourcing: Sourcing | None = None,
        tone: Sequence[SentenceTone] | None = None,
        words: Sequence[SentenceWords] | None = None,
    ) -> list[CuePrediction]:
        """Cues at or above their threshold, each with the span of the words that triggered it.

        ``sourcing``, ``tone`` and ``words`` (per-sentence, as the analysis pipeline computes
        them) are computed here unless given; the result is the same either way.
        """
        return self.detect_features(text, extract(text, sentences, sourcing, tone, words))

    def detect_features(self, text: str, features: Sequence[SentenceFeatures]) -> list[CuePrediction]:
        from webapp.classifier.contributions import sentences_terms
        from webapp.classifier.spans import trigger_span

        columns = [self.columns(f) for f in features]
        probs = self.probabilities(features, columns)
        flagged = [(i, np.flatnonzero(row >= self.thresholds)) for i, row in enumerate(probs)]
        flagged = [(i, ks) for i, ks in flagged if len(ks)]
        # the flagged sentences' terms in one go (see sentences_terms), for their trigger spans
        terms = sentences_terms(self, [features[i] for i, _ in flagged], [columns[i] for i, _ in flagged])
        found = []
        for (i, ks), known in zip(flagged, terms):
            row = probs[i]
            for k in ks:
                span = trigger_span(self, text, features[i], int(k), columns[i], known)
                found.append(CuePrediction(self.cues[k], span.start, span.end, float(row[k])))
        return found

    def __call__(
        self,
        text: str,
        sentences: Sequence[Span],
        sourcing: Sourcing | None = None,
        tone: Sequence[SentenceTone] | None = None,
        words: Sequence[SentenceWords] | None = None,
    ) -> list[CuePrediction]:
        """A CueDetector (webapp.analysis.pipeline); pass ``sourcing``/``tone``/``words`` to skip
        recomputing them."""
        return self.detect(text, sentences, sourcing, tone, words)


def _tfidf_dot(block: TermBlock, columns: list[int], lengths: list[int], n: int) -> np.ndarray:
    """Sublinear tf-idf rows (l2-normalised, as scikit-learn) times the block's coefficients;
    ``columns`` are the known terms of all sentences in order, ``lengths`` how many each has."""
    out = np.zeros((n, block.weights.shape[1]))
    if not columns:
        return out
    rows = np.repeat(np.arange(n), lengths)
    size = len(block.terms)
    keys, counts = np.unique(rows * size + np.array(columns, dtype=np.int64), return_counts=True)
    r, c = keys // size, keys % size
    values = (1.0 + np.log(counts)) * block.idf[c]
    norms = np.sqrt(np.bincount(r, values * values, minlength=n))
    values /= norms[r]
    starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
    out[r[starts]] = np.add.reduceat(block.weights[c] * values[:, None], starts, axis=0)
    return out
