"""The one scorer of students' labels against a key: the feedback page, the class dashboard and
every export call :func:`score_student` (the feedback page through
:func:`webapp.services.feedback.scores`).

The figures are those of SemEval-2020 Task 11's partial overlap, the measure of the classifier's
model card (:func:`webapp.classifier.scoring.span_scores` sums this module's :func:`credits` over
many documents, so the model is scored by the same function), computed fast for hundreds of students: each label meets only the
key spans of its cue it overlaps (found by bisection), and the overlaps are credited to both
sides at once, instead of comparing every label with every key span twice. The same pass says
which key spans each student missed and which labels are extras, for the dashboard's lists.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from webapp.classifier.scoring import PRF, prf_from_credit

Span = tuple[str, int, int]  # (cue, start, end)


class KeySpan(Protocol):
    """A key label as scoring sees it (webapp.services.feedback.Mark is one)."""

    @property
    def cue(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class KeyCoverage:
    """The key's spans per cue, sorted, to find those a label overlaps by bisection."""

    def __init__(self, key: Sequence[KeySpan]) -> None:
        self.spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # (start, end, key index)
        for n, k in enumerate(key):
            self.spans[k.cue].append((k.start, k.end, n))
        for spans in self.spans.values():
            spans.sort()
        self.ends = {cue: [end for _, end, _ in spans] for cue, spans in self.spans.items()}
        # key spans of one cue never overlap (KEYING.md); a teacher's own key is checked, not trusted
        self.disjoint = {cue: all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
                         for cue, spans in self.spans.items()}

    def overlaps(self, cue: str, start: int, end: int) -> list[tuple[int, int]]:
        """(key index, shared characters) of every key span of ``cue`` overlapping ``[start, end)``."""
        spans = self.spans.get(cue, ())
        if not spans:
            return []
        if not self.disjoint[cue]:
            return [(n, min(end, e) - max(start, s)) for s, e, n in spans if min(end, e) > max(start, s)]
        found = []
        i = bisect.bisect_right(self.ends[cue], start)
        while i < len(spans) and spans[i][0] < end:
            s, e, n = spans[i]
            found.append((n, min(end, e) - max(start, s)))
            i += 1
        return found


@dataclass(frozen=True)
class StudentScore:
    overall: PRF
    per_cue: dict[str, PRF]
    missed: list[bool]  # one per key span, in the key's order
    extras: list[Span]  # labels with no key span of their cue overlapping


@dataclass
class Credits:
    """Summed partial-overlap credits per cue (the numerators and denominators of P and R)."""

    p_credit: dict[str, float]
    n_pred: dict[str, int]
    r_credit: dict[str, float]
    n_gold: dict[str, int]
    found: list[int]  # characters of each key span covered by labels of its cue
    extras: list[Span]  # labels with no key span of their cue overlapping


def credits(labels: Sequence[Span], key: Sequence[KeySpan], coverage: KeyCoverage,
            cues: Sequence[str]) -> Credits:
    """The credits of ``labels`` against ``key`` (one document); labels of cues not in ``cues``
    and empty spans are left out, and every key span must be of a cue in ``cues``."""
    p_credit, n_pred = dict.fromkeys(cues, 0.0), dict.fromkeys(cues, 0)
    found = [0] * len(key)
    extras: list[Span] = []
    for cue, start, end in labels:
        if cue not in p_credit or end <= start:
            continue
        overlaps = coverage.overlaps(cue, start, end)
        shared = sum(n for _, n in overlaps)
        p_credit[cue] += min(1.0, shared / (end - start))
        n_pred[cue] += 1
        for index, n in overlaps:
            found[index] += n
        if shared == 0:
            extras.append((cue, start, end))
    r_credit, n_gold = dict.fromkeys(cues, 0.0), dict.fromkeys(cues, 0)
    for k, shared in zip(key, found):
        r_credit[k.cue] += min(1.0, shared / (k.end - k.start))
        n_gold[k.cue] += 1
    return Credits(p_credit, n_pred, r_credit, n_gold, found, extras)


def prf_of(c: Credits, cues: Sequence[str]) -> tuple[dict[str, PRF], PRF]:
    """Per-cue figures and the micro average over ``cues``."""
    per_cue = {cue: prf_from_credit(c.p_credit[cue], c.n_pred[cue], c.r_credit[cue], c.n_gold[cue]) for cue in cues}
    overall = prf_from_credit(sum(c.p_credit[cue] for cue in cues), sum(c.n_pred[cue] for cue in cues),
                              sum(c.r_credit[cue] for cue in cues), sum(c.n_gold[cue] for cue in cues))
    return per_cue, overall


def score_student(labels: Sequence[Span], key: Sequence[KeySpan], coverage: KeyCoverage | None,
                  cues: Sequence[str]) -> StudentScore:
    """One student's scores (labels of cues not in play and empty spans are left out);
    ``coverage`` is ``KeyCoverage(key)``, passed in when many students meet the same key."""
    found = credits(labels, key, coverage if coverage is not None else KeyCoverage(key), cues)
    per_cue, overall = prf_of(found, cues)
    return StudentScore(overall, per_cue, [shared == 0 for shared in found.found], found.extras)
