"""Two baselines the model has to beat, evaluated by the same protocol.

- **Subjectivity**: TextBlob's sentence subjectivity (exactly as the tone analysis computes it)
  against a threshold; a sentence at or above a cue's threshold gets that cue, and its span is
  the whole sentence. The threshold per cue is the one with the best F1 on the training stories.
- **Lexicon rules**: no learning at all. A cue fires on a hit from its word list (in the
  writer's own words, not in quoted speech), scare quotes on a short quoted phrase with no
  speaker, a rhetorical question on a final question mark, anonymous sourcing on an
  anonymous-source word together with a reporting verb. Spans are the matched words.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from webapp.analysis.spans import Span
from webapp.analysis.tone import sentence_tone
from webapp.classifier.dataset import Dataset, KeyedArticle
from webapp.classifier.features import SentenceFeatures
from webapp.classifier.signals import RULE_LEXICON

_GRID = tuple(round(0.05 * i, 2) for i in range(21))
_SUBJECTIVITY: dict[tuple[str, int], float] = {}


def subjectivity(article: KeyedArticle) -> np.ndarray:
    """TextBlob subjectivity of each sentence of a keyed article (cached per text)."""
    values = []
    for i, span in enumerate(article.sentences):
        key = (article.article.sha256, i)
        if key not in _SUBJECTIVITY:
            _SUBJECTIVITY[key] = sentence_tone(article.article.text, span).subjectivity
        values.append(_SUBJECTIVITY[key])
    return np.array(values, dtype=np.float64)


def fit_subjectivity(train: Dataset) -> np.ndarray:
    """The best-F1 subjectivity threshold of each cue on the training sentences."""
    s = np.concatenate([subjectivity(a) for a in train.articles]) if train.articles else np.empty(0)
    return np.array([_best(s, train.y[:, k]) for k in range(len(train.cues))])


def _best(scores: np.ndarray, y: np.ndarray) -> float:
    """The grid threshold with the best F1 (ties: the highest)."""

    def f1(t: float) -> float:
        pred = scores >= t
        tp = float(np.sum(pred & y))
        return 0.0 if tp == 0 else 2 * tp / (pred.sum() + y.sum())

    return max(_GRID, key=lambda t: (round(f1(t), 9), t))


def subjectivity_predict(
    article: KeyedArticle, cues: Sequence[str], thresholds: np.ndarray
) -> list[list[tuple[str, Span]]]:
    """Per sentence: (cue, span) pairs, the span being the whole sentence."""
    s = subjectivity(article)
    return [
        [(cue, span) for k, cue in enumerate(cues) if s[i] >= thresholds[k]]
        for i, span in enumerate(article.sentences)
    ]


def rules_predict(article: KeyedArticle, cues: Sequence[str]) -> list[list[tuple[str, Span]]]:
    """Per sentence: (cue, span) pairs fired by the lexicon rules."""
    return [[(cue, span) for cue in cues for span in _rule(cue, feats)] for feats in article.features]


def _rule(cue: str, feats: SentenceFeatures) -> list[Span]:
    words = feats.words
    if cue in RULE_LEXICON:
        return [words.span(m.first, m.last) for m in feats.matches if m.lexicon == RULE_LEXICON[cue]]
    if cue == "scare-quotes":
        return list(feats.context.scare_quotes)
    if cue == "rhetorical-question":
        return [feats.span] if feats.question else []
    if cue == "anonymous-sourcing":
        who = [m for m in feats.matches if m.lexicon == "anonymous"]
        verbs = [m for m in feats.matches if m.lexicon == "reporting"]
        if who and verbs:
            first, last = min(who[0].first, verbs[0].first), max(who[0].last, verbs[0].last)
            return [words.span(first, last)]
    return []
