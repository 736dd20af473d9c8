"""TextBlob's pattern sentiment scoring, restated for speed, giving TextBlob's results exactly.

Calling TextBlob's analyser on a sentence spends most of its time in generic work that a plain
string of English never needs: ten regular-expression substitutions and a sentence splitter in
its tokenizer (the sentences are joined up again straight afterwards), a look-up through the
``lazydict`` per word, and an emoticon scan that lower-cases every emoticon for each short
non-word token. Here the same rules run on precomputed tables built from TextBlob's own loaded
lexicon and constants (:mod:`.pattern`):

- the tokenizer keeps TextBlob's order of replacements and its rules for splitting punctuation
  off a word, but skips the sentence splitting: that only matters when a sentence-level
  emoticon or sarcasm-mark substitution could join two tokens. Whenever two adjacent tokens
  meet on a pair of characters that occur side by side in an emoticon or in ``(!)`` (rare in
  news, see :func:`_joining_pairs`), TextBlob's own tokenizer is called instead;
- the scoring walks the words as ``Sentiment.assessments`` does, with each known word's scores,
  modifier flag and label read from one flat dict.

tests/test_tone.py checks polarity, subjectivity and assessments against TextBlob's on every
sentence of the corpus and on sentences made to hit the rare rules.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

_EOS = "END-OF-SENTENCE"  # what TextBlob's tokenizer puts for a paragraph break


class Sentiment:
    """A callable like TextBlob's analyser: ``analyser(sentence)`` -> Score with ``.assessments``."""

    def __init__(self, lexicon: Any, text: ModuleType) -> None:
        self._text = text
        self._tokenizer = lexicon.tokenizer  # TextBlob's own, for the rare sentences it must split
        self._negations = frozenset(lexicon.negations)
        self._modifiers = tuple(lexicon.modifiers)
        self._modifier = lexicon.modifier
        labels = lexicon.labeler
        # word -> (polarity, subjectivity, intensity, modifies the next word, label): the entry
        # without a part of speech, as TextBlob reads it for plain text
        self._words: dict[str, tuple[float, float, float, bool, str | None]] = {}
        for word, senses in dict.items(lexicon):
            if None in senses:
                p, s, i = senses[None]
                modifies = any(m in senses for m in self._modifiers)
                self._words[word] = (p, s, i, modifies, labels.get(word))
        # the first (in TextBlob's order) emoticon each lower-cased form stands for
        self._emoticons: dict[str, float] = {}
        for (_kind, polarity), forms in text.EMOTICONS.items():
            for form in forms:
                self._emoticons.setdefault(form.lower(), polarity)
        self._punctuation_string = text.PUNCTUATION
        self._replace = tuple(text.replacements.items())
        self._replace_keys = frozenset(text.replacements)
        self._leading = frozenset(text.PUNCTUATION.replace(".", ""))
        self._trailing = self._leading | {"."}
        self._abbreviations = text.ABBREVIATIONS
        self._abbreviation_res = (text.RE_ABBR1, text.RE_ABBR2, text.RE_ABBR3)
        self._linebreak = re.compile(r"\n{2,}")
        self._joins = _joining_pairs(text)

    # --- tokens -------------------------------------------------------------------------------

    def words(self, sentence: str) -> list[str]:
        """The lower-cased words TextBlob scores for ``sentence``.

        The tokens are joined by single spaces, checked for a joining pair and lower-cased in
        one piece: no token holds a space, and a space ends any context that lower-casing reads
        (the Greek final sigma), so each word is lower-cased as on its own.
        """
        joined = " ".join(self.tokens(sentence))
        if self._joins.search(joined):
            joined = " ".join(self._tokenizer(sentence))
        return joined.lower().split()

    def tokens(self, string: str) -> list[str]:
        """TextBlob's tokens before its emoticon and sarcasm substitutions (which change them
        only where :func:`_joining_pairs` finds a pair in the tokens joined by spaces)."""
        if "'" in string:
            for old, new in self._replace:
                string = string.replace(old, new)
        string = (string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
                  .replace("'", " ' ").replace('"', ' " '))
        if "\n" in string:
            string = string.replace("\r\n", "\n")
            string = self._linebreak.sub(f" {_EOS} ", string)
        leading, trailing = self._leading, self._trailing
        tokens: list[str] = []
        for token in string.split():
            if token[0] in leading or token[-1] in trailing:
                self._split(token, tokens)
            else:
                tokens.append(token)
        if _EOS in tokens:
            tokens = [t for t in tokens if t != _EOS]
        return tokens

    def _split(self, token: str, out: list[str]) -> None:
        """Punctuation split off the front and back of one token, by TextBlob's rules."""
        leading, trailing = self._leading, self._trailing
        if len(token) > 2 and token[0] not in leading and token[-2] not in trailing:
            # the common case, one mark after a word ("said," "later."): a comma or the like
            # always comes off; a period unless the word is an abbreviation
            if token[-1] in leading or not self._abbreviation(token):
                out.extend((token[:-1], token[-1]))
            else:
                out.append(token)
            return
        keep = self._replace_keys
        while token and token[0] in self._leading and token not in keep:
            out.append(token[0])
            token = token[1:]
        tail: list[str] = []
        while token and token[-1] in self._trailing and token not in keep:
            if token[-1] in self._leading:
                tail.append(token[-1])
                token = token[:-1]
            if token.endswith("..."):
                tail.append("...")
                token = token[:-3].rstrip(".")
            if token.endswith("."):
                if self._abbreviation(token):
                    break
                tail.append(".")
                token = token[:-1]
        if token:
            out.append(token)
        out.extend(reversed(tail))

    def _abbreviation(self, token: str) -> bool:
        """Whether TextBlob keeps the final period of ``token`` (an abbreviation or initials)."""
        return token in self._abbreviations or any(r.match(token) for r in self._abbreviation_res)

    # --- scores -------------------------------------------------------------------------------

    def __call__(self, sentence: str) -> Any:
        assessed = self.assess(self.words(sentence))
        return self._text.Score(polarity=_mean([a[1] for a in assessed]), subjectivity=_mean([a[2] for a in assessed]),
                                assessments=assessed)

    def assess(self, words: list[str]) -> list[tuple[list[str], float, float, str | None]]:
        """``Sentiment.assessments`` for plain text: (phrase, polarity, subjectivity, label)."""
        known, negations = self._words, self._negations
        found: list[list[Any]] = []  # [words, polarity, subjectivity, intensity, negated, label]
        modifier: str | None = None  # a preceding word that may strengthen the next ("very good")
        negation: str | None = None  # a preceding negation ("not good")
        for w in words:
            entry = known.get(w)
            if entry is not None:
                p, s, i, modifies, label = entry
                if modifier is None:
                    found.append([[w], p, s, i, False, label])
                else:
                    last = found[-1]
                    last[0].append(w)
                    last[1] = max(-1.0, min(p * last[3], +1.0))
                    last[2] = max(-1.0, min(s * last[3], +1.0))
                    last[3] = i
                    last[5] = label
                if negation is not None:
                    last = found[-1]
                    last[0].insert(0, negation)
                    last[3] = 1.0 / last[3]
                    last[4] = True
                modifier = w if modifies else None
                negation = w if w in negations else None
                continue
            if modifier is None and negation is None and w.isalpha():  # most words: nothing below applies
                if w in negations:
                    negation = w
                continue
            if w in negations:
                negation = w
            elif negation and len(w.strip("'")) > 1:
                negation = None
            if negation is not None and modifier is not None and self._modifier(modifier):
                found[-1][0].append(negation)
                found[-1][4] = True
                negation = None
            elif modifier and len(w) > 2:
                modifier = None
            if w == "!" and found:
                found[-1][0].append("!")
                found[-1][1] = max(-1.0, min(found[-1][1] * 1.25, +1.0))
            if w == "(!)":
                found.append([[w], 0.0, 1.0, 1.0, False, self._text.IRONY])
            if not w.isalpha() and len(w) <= 5 and w not in self._punctuation_string:
                polarity = self._emoticons.get(w)
                if polarity is not None:
                    found.append([[w], polarity, 1.0, 1.0, False, self._text.MOOD])
        return [(w, p * -0.5 if negated else p, s, label) for w, p, s, _i, negated, label in found]


def _mean(values: list[float]) -> float:
    """TextBlob's average: a running sum from 0, in order, over the count (or 1)."""
    total = 0.0
    for value in values:
        total += value
    return total / float(len(values) or 1)


def _joining_pairs(text: ModuleType) -> re.Pattern[str]:
    """Finds, in tokens joined by single spaces, two neighbouring tokens that meet on a pair of
    characters standing side by side in an emoticon or in ``(!)``: the only places where
    TextBlob's emoticon and sarcasm patterns (which allow one space between any two of their
    characters) can match across a space."""
    forms = [form for group in text.EMOTICONS.values() for form in group] + ["(!)"]
    after: dict[str, set[str]] = {}
    for form in forms:
        for a, b in zip(form, form[1:]):
            after.setdefault(a, set()).add(b)
    return re.compile("|".join(f"{re.escape(a)} [{''.join(re.escape(b) for b in sorted(bs))}]"
                               for a, bs in sorted(after.items())))
