"""Feedback on a student's labels: each label judged against the answer key, the key labels they
missed, where the classifier and the key disagree, and the scores.

How a label is judged (the key labels compared are those of the cues in play):

- **match**: a key label of the same cue overlaps it, and the shared characters are at least half
  of the two spans together (intersection over union >= 0.5);
- **near miss**: a key label of the same cue overlaps it, but less than that (the span is off);
- **wrong cue**: no key label of its cue overlaps it, but a key label of another cue does;
- **extra**: no key label overlaps it at all.

A key label is *missed* when no student label of its cue overlaps it. The scores are SemEval-2020
Task 11's partial-overlap precision, recall and F1, from the one scorer the dashboard and the
exports use too (:func:`webapp.grading.scoring.score_student`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from webapp.grading.scoring import score_student
from webapp.models import Article, Cue, KeyLabel, Label

MATCH, NEAR_MISS, WRONG_CUE, EXTRA = "match", "near_miss", "wrong_cue", "extra"
MATCH_IOU = 0.5
VERDICT_NAMES = {MATCH: "Match", NEAR_MISS: "Near miss", WRONG_CUE: "Wrong cue", EXTRA: "Extra"}
SCORES_EXPLAINED = (
    "Precision is the share of what you labelled that the key marks with the same cue, recall is the "
    "share of the key you found, and F1 balances the two; a label that covers only part of a key "
    "passage earns part of the credit, in proportion to the characters you share.")
SCORES_EXPLAINED_TO_TEACHER = (
    "Precision is the share of the student's labels that the key marks with the same cue, recall the share "
    "of the key they found, and F1 balances the two; a label covering part of a key passage earns partial "
    "credit, in proportion to the shared characters (SemEval-2020 Task 11).")


@dataclass(frozen=True)
class Mark:
    """A span on the article: a student's label, a key label or a classifier prediction."""

    cue: str
    start: int
    end: int
    text: str
    rationale: str | None = None  # key labels
    note: str | None = None  # student labels
    confidence: str | None = None  # student labels
    score: float | None = None  # classifier predictions
    client_id: str | None = None  # student labels


@dataclass(frozen=True)
class Verdict:
    """How one student label compares with the key."""

    label: Mark
    kind: str
    key: Mark | None  # the key label it was judged against (None for an extra)
    message: str
    model_agrees: bool = False


@dataclass(frozen=True)
class Disagreement:
    """A place where the classifier and the key differ: for discussion, not the student's error."""

    kind: str  # "model_missed" or "model_added"
    mark: Mark
    message: str


@dataclass(frozen=True)
class Score:
    cue: str
    name: str
    precision: float
    recall: float
    f1: float
    labelled: int
    in_key: int


@dataclass(frozen=True)
class Feedback:
    verdicts: list[Verdict]
    missed: list[Mark]
    disagreements: list[Disagreement]
    per_cue: list[Score]
    overall: Score
    model_overall: Score
    labels: list[Mark]
    key: list[Mark]
    model: list[Mark]
    counts: dict[str, int] = field(default_factory=dict)
    explanation: str = SCORES_EXPLAINED
    explanation_to_teacher: str = SCORES_EXPLAINED_TO_TEACHER


def overlap(a: Mark, b: Mark) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def iou(a: Mark, b: Mark) -> float:
    shared = overlap(a, b)
    return shared / (max(a.end, b.end) - min(a.start, b.start)) if shared else 0.0


def label_marks(labels: Iterable[Label], text: str) -> list[Mark]:
    return [Mark(l.cue_id, l.start, l.end, text[l.start:l.end], note=l.note, confidence=l.confidence,
                 client_id=l.client_id) for l in labels]


def scoring_key(article: Article, teacher_id: int | None) -> list[KeyLabel]:
    """The key a teacher's students are scored against: the teacher's own key for the article
    when they wrote one, otherwise the corpus key."""
    own = [k for k in article.key_labels if teacher_id is not None and k.author_id == teacher_id]
    return own or [k for k in article.key_labels if k.author_id is None]


def key_marks(article: Article, cues: Sequence[str], teacher_id: int | None = None) -> list[Mark]:
    """The key of the cues in play (see :func:`scoring_key`)."""
    return [Mark(k.cue_id, k.start, k.end, k.text, rationale=k.rationale)
            for k in scoring_key(article, teacher_id) if k.cue_id in cues]


def model_marks(article: Article, cues: Sequence[str]) -> list[Mark]:
    """The classifier's predictions stored with the article, for the cues in play."""
    text = article.text
    found = [Mark(c["cue"], c["start"], c["end"], text[c["start"]:c["end"]], score=c.get("score"))
             for c in (article.analysis or {}).get("cues") or [] if c.get("cue") in cues]
    return sorted(found, key=lambda m: (m.start, m.end, m.cue))


