"""Where the class agrees on an article, word by word.

The unit everywhere here is the *word*: a token of :mod:`webapp.services.article_text` made of
letters or digits (punctuation is left out, so a label that does or does not take in a closing
comma counts the same). A label *covers* a word when they share at least one character.

- **Heat**: for each word, how many submitted students labelled it with a cue (or with any cue).
- **Krippendorff's alpha** (nominal) per cue: units are the words, coders the submitted students,
  the value 1 when the student labelled the word with that cue and 0 otherwise. 1 is perfect
  agreement, 0 is what chance alone gives, below 0 is systematic disagreement. It is undefined
  (None) when every student gave every word the same value (nothing to disagree on).
- **Class majority**: a word carries a cue for the class when more than half of the submitted
  students labelled it so. Its agreement with the key (and with the classifier) is the word-level
  F1 pooled over the cues: 2·both / (2·both + only-one-side), counting (word, cue) pairs.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import krippendorff
import numpy as np

from webapp.classifier.scoring import PRF, prf_from_counts
from webapp.services.article_text import TOKEN_RE

ALL = "all"


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the article: its position among the words and its characters."""

    number: int
    start: int
    end: int


def article_words(text: str) -> list[Word]:
    """The words of ``text`` in order (tokens that start with a letter or digit)."""
    found = [m.span() for m in TOKEN_RE.finditer(text) if m.group()[0].isalnum()]
    return [Word(n, s, e) for n, (s, e) in enumerate(found)]


class WordIndex:
    """Finds the words a span covers, by bisection (labels are many, words a few hundred)."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.starts = [w.start for w in words]
        self.ends = [w.end for w in words]

    def covered(self, start: int, end: int) -> range:
        """Numbers of the words sharing at least one character with ``[start, end)``."""
        return range(bisect.bisect_right(self.ends, start), bisect.bisect_left(self.starts, end))


def coverage(index: WordIndex, spans: Iterable[tuple[str, int, int]]) -> dict[str, set[int]]:
    """For one coder (a student, the key, the classifier): the words covered, per cue and in ``all``."""
    found: dict[str, set[int]] = {ALL: set()}
    for cue, start, end in spans:
        words = index.covered(start, end)
        found.setdefault(cue, set()).update(words)
        found[ALL].update(words)
    return found


def heat(coders: Sequence[Mapping[str, set[int]]], cue: str, word_count: int) -> list[int]:
    """For each word, how many coders covered it with ``cue`` (``all``: with any cue)."""
    counts = [0] * word_count
    for coder in coders:
        for number in coder.get(cue, ()):
            counts[number] += 1
    return counts


def alpha(counts: Sequence[int], coders: int) -> float | None:
    """Nominal Krippendorff's alpha of binary codes, from how many of ``coders`` said yes per word.

    Passed to ``krippendorff`` as value counts (units x [no, yes]): the same result as the full
    coders x units matrix, without building it."""
    if coders < 2 or not counts:
        return None
    yes = np.asarray(counts, dtype=float)
    if yes.sum() == 0 or yes.sum() == coders * len(counts):
        return None  # a single value in the whole matrix: alpha is undefined
    value_counts = np.column_stack([coders - yes, yes])
    return float(krippendorff.alpha(value_counts=value_counts, value_domain=[0, 1],
                                    level_of_measurement="nominal"))


def majority(counts: Sequence[int], coders: int) -> set[int]:
    """The words more than half of the coders covered."""
    return {n for n, count in enumerate(counts) if 2 * count > coders}


def word_agreement(ours: Mapping[str, set[int]], theirs: Mapping[str, set[int]], cues: Sequence[str]) -> PRF:
    """Word-level precision, recall and F1 of ``ours`` against ``theirs``, pooled over ``cues``."""
    both = sum(len(ours.get(c, set()) & theirs.get(c, set())) for c in cues)
    only_ours = sum(len(ours.get(c, set()) - theirs.get(c, set())) for c in cues)
    only_theirs = sum(len(theirs.get(c, set()) - ours.get(c, set())) for c in cues)
    return prf_from_counts(both, only_ours, only_theirs)


ALPHA_MEANING = (
    "Krippendorff’s alpha measures how far the students agree on which words carry each cue: 1 means "
    "they all labelled the same words, 0 no more agreement than chance, and below 0 systematic "
    "disagreement; above 0.67 is usually taken as fair agreement, above 0.8 as good.")
MAJORITY_MEANING = (
    "The class majority is the words more than half of the submitted students labelled with a cue; "
    "its agreement is the word-level F1 against the key (or the classifier), pooled over the cues: "
    "1 means exactly the same words, 0 none in common.")


def describe_alpha(value: float | None) -> str:
    """One sentence a teacher can read aloud."""
    if value is None:
        return "Not defined: every student gave every word the same answer for this cue."
    if value >= 0.8:
        return "Good agreement: the class mostly labelled the same words."
    if value >= 0.67:
        return "Fair agreement: the class broadly agrees, with some differences at the edges."
    if value > 0:
        return "Weak agreement: students found different passages; worth discussing."
    return "No agreement beyond chance: students labelled quite different words."
