"""Trigger spans: the words that made the model flag a cue, drawn the way KEYING.md draws spans.

Students compare spans, not sentences, so each predicted cue points at words. In general that
is the contiguous run of whole words whose contributions most support the cue (the maximum-sum
run, with a small per-word cost so the run does not drift over neutral words). Three cues have
a shape of their own that the sentence analysis can see directly: a scare quote is the quoted
phrase with its marks, a rhetorical question is the question, and anonymous sourcing is the
unnamed source phrase with its reporting verb. Clause-sized cues (speculation, motive
attribution, editorializing) are widened to the clause the run sits in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from webapp.analysis.spans import Span
from webapp.classifier.contributions import SentenceTerms, word_scores
from webapp.classifier.features import SentenceFeatures
from webapp.classifier.model import CueModel, SentenceColumns
from webapp.classifier.registry import registry

RUN_COST = 0.15  # per-word cost, as a share of the strongest word's support
_CLAUSE_BREAK_RE = re.compile(r"[,;:()—–]|\s-\s")
# how far each cue's span reaches: its entry in corpus/cues.yaml (webapp.classifier.registry)
TO_CLAUSE_END = frozenset(spec.id for spec in registry() if spec.span == "to-clause-end")
TO_WHOLE_CLAUSE = frozenset(spec.id for spec in registry() if spec.span == "whole-clause")


def best_run(scores: np.ndarray | Sequence[float], cost_share: float = RUN_COST) -> tuple[int, int]:
    """(first, last exclusive) of the run with the largest sum of ``score - cost``."""
    values = scores.tolist() if isinstance(scores, np.ndarray) else [float(s) for s in scores]
    if not values:
        return 0, 0
    top = max(values)
    if top <= 0:
        best = values.index(top)  # the first of the highest, as numpy's argmax
        return best, best + 1
    cost = cost_share * top
    best_sum, best_range = -math.inf, (0, 1)
    running, start = 0.0, 0
    for i, score in enumerate(values):
        if running <= 0:
            running, start = 0.0, i
        running += score - cost
        if running > best_sum:
            best_sum, best_range = running, (start, i + 1)
    return best_range


def trigger_span(
    model: CueModel,
    text: str,
    feats: SentenceFeatures,
    k: int,
    columns: SentenceColumns | None = None,
    terms: SentenceTerms | None = None,
) -> Span:
    """The span of cue ``k`` in this sentence: inside the sentence, never splitting a word
    (``columns``, ``terms``: the sentence's known terms, when the caller has found them)."""
    cue, sentence, ctx = model.cues[k], feats.span, feats.context
    if cue == "scare-quotes" and (ctx.scare_quotes or ctx.short_quotes):
        return (ctx.scare_quotes or ctx.short_quotes)[0]
    if cue == "scare-quotes" and "so-called" in feats.words.tokens[:-1]:
        at = feats.words.tokens.index("so-called")  # "so-called experts", no marks: the term after it
        return feats.words.span(at, at + 2)
    if cue == "rhetorical-question" and feats.question:
        return sentence
    if cue == "anonymous-sourcing" and ctx.anonymous is not None and sentence.contains(ctx.anonymous):
        return ctx.anonymous
    if not feats.words.tokens:
        return sentence
    span = feats.words.span(*best_run(word_scores(model, feats, k, columns, terms)))
    if cue in TO_CLAUSE_END or cue in TO_WHOLE_CLAUSE:
        span = _widen(text, sentence, span, cue in TO_WHOLE_CLAUSE)
    return span


def _widen(text: str, sentence: Span, span: Span, backwards: bool) -> Span:
    """Stretch to the end (and, if asked, the start) of the clause, snapped to whole words."""
    end = _CLAUSE_BREAK_RE.search(text, span.end, sentence.end)
    stop = end.start() if end else sentence.end
    start = span.start
    if backwards:
        breaks = list(_CLAUSE_BREAK_RE.finditer(text, sentence.start, span.start))
        start = breaks[-1].end() if breaks else sentence.start
    return _snap(text, Span(start, stop), span)


def _snap(text: str, wide: Span, core: Span) -> Span:
    """Trim spaces and punctuation from the ends, keeping at least the core words."""
    piece = wide.text(text)
    lead = len(piece) - len(piece.lstrip(" \t\"“‘'"))
    trail = len(piece) - len(piece.rstrip(" \t.,;:!?"))
    start, end = min(core.start, wide.start + lead), max(core.end, wide.end - trail)
    return Span(start, end)