def _span_hint(label: Mark, key: Mark) -> str:
    if label.start <= key.start and key.end <= label.end:
        return "Your passage is longer than the key's"
    if key.start <= label.start and label.end <= key.end:
        return "Your passage is shorter than the key's"
    return "Your passage is shifted from the key's"


def judge(label: Mark, key: Sequence[Mark], names: dict[str, str]) -> tuple[str, Mark | None, str]:
    """The verdict on one label, the key label behind it and a sentence for the student."""
    same = [k for k in key if k.cue == label.cue and overlap(label, k)]
    name = names.get(label.cue, label.cue)
    if same:
        best = max(same, key=lambda k: iou(label, k))
        if iou(label, best) >= MATCH_IOU:
            return MATCH, best, f"Match: the key marks this passage as {name} too."
        return NEAR_MISS, best, (f"Near miss: right cue, but the span is off. {_span_hint(label, best)}: "
                                 f"the key marks “{best.text}”.")
    other = [k for k in key if overlap(label, k)]
    if other:
        best = max(other, key=lambda k: overlap(label, k))
        return WRONG_CUE, best, (f"Wrong cue: the key marks this passage as "
                                 f"{names.get(best.cue, best.cue)}, not {name}.")
    return EXTRA, None, ("Extra: the key has no label here. If you had a reason, say it in your note; "
                         "your teacher reads it.")


def _score(cue: str, name: str, prf, labelled: int, in_key: int) -> Score:
    return Score(cue, name, prf.precision, prf.recall, prf.f1, labelled, in_key)


def scores(marks: Sequence[Mark], key: Sequence[Mark], cues: Sequence[str], names: dict[str, str]) -> tuple[list[Score], Score]:
    """Per-cue and overall partial-overlap scores (SemEval-2020 Task 11), from the one scorer."""
    result = score_student([(m.cue, m.start, m.end) for m in marks], key, None, list(cues))
    per_cue = [_score(c, names.get(c, c), result.per_cue[c], sum(m.cue == c for m in marks),
                      sum(k.cue == c for k in key)) for c in cues]
    return per_cue, _score("all", "All cues", result.overall, len(marks), len(key))


def disagreements(key: Sequence[Mark], model: Sequence[Mark], names: dict[str, str]) -> list[Disagreement]:
    """Key labels the classifier did not find and classifier spans the key does not have."""
    found = []
    for k in key:
        if not any(m.cue == k.cue and overlap(m, k) for m in model):
            found.append(Disagreement("model_missed", k, f"The key marks this as {names.get(k.cue, k.cue)}; "
                                                         "the classifier did not find it."))
    for m in model:
        if any(k.cue == m.cue and overlap(m, k) for k in key):
            continue
        other = [k for k in key if overlap(m, k)]
        said = (f"the key calls it {names.get(other[0].cue, other[0].cue)}" if other
                else "the key has no label here")
        found.append(Disagreement("model_added", m, f"The classifier marks this as "
                                                    f"{names.get(m.cue, m.cue)}; {said}."))
    return sorted(found, key=lambda d: (d.mark.start, d.mark.end))


def build_feedback(article: Article, cues: Sequence[Cue], labels: Iterable[Label],
                   teacher_id: int | None = None) -> Feedback:
    """Everything the feedback page shows, for the cues in play."""
    ids = [c.id for c in cues]
    names = {c.id: c.name for c in cues}
    marks = [m for m in label_marks(labels, article.text) if m.cue in ids]
    key, model = key_marks(article, ids, teacher_id), model_marks(article, ids)
    verdicts = []
    for mark in marks:
        kind, against, message = judge(mark, key, names)
        agrees = any(m.cue == mark.cue and overlap(m, mark) for m in model)
        verdicts.append(Verdict(mark, kind, against, message, agrees))
    missed = [k for k in key if not any(m.cue == k.cue and overlap(m, k) for m in marks)]
    per_cue, overall = scores(marks, key, ids, names)
    _, model_overall = scores(model, key, ids, names)
    counts = {kind: sum(v.kind == kind for v in verdicts) for kind in VERDICT_NAMES}
    return Feedback(verdicts, missed, disagreements(key, model, names), per_cue, overall, model_overall,
                    marks, key, model, counts)


def label_feedback(article: Article, cues: Sequence[Cue], label: Label, teacher_id: int | None = None) -> dict:
    """Practice mode: the verdict on one label right after it is saved, with the key's rationale
    when it matches or nearly matches (never the rest of the key)."""
    ids = [c.id for c in cues]
    names = {c.id: c.name for c in cues}
    mark = label_marks([label], article.text)[0]
    kind, against, message = judge(mark, key_marks(article, ids, teacher_id), names)
    rationale = against.rationale if against is not None and kind in (MATCH, NEAR_MISS) else None
    return {"verdict": kind, "verdict_name": VERDICT_NAMES[kind], "message": message, "rationale": rationale}
