"""Finding lexicon entries in a sentence's words, with simple inflections.

Matching works on normalised word tokens (see :func:`webapp.analysis.words.normalise`), so a
phrase matches across line breaks and curly apostrophes. One pass over the words with a
dictionary keyed by the first word keeps it cheap enough to run on every sentence of an article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product

from webapp.classifier.lexicons import LEXICONS, Lexicon, charged_words


@dataclass(frozen=True, slots=True)
class Match:
    """Lexicon ``lexicon`` matched words ``first`` to ``last`` (exclusive) as ``entry``."""

    lexicon: str
    first: int
    last: int
    entry: str


def inflections(word: str) -> set[str]:
    """The word and its regular inflections; over-generating harms nothing (non-words never match)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "ly"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "y"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing", word + word[-1] + "er"}
    return forms


def _phrase_forms(entry: str) -> Iterable[tuple[str, ...]]:
    """Every word sequence an entry stands for ("lash+ out" -> ("lashed", "out"), ...)."""
    choices = [sorted(inflections(w[:-1])) if w.endswith("+") else [w] for w in entry.split()]
    return product(*choices)


class LexiconMatcher:
    """All lexicons compiled into one first-word index; longest match wins within a lexicon."""

    def __init__(self, lexicons: Sequence[Lexicon] = LEXICONS) -> None:
        self.names = tuple(lex.name for lex in lexicons)
        index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for lex in lexicons:
            for entry in lex.entries:
                for words in _phrase_forms(entry):
                    index.setdefault(words[0], []).append((words[1:], lex.name, entry.replace("+", "")))
        for options in index.values():
            options.sort(key=lambda o: (-len(o[0]), o[1], o[2]))
        self._index = index
        # first word -> second word -> the options that can match there, in the same order.
        # Common first words ("to", "in", "a") start dozens of phrases; looking at the next word
        # first keeps the scan from trying each of them (the scan was most of feature time).
        self._by_next: dict[str, dict[str | None, list]] = {}
        for first, options in index.items():
            nexts = {o[0][0] for o in options if o[0]}
            table: dict[str | None, list] = {n: [o for o in options if not o[0] or o[0][0] == n] for n in nexts}
            table[None] = [o for o in options if not o[0]]
            self._by_next[first] = table
        self._charged = _charged_forms() if {"negative", "positive"} <= set(self.names) else {}
        self._keys = frozenset(index) | frozenset(self._charged)  # words that can start a match

    def match(self, tokens: Sequence[str]) -> list[Match]:
        """Matches in reading order; a lexicon does not match inside its own earlier match."""
        found: list[Match] = []
        busy: dict[str, int] = {}  # first word each lexicon may match again
        keys, by_next, n = self._keys, self._by_next, len(tokens)
        for i in [i for i, token in enumerate(tokens) if token in keys]:  # most words start nothing
            token = tokens[i]
            table = by_next.get(token)
            options = () if table is None else table.get(tokens[i + 1] if i + 1 < n else None) or table[None]
            for tail, name, entry in options:
                end = i + 1 + len(tail)
                # a one-word tail is the next word already (that is how the options were picked)
                if i < busy.get(name, 0) or end > n or (len(tail) > 1 and tuple(tokens[i + 1 : end]) != tail):
                    continue
                found.append(Match(name, i, end, entry))
                busy[name] = end
            charged = self._charged.get(token)
            if charged is not None:
                found.append(Match("negative" if charged[1] < 0 else "positive", i, i + 1, charged[0]))
        return found


def _charged_forms() -> dict[str, tuple[str, float]]:
    """Every inflection of every charged word -> (the word, its valence); the word itself wins."""
    words = charged_words()
    forms: dict[str, tuple[str, float]] = {}
    for word in sorted(words):
        for form in sorted(inflections(word)):
            if form not in words:
                forms.setdefault(form, (word, words[word]))
    forms.update({w: (w, v) for w, v in words.items()})
    return forms
