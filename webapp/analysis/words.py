"""Words of each sentence: spans into the text and normalised forms, from one pass over the text.

The tone counts and locates words, and the classifier matches and weighs them; both read the
same :class:`SentenceWords`, which the analysis pipeline computes once per article.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from webapp.analysis.segment import WORD_RE
from webapp.analysis.spans import Span

_MAPPED = {**{d: "0" for d in "123456789"}, "’": "'", "‘": "'"}
_TABLE = str.maketrans(_MAPPED)


def _mapped(text: str) -> str:
    """``text.translate(_TABLE)`` for a whole text: one ``str.replace`` per character present is
    many times faster than translating character by character (no result maps again)."""
    for old, new in _MAPPED.items():
        if old in text:
            text = text.replace(old, new)
    return text


def normalise(word: str) -> str:
    """Lower case, straight apostrophes, every ASCII digit as 0 (numbers are facts, not framing)."""
    return word.lower().translate(_TABLE)


@dataclass(frozen=True, slots=True)
class SentenceWords:
    """The words of one sentence: where each starts and ends, and how it is matched (``tokens``).

    Offsets are kept as plain integers (no Span objects) because every sentence of every
    article passes through here and object creation was a fifth of the prediction time.
    """

    sentence: Span
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    tokens: tuple[str, ...]

    def span(self, first: int, last: int | None = None) -> Span:
        """Words ``first`` to ``last`` (exclusive; default: just word ``first``) as one span."""
        return Span(self.starts[first], self.ends[(first + 1 if last is None else last) - 1])

    @property
    def spans(self) -> tuple[Span, ...]:
        return tuple(Span(s, e) for s, e in zip(self.starts, self.ends))


def sentence_words(text: str, sentence: Span) -> SentenceWords:
    starts, ends, tokens = [], [], []
    for match in WORD_RE.finditer(text, sentence.start, sentence.end):
        starts.append(match.start())
        ends.append(match.end())
        tokens.append(match.group().lower().translate(_TABLE))
    return SentenceWords(sentence, tuple(starts), tuple(ends), tuple(tokens))


def article_words(text: str, sentences: Sequence[Span]) -> list[SentenceWords]:
    """:func:`sentence_words` of every sentence, from one regex pass over the whole text.

    Gives exactly what the per-sentence calls give: a sentence that a word of the whole-text
    pass straddles (it begins before the sentence, or runs past its end) is redone on its own.
    """
    starts, ends = [], []
    for match in WORD_RE.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    lowered = text.lower()
    same_length = len(lowered) == len(text)  # a few characters grow when lower-cased
    if same_length:
        lowered = _mapped(lowered)
    out = []
    for sentence in sentences:
        i = bisect_left(starts, sentence.start)
        j = bisect_left(starts, sentence.end, i)
        straddles = (i > 0 and ends[i - 1] > sentence.start) or (j > i and ends[j - 1] > sentence.end)
        if straddles or not same_length:
            out.append(sentence_words(text, sentence))
            continue
        s, e = tuple(starts[i:j]), tuple(ends[i:j])
        out.append(SentenceWords(sentence, s, e, tuple([lowered[a:b] for a, b in zip(s, e)])))
    return out
