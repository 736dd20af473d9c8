"""Leave-one-story-out cross-validation of the model and the two baselines.

Every story is held out once; the model is trained on the other stories (choosing its C and
thresholds by an inner cross-validation over folds of those stories only) and scored on the
held-out one, so no figure has seen its test story. Articles about one event share names and
phrases, which is why we hold out stories, not articles. Predictions of all folds are pooled
before scores are computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from webapp.analysis.spans import Span
from webapp.classifier import baselines
from webapp.classifier.dataset import Dataset, KeyedArticle, subset
from webapp.classifier.registry import registry
from webapp.classifier.scoring import PRF, LabelledSpan, Scores, prf_from_counts, sentence_scores, span_scores
from webapp.classifier.training import DEFAULT_PARAMS, TrainingParams, data_fingerprint, fit_model

SYSTEMS = ("model", "subjectivity", "lexicon")
SYSTEM_NAMES = {
    "model": "FrameLab model",
    "subjectivity": "TextBlob subjectivity threshold",
    "lexicon": "lexicon rules",
}
# the "biased sentence" flag leaves these cues out (framing: false in corpus/cues.yaml)
NOT_FRAMING = frozenset(spec.id for spec in registry() if not spec.framing)


@dataclass
class _Pool:
    """Pooled predictions of one system over every fold."""

    predicted: list[set[str]] = field(default_factory=list)
    spans: list[LabelledSpan] = field(default_factory=list)

    def add(self, article: KeyedArticle, per_sentence: Sequence[Sequence[tuple[str, Span]]]) -> None:
        for found in per_sentence:
            self.predicted.append({cue for cue, _ in found})
            self.spans += [
                LabelledSpan(cue, s.start, s.end, article.article.id) for cue, s in found if s.end > s.start
            ]


@dataclass(frozen=True)
class Evaluation:
    cues: tuple[str, ...]
    stories: tuple[str, ...]
    sentences: int
    data_fingerprint: str
    sentence_level: dict[str, Scores]
    span_level: dict[str, Scores]
    framing_flag: dict[str, PRF]
    per_story_macro_f1: dict[str, float]
    thresholds: dict[str, list[float]]
    c: dict[str, list[float]]
    questions: dict[str, int] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float:
        return self.sentence_level["model"].macro_f1

    def beats_baselines(self) -> dict[str, bool]:
        """Per cue the model predicts at all: is its sentence F1 above both baselines'?"""
        model = self.sentence_level["model"].per_cue
        return {
            cue: all(model[cue].f1 > self.sentence_level[b].per_cue[cue].f1 for b in SYSTEMS[1:])
            for cue in self.cues
            if model[cue].predicted > 0
        }

    def as_dict(self) -> dict:
        return {
            "protocol": "leave-one-story-out",
            "stories": list(self.stories),
            "sentences": self.sentences,
            "data_fingerprint": self.data_fingerprint,
            "macro_f1": round(self.macro_f1, 4),
            "sentence_level": {s: _scores_dict(v) for s, v in self.sentence_level.items()},
            "span_level": {s: _scores_dict(v) for s, v in self.span_level.items()},
            "framing_flag": {s: v.as_dict() for s, v in self.framing_flag.items()},
            "per_story_macro_f1": {k: round(v, 4) for k, v in self.per_story_macro_f1.items()},
            "beats_baselines": self.beats_baselines(),
            "thresholds": self.thresholds,
            "c": self.c,
            "questions": self.questions,
        }


def _scores_dict(scores: Scores) -> dict:
    return {
        "macro_f1": round(scores.macro_f1, 4),
        "micro": scores.micro.as_dict(),
        "per_cue": {cue: prf.as_dict() for cue, prf in scores.per_cue.items()},
    }


def cross_validate(data: Dataset, params: TrainingParams = DEFAULT_PARAMS) -> Evaluation:
    """Leave-one-story-out figures for the model and both baselines."""
    pools = {s: _Pool() for s in SYSTEMS}
    gold_sets: list[set[str]] = []
    gold_spans: list[LabelledSpan] = []
    per_story: dict[str, float] = {}
    thresholds: dict[str, list[float]] = {c: [] for c in data.cues}
    cs: dict[str, list[float]] = {c: [] for c in data.cues}
    for story in data.story_ids():
        train, test = subset(data, [s for s in data.story_ids() if s != story]), subset(data, [story])
        model = fit_model(train, params)
        subjectivity = baselines.fit_subjectivity(train)
        before = len(pools["model"].predicted)
        for article in test.articles:
            pools["model"].add(article, _model_predictions(model, article))
            pools["subjectivity"].add(
                article, baselines.subjectivity_predict(article, data.cues, subjectivity)
            )
            pools["lexicon"].add(article, baselines.rules_predict(article, data.cues))
            gold_sets += [set(l) for l in article.labels]
            gold_spans += article.gold_spans()
        per_story[story] = sentence_scores(
            pools["model"].predicted[before:], gold_sets[before:], data.cues
        ).macro_f1
        for k, cue in enumerate(data.cues):
            thresholds[cue].append(float(model.thresholds[k]))
            cs[cue].append(float(model.metadata["c"][cue]))
    return Evaluation(
        tuple(data.cues),
        tuple(data.story_ids()),
        len(gold_sets),
        data_fingerprint(data),
        {s: sentence_scores(p.predicted, gold_sets, data.cues) for s, p in pools.items()},
        {s: span_scores(p.spans, gold_spans, data.cues) for s, p in pools.items()},
        {s: _framing_flag(p.predicted, gold_sets) for s, p in pools.items()},
        per_story,
        thresholds,
        cs,
        question_counts(data),
    )


def question_counts(data: Dataset) -> dict[str, int]:
    """How sentences ending in a question mark split between keyed rhetorical questions and the
    rest: the card uses it to say what a question mark alone can and cannot tell."""
    if "rhetorical-question" not in data.cues:
        return {}
    keyed = data.y[:, data.cues.index("rhetorical-question")]
    asked = np.array([f.question for f in data.features], dtype=bool)
    return {
        "sentences": int(asked.sum()),
        "keyed": int((asked & keyed).sum()),
        "keyed_without_mark": int((keyed & ~asked).sum()),
    }


def _model_predictions(model, article: KeyedArticle) -> list[list[tuple[str, Span]]]:
    found = model.detect_features(article.article.text, article.features)
    per_sentence: list[list[tuple[str, Span]]] = [[] for _ in article.sentences]
    starts = np.array([s.start for s in article.sentences])
    for p in found:
        # a trigger span lies inside its sentence, so its start finds the sentence
        per_sentence[int(np.searchsorted(starts, p.start, side="right") - 1)].append(
            (p.cue, Span(p.start, p.end))
        )
    return per_sentence


def _framing_flag(predicted: Sequence[set[str]], gold: Sequence[set[str]]) -> PRF:
    """Sentence-level P/R/F1 of "has any framing cue" (every cue except anonymous sourcing)."""
    tp = fp = fn = 0
    for pred, key in zip(predicted, gold):
        p, g = bool(pred - NOT_FRAMING), bool(key - NOT_FRAMING)
        tp, fp, fn = tp + (p and g), fp + (p and not g), fn + (g and not p)
    return prf_from_counts(tp, fp, fn)
