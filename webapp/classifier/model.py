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
from webapp.classifier.features import SentenceFeatures, char_grams, extract, word_terms

_CACHE_LIMIT = 200_000
_EMPTY = np.empty(0, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class TermBlock:
    """One tf-idf block: term -> column, idf per column, one coefficient column per cue."""

    terms: tuple[str, ...]
    idf: np.ndarray
    weights: np.ndarray  # (terms, cues)
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {t: i for i, t in enumerate(self.terms)})


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
    _char_cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def cue_index(self, cue: str) -> int:
        return self.cues.index(cue)

    def word_columns(self, tokens: Sequence[str]) -> list[tuple[int, int]]:
        """(column, position) for each known word term; position indexes word_terms(tokens)."""
        index = self.words.index
        return [(index[t], p) for p, t in enumerate(word_terms(tokens)) if t in index]

    def char_columns(self, token: str) -> np.ndarray:
        """Columns of the known character n-grams of one word (cached: words repeat)."""
        found = self._char_cache.get(token)
        if found is None:
            if len(self._char_cache) > _CACHE_LIMIT:
                self._char_cache.clear()
            index = self.chars.index
            found = np.array([index[g] for g in char_grams(token) if g in index], dtype=np.int64)
            self._char_cache[token] = found
        return found

    def logits(self, features: Sequence[SentenceFeatures]) -> np.ndarray:
        """Decision values, (sentences, cues)."""
        n = len(features)
        out = np.tile(self.intercept, (n, 1))
        index = self.words.index
        word_cols = [
            np.array([index[t] for t in word_terms(f.words.tokens) if t in index], dtype=np.int64)
            for f in features
        ]
        out += _tfidf_dot(self.words, word_cols, n)
        char_cols = [
            np.concatenate([self.char_columns(t) for t in f.words.tokens] or [_EMPTY]) for f in features
        ]
        out += _tfidf_dot(self.chars, char_cols, n)
        if n:
            signals = np.array([f.signals for f in features], dtype=np.float64)
            out += ((signals - self.signal_mean) / self.signal_scale) @ self.signal_weights
        return out

    def probabilities(self, features: Sequence[SentenceFeatures]) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(features)))

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
    ) -> list[CuePrediction]:
        """Cues at or above their threshold, each with the span of the words that triggered it.

        ``sourcing`` and ``tone`` (per-sentence, as the analysis pipeline computes them) are
        computed here unless given; the result is the same either way.
        """
        return self.detect_features(text, extract(text, sentences, sourcing, tone))

    def detect_features(self, text: str, features: Sequence[SentenceFeatures]) -> list[CuePrediction]:
        from webapp.classifier.spans import trigger_span

        probs = self.probabilities(features)
        found = []
        for feats, row in zip(features, probs):
            for k in np.flatnonzero(row >= self.thresholds):
                span = trigger_span(self, text, feats, int(k))
                found.append(CuePrediction(self.cues[k], span.start, span.end, float(row[k])))
        return found

    def __call__(
        self,
        text: str,
        sentences: Sequence[Span],
        sourcing: Sourcing | None = None,
        tone: Sequence[SentenceTone] | None = None,
    ) -> list[CuePrediction]:
        """A CueDetector (webapp.analysis.pipeline); pass ``sourcing``/``tone`` to skip recomputing them."""
        return self.detect(text, sentences, sourcing, tone)


def _tfidf_dot(block: TermBlock, columns: list[np.ndarray], n: int) -> np.ndarray:
    """Sublinear tf-idf rows (l2-normalised, as scikit-learn) times the block's coefficients."""
    out = np.zeros((n, block.weights.shape[1]))
    if not any(len(c) for c in columns):
        return out
    rows = np.repeat(np.arange(n), [len(c) for c in columns])
    size = len(block.terms)
    keys, counts = np.unique(rows * size + np.concatenate(columns), return_counts=True)
    r, c = keys // size, keys % size
    values = (1.0 + np.log(counts)) * block.idf[c]
    norms = np.sqrt(np.bincount(r, values * values, minlength=n))
    values /= norms[r]
    starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
    out[r[starts]] = np.add.reduceat(block.weights[c] * values[:, None], starts, axis=0)
    return out
