"""Explanations: which words and signals pushed a sentence toward or away from each cue.

A student who disagrees with the model should be able to see why it decided what it did, in
words, not numbers: "'sleight of hand' pushed this toward dismissive framing". Because the
model is linear, the parts listed add up (with the intercept) to its decision value, so an
explanation is exact, not an approximation. Results are plain frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from webapp.analysis import segment
from webapp.analysis.sourcing import analyze_sourcing
from webapp.analysis.spans import Span
from webapp.classifier.contributions import Part, parts
from webapp.classifier.features import SentenceFeatures, extract
from webapp.classifier.lexicons import LEXICONS
from webapp.classifier.model import CueModel
from webapp.classifier.signals import SCALE_SIGNALS, SIGNAL_INDEX, SIGNALS, describe

_DESCRIBED = {lex.name: lex.described for lex in LEXICONS}


@dataclass(frozen=True)
class Reason:
    """One thing that moved the score: said in words, with its weight and where it is."""

    text: str
    weight: float
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class CueExplanation:
    cue: str
    name: str
    probability: float
    threshold: float
    flagged: bool
    toward: tuple[Reason, ...]
    against: tuple[Reason, ...]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["probability"] = round(self.probability, 4)
        for side in ("toward", "against"):
            for reason in data[side]:
                reason["weight"] = round(reason["weight"], 4)
        return data


def cue_name(model: CueModel, cue: str) -> str:
    """The student-facing name, in lower case ("dismissive framing")."""
    return str(model.metadata.get("cue_names", {}).get(cue, cue.replace("-", " "))).lower()


def sentence_features(text: str, span: Span) -> SentenceFeatures:
    """Features of one sentence, with the sourcing analysis of the whole text around it."""
    paragraphs = segment.paragraphs(text)
    sourcing = analyze_sourcing(text, paragraphs, segment.sentences(text, paragraphs))
    return extract(text, [span], sourcing)[0]


def explain_sentence(model: CueModel, text: str, span: Span, top: int = 3) -> list[CueExplanation]:
    """Every cue for this sentence, most probable first, with the ``top`` reasons each way."""
    feats = sentence_features(text, span)
    probs = model.probabilities([feats])[0]
    out = []
    for k, cue in enumerate(model.cues):
        reasons = _reasons(model, text, feats, k)
        name = cue_name(model, cue)
        toward = [r for r in sorted(reasons, key=lambda r: -r.weight) if r.weight > 0][:top]
        against = [r for r in sorted(reasons, key=lambda r: r.weight) if r.weight < 0][:top]
        out.append(
            CueExplanation(
                cue,
                name,
                float(probs[k]),
                float(model.thresholds[k]),
                bool(probs[k] >= model.thresholds[k]),
                tuple(_say(r, name) for r in toward),
                tuple(_say(r, name) for r in against),
            )
        )
    return sorted(out, key=lambda e: (-e.probability, e.cue))


def _reasons(model: CueModel, text: str, feats: SentenceFeatures, k: int) -> list[Reason]:
    """Parts merged per phrase (word parts inside a lexicon hit join that hit); absent patterns left out."""
    found = [
        p for p in parts(model, feats, k) if p.kind != "signal" or p.value != 0 or p.signal in SCALE_SIGNALS
    ]
    hits = [p for p in found if p.kind == "lexicon"]
    merged: dict[tuple, list] = {}
    for p in found:
        home = next(
            (h for h in hits if p.kind != "lexicon" and h.first <= p.first and p.last <= h.last), None
        )
        key = _key(home or p)
        merged.setdefault(key, [home or p, 0.0])[1] += p.weight
    reasons = []
    for part, weight in merged.values():
        if part.first >= 0:
            start, end = feats.words.starts[part.first], feats.words.ends[part.last - 1]
            reasons.append(Reason(_phrase(part, text[start:end]), weight, start, end))
        else:
            reasons.append(Reason(_signal_phrase(model, part), weight))
    return reasons


def _key(part: Part) -> tuple:
    return (part.first, part.last, part.signal if part.kind == "lexicon" else "")


def _phrase(part: Part, words: str) -> str:
    if part.kind == "lexicon":
        return f"'{words}' ({_DESCRIBED[part.signal.removeprefix('lex:')]})"
    return f"'{words}'"


def _signal_phrase(model: CueModel, part: Part) -> str:
    index = SIGNAL_INDEX[part.signal]
    return describe(SIGNALS[index], part.value, bool(part.value > model.signal_mean[index]))


def _say(reason: Reason, name: str) -> Reason:
    direction = "toward" if reason.weight > 0 else "away from"
    return Reason(f"{reason.text} pushed this {direction} {name}", reason.weight, reason.start, reason.end)


def explain_text(model: CueModel, sentence: str, top: int = 3) -> list[CueExplanation]:
    """Explain a sentence given on its own (the ``framelab explain`` command)."""
    stripped = sentence.strip()
    start = sentence.find(stripped) if stripped else 0
    return explain_sentence(model, sentence, Span(start, start + len(stripped)), top)


def decision_value(model: CueModel, feats: SentenceFeatures, k: int) -> float:
    """Intercept plus every part: equals the model's logit (a check that explanations are exact)."""
    return float(model.intercept[k] + np.sum([p.weight for p in parts(model, feats, k)]))
