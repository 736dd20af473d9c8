"""Scores for labelled spans and sentences, independent of any model.

The web app scores students against answer keys with the same functions the classifier's
evaluation uses, so a student's "67% of the key found" and the model card's recall mean the
same thing.

Span scores follow the partial-overlap measure of SemEval-2020 Task 11 (Da San Martino et al.):
a predicted span earns the share of its characters that fall inside a key span of the same cue,
and a key span is found by the share of its characters covered by predictions of that cue::

    P = (1/|S|) * sum_s sum_t [cue(s) == cue(t)] * |s ∩ t| / |s|
    R = (1/|T|) * sum_t sum_s [cue(s) == cue(t)] * |s ∩ t| / |t|

Choices made where the formula is silent (kept identical everywhere FrameLab scores):

- Spans only meet when they are in the same document (``doc``) and have the same cue.
- One span's credit is capped at 1, so overlapping predictions of one cue cannot be worth more
  than a perfect one (key spans of one cue never overlap, KEYING.md).
- Empty sets: with no predictions, precision is 1.0 when there is nothing to find and 0.0
  otherwise; with nothing to find, recall is 1.0 when nothing was predicted and 0.0 otherwise.
  F1 is 0.0 when precision and recall are both 0. So "nothing to find, nothing claimed" is a
  perfect 1/1/1, and claiming something where there is nothing scores 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    """A cue on the characters ``[start, end)`` of document ``doc``."""

    cue: str
    start: int
    end: int
    doc: str = ""

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"an empty or reversed span {self.start}-{self.end} cannot be scored")


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1, with the sizes they were computed from."""

    precision: float
    recall: float
    f1: float
    predicted: float  # predicted items (spans or positive sentences)
    gold: float  # key items

    def as_dict(self, digits: int = 4) -> dict:
        return {
            "precision": round(self.precision, digits),
            "recall": round(self.recall, digits),
            "f1": round(self.f1, digits),
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True, slots=True)
class Scores:
    """Per-cue figures plus the micro average over every cue and the macro-F1 of the cues."""

    per_cue: Mapping[str, PRF]
    micro: PRF
    macro_f1: float


def f1_of(precision: float, recall: float) -> float:
    """The harmonic mean; 0.0 when both are 0."""
    total = precision + recall
    return 0.0 if total == 0 else 2 * precision * recall / total


def _ratio(credit: float, count: int, other_count: int) -> float:
    """credit / count, with the empty-set convention of the module docstring."""
    if count == 0:
        return 1.0 if other_count == 0 else 0.0
    return credit / count


def prf_from_credit(p_credit: float, n_pred: int, r_credit: float, n_gold: int) -> PRF:
    """Precision and recall from summed credits (counts of true positives for sentences)."""
    precision = _ratio(p_credit, n_pred, n_gold)
    recall = _ratio(r_credit, n_gold, n_pred)
    return PRF(precision, recall, f1_of(precision, recall), n_pred, n_gold)


def prf_from_counts(tp: int, fp: int, fn: int) -> PRF:
    """Sentence-level (or any binary) precision, recall and F1 from confusion counts."""
    return prf_from_credit(tp, tp + fp, tp, tp + fn)


def _overlap(a: LabelledSpan, b: LabelledSpan) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _credits(spans: Sequence[LabelledSpan], others: Sequence[LabelledSpan]) -> list[float]:
    """For each span, the capped share of its characters covered by ``others`` (same doc and cue)."""
    index: dict[tuple[str, str], list[LabelledSpan]] = defaultdict(list)
    for other in others:
        index[(other.doc, other.cue)].append(other)
    credits = []
    for span in spans:
        covered = sum(_overlap(span, o) for o in index.get((span.doc, span.cue), ()))
        credits.append(min(1.0, covered / (span.end - span.start)))
    return credits


def span_prf(predicted: Sequence[LabelledSpan], gold: Sequence[LabelledSpan]) -> PRF:
    """Partial-overlap P/R/F1 of all spans together (the micro average over cues)."""
    return prf_from_credit(
        sum(_credits(predicted, gold)), len(predicted), sum(_credits(gold, predicted)), len(gold)
    )


def span_scores(
    predicted: Iterable[LabelledSpan], gold: Iterable[LabelledSpan], cues: Sequence[str] | None = None
) -> Scores:
    """Per-cue and micro partial-overlap scores; ``cues`` fixes which cues are reported.

    The credits are worked out by the students' scorer (:func:`webapp.grading.scoring.credits`),
    one document at a time, and summed: the model card and a student's feedback are one measure
    computed by one function.
    """
    from webapp.grading.scoring import Credits, KeyCoverage, credits, prf_of

    predicted, gold = list(predicted), list(gold)
    names = list(cues) if cues is not None else sorted({s.cue for s in predicted + gold})
    chosen = set(names)
    labels_by_doc: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    key_by_doc: dict[str, list[LabelledSpan]] = defaultdict(list)
    for s in predicted:
        labels_by_doc[s.doc].append((s.cue, s.start, s.end))
    for t in gold:
        if t.cue in chosen:
            key_by_doc[t.doc].append(t)
    total = Credits(dict.fromkeys(names, 0.0), dict.fromkeys(names, 0), dict.fromkeys(names, 0.0),
                    dict.fromkeys(names, 0), [], [])
    for doc in dict.fromkeys([*labels_by_doc, *key_by_doc]):
        key = key_by_doc.get(doc, [])
        found = credits(labels_by_doc.get(doc, []), key, KeyCoverage(key), names)
        for cue in names:
            total.p_credit[cue] += found.p_credit[cue]
            total.n_pred[cue] += found.n_pred[cue]
            total.r_credit[cue] += found.r_credit[cue]
            total.n_gold[cue] += found.n_gold[cue]
    per_cue, micro = prf_of(total, names)
    return Scores(per_cue, micro, macro_f1(per_cue))


def sentence_scores(
    predicted: Sequence[Iterable[str]], gold: Sequence[Iterable[str]], cues: Sequence[str]
) -> Scores:
    """Sentence-level scores: item i is the set of cues predicted for (keyed in) sentence i."""
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted sentences but {len(gold)} keyed ones")
    counts = {cue: [0, 0, 0] for cue in cues}  # tp, fp, fn
    for pred, key in zip(predicted, gold):
        pred, key = set(pred), set(key)
        for cue in cues:
            counts[cue][0] += cue in pred and cue in key
            counts[cue][1] += cue in pred and cue not in key
            counts[cue][2] += cue in key and cue not in pred
    per_cue = {cue: prf_from_counts(*counts[cue]) for cue in cues}
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    return Scores(per_cue, prf_from_counts(tp, fp, fn), macro_f1(per_cue))


def macro_f1(per_cue: Mapping[str, PRF]) -> float:
    """The unweighted mean F1 over cues (0.0 for no cues)."""
    return sum(p.f1 for p in per_cue.values()) / len(per_cue) if per_cue else 0.0
