"""The first screen of a student's feedback, in plain words: how many key passages they found,
one good catch, where to look again, and a found / missed / extra bar with its text equivalent.

Pure: it reads a :class:`webapp.services.feedback.Feedback` (the existing scorer's result) and the
article's paragraph offsets, and returns frozen data; the template only lays it out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from webapp.services.feedback import EXTRA, MATCH, WRONG_CUE, Feedback, Mark, iou

QUOTE_MAX = 60  # characters of a quoted catch before it is cut with an ellipsis


@dataclass(frozen=True)
class BarPart:
    """One segment of the found / missed / extra bar."""

    kind: str  # "found", "missed" or "extra"
    count: int
    words: str  # "3 found": what the segment says, also without colour
    share: float  # of the bar's width, 0..1


@dataclass(frozen=True)
class Summary:
    """What the top of the feedback page says."""

    headline: str  # "You found 3 of 13"
    catch: str | None  # "great catch: ‘activist judge’"
    look_again: str | None  # "look again at paragraph 2"
    sentence: str  # the three joined: the sentence a student reads first
    details: tuple[str, ...]  # short extra lines (wrong cues, extras)
    bar: tuple[BarPart, ...]
    bar_text: str  # the bar as one sentence, for its accessible name

    @property
    def found(self) -> int:
        return self.bar[0].count


QUOTE_MARKS = "\"'‘’“”«»"


def _quote(text: str) -> str:
    """The passage in single quotes; a passage that is itself a quotation (scare quotes: ‘combat’)
    keeps its own marks instead of getting a second pair."""
    text = " ".join(text.split())
    if len(text) > 2 and text[0] in QUOTE_MARKS and text[-1] in QUOTE_MARKS:
        return text if len(text) <= QUOTE_MAX else text[:QUOTE_MAX - 1].rstrip() + "…" + text[-1]
    return f"‘{text if len(text) <= QUOTE_MAX else text[:QUOTE_MAX - 1].rstrip() + '…'}’"


def paragraph_of(offset: int, paragraphs: Sequence[tuple[int, int]]) -> int | None:
    """The 1-based number of the paragraph holding ``offset`` (as a reader counts, headline and
    section headings left out by the caller), or None when it lies in none of them."""
    for number, (start, end) in enumerate(paragraphs, start=1):
        if start <= offset < end:
            return number
    return None


def best_catch(feedback: Feedback) -> Mark | None:
    """The student's label that matches the key best (closest span; the earliest on a tie)."""
    matches = [v for v in feedback.verdicts if v.kind == MATCH and v.key is not None]
    if not matches:
        return None
    best = max(matches, key=lambda v: (iou(v.label, v.key), -v.label.start))  # type: ignore[arg-type]
    return best.label


def where_to_look(missed: Sequence[Mark], paragraphs: Sequence[tuple[int, int]]) -> int | None:
    """The paragraph with the most missed key passages (the earliest on a tie)."""
    numbers = Counter(n for n in (paragraph_of(m.start, paragraphs) for m in missed) if n is not None)
    if not numbers:
        return None
    return min(numbers, key=lambda n: (-numbers[n], n))


def _bar(found: int, missed: int, extra: int) -> tuple[BarPart, ...]:
    total = max(found + missed + extra, 1)
    return (BarPart("found", found, f"{found} found", found / total),
            BarPart("missed", missed, f"{missed} missed", missed / total),
            BarPart("extra", extra, f"{extra} extra", extra / total))


def _headline(found: int, in_key: int, labelled: int, who: str) -> str:
    if in_key == 0:
        return "The key has no passages for these cues"
    if labelled == 0:
        return f"{who} made no labels yet: the key has {in_key} {'passage' if in_key == 1 else 'passages'}"
    if found == in_key:
        return f"{who} found all {in_key}" if in_key > 1 else f"{who} found it"
    return f"{who} found {found} of {in_key}"


def _details(feedback: Feedback, whose: str) -> tuple[str, ...]:
    lines = []
    wrong = feedback.counts.get(WRONG_CUE, 0)
    extra = feedback.counts.get(EXTRA, 0)
    if wrong:
        lines.append(f"{wrong} of {whose} labels {'is on' if wrong == 1 else 'are on'} a key passage "
                     "but with another cue.")
    if extra:
        lines.append(f"{extra} of {whose} labels {'marks' if extra == 1 else 'mark'} a passage the key leaves out: "
                     "if you had a reason, say it in your note." if whose == "your" else
                     f"{extra} of {whose} labels {'marks' if extra == 1 else 'mark'} a passage the key leaves out.")
    return tuple(lines)


def summarize(feedback: Feedback, paragraphs: Sequence[tuple[int, int]], student: bool = True) -> Summary:
    """The plain-words summary of ``feedback``; ``paragraphs`` are the (start, end) offsets of the
    article's body paragraphs, in reading order, for "look again at paragraph n". ``student``
    False words it for the teacher ("The student found…")."""
    who, whose = ("You", "your") if student else ("The student", "the student’s")
    in_key, missed = len(feedback.key), len(feedback.missed)
    found = in_key - missed
    extra = feedback.counts.get(EXTRA, 0)
    headline = _headline(found, in_key, len(feedback.labels), who)
    catch_mark = best_catch(feedback)
    catch = f"great catch: {_quote(catch_mark.text)}" if catch_mark is not None else None
    paragraph = where_to_look(feedback.missed, paragraphs)
    look_again = f"look again at paragraph {paragraph}" if paragraph is not None else None
    sentence = " — ".join(part for part in (headline, catch) if part)
    if look_again:
        sentence += f"; {look_again}"
    bar = _bar(found, missed, extra)
    bar_text = (f"Of the key’s {in_key} {'passage' if in_key == 1 else 'passages'}, {found} found and "
                f"{missed} missed; {extra} of {whose} labels extra.")
    return Summary(headline, catch, look_again, sentence + ".", _details(feedback, whose), bar, bar_text)
