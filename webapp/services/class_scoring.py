"""Moved to :mod:`webapp.grading.scoring` (14.1); this name is kept for code written before."""

from webapp.grading.scoring import KeyCoverage, KeySpan, Span, StudentScore, score_student

__all__ = ["KeyCoverage", "KeySpan", "Span", "StudentScore", "score_student"]
