"""What the sourcing analysis says about each sentence: speech, scare-quote candidates, sources.

The sourcing analysis works on the whole article (a quotation may be attributed in the sentence
before); this module cuts its findings into per-sentence facts the classifier can use, and keeps
the spans the trigger-span finder needs (a quoted phrase with its marks, an unnamed source with
its reporting verb).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from webapp.analysis.sourcing import Attribution, Sourcing
from webapp.analysis.spans import Span

_MARKS = "\"“”‘’'«»"
_SO_CALLED_RE = re.compile(r"so-called\s*$", re.IGNORECASE)
SHORT_QUOTE_WORDS = 4


@dataclass(frozen=True, slots=True)
class SentenceSourcing:
    speech: tuple[Span, ...]  # words of credited direct quotations in this sentence
    short_quotes: tuple[Span, ...]  # quoted phrases of at most four words, with their marks
    scare_quotes: tuple[Span, ...]  # the short ones nobody is credited with (and "so-called")
    quoted_chars: int
    direct_speech: bool
    named_source: bool
    anonymous: Span | None  # an unnamed source phrase and its reporting verb
    quoted_question: bool = False  # the sentence's closing question mark lies inside a quotation

    def in_speech(self, span: Span) -> bool:
        return any(s.contains(span) for s in self.speech)


def sourcing_contexts(text: str, sentences: Sequence[Span], sourcing: Sourcing) -> list[SentenceSourcing]:
    """One :class:`SentenceSourcing` per sentence, in order."""
    speech = [
        a.quote for a in sourcing.attributions if a.kind == "direct" and a.source_type != "social-media"
    ]
    return [_context(text, s, sourcing, speech) for s in sentences]


def _context(text: str, sentence: Span, sourcing: Sourcing, speech: list[Span]) -> SentenceSourcing:
    here = tuple(s for s in speech if s.overlaps(sentence))
    quotes = [q for q in sourcing.quotations if sentence.contains(q) and len(q) > 0]
    short = tuple(_with_marks(text, q) for q in quotes if len(q.text(text).split()) <= SHORT_QUOTE_WORDS)
    scare = tuple(_so_called(text, sentence, q) for q in short if not any(q.overlaps(s) for s in here))
    spoken = [a for a in sourcing.attributions if a.speaker is not None and a.speaker.overlaps(sentence)]
    anonymous = next((_source_phrase(text, sentence, a) for a in spoken if not a.named), None)
    asked = _closing_question_mark(text, sentence)
    return SentenceSourcing(
        speech=here,
        short_quotes=short,
        scare_quotes=scare,
        quoted_chars=_covered(quotes),
        direct_speech=bool(here),
        named_source=any(a.named for a in spoken),
        anonymous=anonymous,
        quoted_question=asked is not None
        and any(q.start <= asked < q.end for q in sourcing.quotations if q.overlaps(sentence)),
    )


def _closing_question_mark(text: str, sentence: Span) -> int | None:
    """Where the question mark that ends the sentence is (before closing marks), if it has one."""
    end = sentence.end
    while end > sentence.start and text[end - 1] in _MARKS + ")]» ":
        end -= 1
    return end - 1 if end > sentence.start and text[end - 1] == "?" else None


def _with_marks(text: str, quote: Span) -> Span:
    start = quote.start - 1 if quote.start > 0 and text[quote.start - 1] in _MARKS else quote.start
    end = quote.end + 1 if quote.end < len(text) and text[quote.end] in _MARKS else quote.end
    return Span(start, end)


def _so_called(text: str, sentence: Span, quote: Span) -> Span:
    """Extend a scare quote back over "so-called", which KEYING.md includes in the span."""
    match = _SO_CALLED_RE.search(text, sentence.start, quote.start)
    return Span(match.start(), quote.end) if match else quote


def _covered(spans: list[Span]) -> int:
    """Characters inside any of the spans (nested quotations counted once)."""
    total, reach = 0, -1
    for span in sorted(spans, key=lambda s: s.start):
        start = max(span.start, reach)
        if span.end > start:
            total += span.end - start
            reach = span.end
    return total


def _source_phrase(text: str, sentence: Span, attribution: Attribution) -> Span:
    """The speaker phrase joined with its reporting verb when the verb is close by."""
    speaker = attribution.speaker
    assert speaker is not None
    if not attribution.verb:
        return speaker
    verb = re.compile(rf"\b{re.escape(attribution.verb)}\b", re.IGNORECASE)
    after = verb.search(text, speaker.end, min(sentence.end, speaker.end + 160))
    if after:
        return Span(speaker.start, after.end())
    before = [m for m in verb.finditer(text, max(sentence.start, speaker.start - 40), speaker.start)]
    return Span(before[-1].start(), speaker.end) if before else speaker
