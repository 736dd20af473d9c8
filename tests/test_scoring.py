"""Span and sentence scoring against small examples worked out by hand."""

from __future__ import annotations

import pytest

from webapp.classifier.scoring import LabelledSpan, prf_from_counts, sentence_scores, span_prf, span_scores


def S(cue: str, start: int, end: int, doc: str = "") -> LabelledSpan:
    return LabelledSpan(cue, start, end, doc)


def test_identical_spans_score_one():
    spans = [S("a", 0, 10), S("b", 20, 25)]
    result = span_prf(spans, spans)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)


def test_half_overlap_gives_half_credit_each_way():
    # s = [5, 15), t = [0, 10): |s ∩ t| = 5; P = 5/10 = 0.5, R = 5/10 = 0.5, F1 = 0.5
    result = span_prf([S("a", 5, 15)], [S("a", 0, 10)])
    assert result.precision == pytest.approx(0.5)
    assert result.recall == pytest.approx(0.5)
    assert result.f1 == pytest.approx(0.5)


def test_one_prediction_over_two_key_spans():
    # s = [2, 12); t1 = [0, 4), t2 = [10, 20): s∩t1 = 2, s∩t2 = 2
    # P = (2 + 2) / 10 = 0.4;  R = (2/4 + 2/10) / 2 = 0.35;  F1 = 2 * 0.4 * 0.35 / 0.75 = 0.37333
    result = span_prf([S("a", 2, 12)], [S("a", 0, 4), S("a", 10, 20)])
    assert result.precision == pytest.approx(0.4)
    assert result.recall == pytest.approx(0.35)
    assert result.f1 == pytest.approx(0.28 / 0.75)


def test_other_cue_earns_nothing():
    result = span_prf([S("a", 0, 10)], [S("b", 0, 10)])
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)


def test_spans_in_different_documents_do_not_meet():
    result = span_prf([S("a", 0, 10, "doc-1")], [S("a", 0, 10, "doc-2")])
    assert result.f1 == 0.0


def test_overlapping_predictions_cannot_earn_more_than_full_credit():
    # t = [0, 10) is covered twice; its recall credit is capped at 1: R = 1/1
    result = span_prf([S("a", 0, 10), S("a", 0, 10)], [S("a", 0, 10)])
    assert result.recall == 1.0
    assert result.precision == 1.0


def test_empty_sets_follow_the_documented_convention():
    both_empty = span_prf([], [])
    assert (both_empty.precision, both_empty.recall, both_empty.f1) == (1.0, 1.0, 1.0)
    nothing_found = span_prf([], [S("a", 0, 5)])
    assert (nothing_found.precision, nothing_found.recall, nothing_found.f1) == (0.0, 0.0, 0.0)
    nothing_to_find = span_prf([S("a", 0, 5)], [])
    assert (nothing_to_find.precision, nothing_to_find.recall, nothing_to_find.f1) == (0.0, 0.0, 0.0)


def test_per_cue_and_micro_figures():
    # cue a: s = [5, 15) vs t = [0, 10): P = R = 0.5.  cue b: one prediction, no key: P = R = 0.
    # micro: P = (0.5 + 0) / 2 predictions = 0.25, R = 0.5 / 1 key span = 0.5, F1 = 2*0.125/0.75 = 1/3
    scores = span_scores([S("a", 5, 15), S("b", 0, 5)], [S("a", 0, 10)], cues=["a", "b"])
    assert scores.per_cue["a"].f1 == pytest.approx(0.5)
    assert scores.per_cue["b"].f1 == 0.0
    assert scores.micro.precision == pytest.approx(0.25)
    assert scores.micro.recall == pytest.approx(0.5)
    assert scores.micro.f1 == pytest.approx(1 / 3)
    assert scores.macro_f1 == pytest.approx(0.25)  # (0.5 + 0) / 2


def test_sentence_scores_count_each_cue_separately():
    # a: tp 1 (sentence 0), fp 1 (sentence 1), fn 1 (sentence 2): P = R = F1 = 0.5
    # b: tp 1 (sentence 1): P = R = F1 = 1;  macro-F1 = 0.75; micro: tp 2, fp 1, fn 1 -> 2/3
    scores = sentence_scores([{"a"}, {"a", "b"}, set()], [{"a"}, {"b"}, {"a"}], cues=["a", "b"])
    assert scores.per_cue["a"].f1 == pytest.approx(0.5)
    assert scores.per_cue["b"].f1 == pytest.approx(1.0)
    assert scores.macro_f1 == pytest.approx(0.75)
    assert scores.micro.f1 == pytest.approx(2 / 3)


def test_counts_with_nothing_to_find_and_nothing_claimed_are_perfect():
    assert prf_from_counts(0, 0, 0).f1 == 1.0
    assert prf_from_counts(0, 2, 0).f1 == 0.0


def test_sentence_scores_refuse_mismatched_lengths():
    with pytest.raises(ValueError):
        sentence_scores([{"a"}], [], cues=["a"])


def test_empty_span_is_refused():
    with pytest.raises(ValueError):
        LabelledSpan("a", 4, 4)
