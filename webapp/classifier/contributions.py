"""How much each word, phrase and signal of a sentence pushed its score for one cue.

A linear model's decision value is a sum, so it splits exactly into parts: each n-gram's
coefficient times its tf-idf value, each signal's coefficient times its standardised value, plus
the intercept. Trigger spans add the parts up per word; explanations sort them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from webapp.classifier.features import SentenceFeatures, label_shape_words
from webapp.classifier.model import CueModel, SentenceColumns, TermBlock
from webapp.classifier.signals import LEXICON_SIGNAL, RULE_LEXICON, SIGNAL_INDEX, SIGNAL_NAMES

_LEXICON_BY_SIGNAL = {index: name for name, index in LEXICON_SIGNAL.items()}
_LEXICON_ITEMS = sorted(_LEXICON_BY_SIGNAL.items())  # (signal index, lexicon), in the signals' order


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a decision value: words ``first``..``last`` (exclusive), or a whole-sentence signal."""

    kind: str  # "word" (the word and its character n-grams), "pair" (two-word term), "lexicon", "signal"
    label: str  # the words as written, a lexicon name, or a signal name
    weight: float
    first: int = -1
    last: int = -1
    signal: str = ""
    value: float = 0.0


def parts(model: CueModel, feats: SentenceFeatures, k: int) -> list[Part]:
    """Every non-zero part of the decision value of cue ``k`` for this sentence (without the intercept)."""
    return _word_parts(model, feats, k) + _signal_parts(model, feats, k)


def _word_parts(model: CueModel, feats: SentenceFeatures, k: int) -> list[Part]:
    """Each word's own unigram and character n-grams; each known two-word term on its own."""
    tokens = feats.words.tokens
    per_word, pairs = _word_weights(model, feats, k)
    found = [Part("pair", f"{tokens[first]} {tokens[first + 1]}", weight, first, first + 2)
             for first, weight in pairs]
    found += [Part("word", tokens[i], float(w), i, i + 1) for i, w in enumerate(per_word) if w]
    return found


@dataclass(frozen=True, slots=True)
class _Terms:
    """A block's known terms in one sentence: each distinct column, its tf-idf value, how often
    it occurs, and for each occurrence which distinct column it is. The same for every cue."""

    unique: np.ndarray
    inverse: np.ndarray
    counts: np.ndarray
    values: np.ndarray

    def shares(self, block: TermBlock, k: int) -> np.ndarray:
        """Each occurrence's share of its term's contribution to cue ``k``."""
        return (block.weights[self.unique, k] * self.values / self.counts)[self.inverse]


@dataclass(frozen=True, slots=True)
class SentenceTerms:
    """One sentence's known terms as arrays, the same for every cue it is flagged for."""

    n: int
    positions: np.ndarray  # word term positions (< n: unigrams, else bigrams)
    words: _Terms | None
    owners: np.ndarray  # the word each character n-gram belongs to
    chars: _Terms | None


# The last sentence's (features, model, terms): a sentence flagged for several cues is worked
# out once. One tuple, read and replaced whole, so threads never mix two sentences.
_LAST: list[tuple[SentenceFeatures, CueModel, SentenceTerms] | None] = [None]


def _sentence_terms(model: CueModel, feats: SentenceFeatures, columns: SentenceColumns | None = None) -> SentenceTerms:
    last = _LAST[0]
    if last is not None and last[0] is feats and last[1] is model:
        return last[2]
    found = sentences_terms(model, [feats], [columns if columns is not None else model.columns(feats)])[0]
    _LAST[0] = (feats, model, found)
    return found


def sentences_terms(
    model: CueModel, features: Sequence[SentenceFeatures], columns: Sequence[SentenceColumns]
) -> list[SentenceTerms]:
    """The terms of several sentences (an article's flagged ones) at once: one ``np.unique``
    per block for all of them instead of one per sentence, whose fixed cost was most of the
    trigger spans' time. Each sentence gets slices of the shared arrays, normalised on their
    own, so its values are those of the sentence alone, to the last bit."""
    lengths = [len(feats.words.tokens) for feats in features]
    word_lists = [known.words for known in columns]
    words = _block_terms(model.words, [[c for c, _ in found] for found in word_lists])
    chars = _block_terms(model.chars, [[c for grams in known.chars for c in grams] for known in columns])
    found = []
    for n, pairs, known, word_terms, char_terms in zip(lengths, word_lists, columns, words, chars):
        positions = np.array([p for _, p in pairs], dtype=np.int64) if pairs else np.empty(0, dtype=np.int64)
        owners = np.empty(0, dtype=np.int64)
        if char_terms is not None:
            owners = np.repeat(np.arange(n), [len(c) for c in known.chars])
        found.append(SentenceTerms(n, positions, word_terms, owners, char_terms))
    return found


def _block_terms(block: TermBlock, per_sentence: list[list[int]]) -> list[_Terms | None]:
    """Each sentence's :class:`_Terms` (None where it has no known term), in one pass: the
    distinct columns, how often each occurs and its l2-normalised sublinear tf-idf value."""
    size = len(block.terms)
    flat = [c for cols in per_sentence for c in cols]
    if not flat:
        return [None] * len(per_sentence)
    rows = np.repeat(np.arange(len(per_sentence), dtype=np.int64) * size, [len(cols) for cols in per_sentence])
    keys, inverse, counts = np.unique(rows + np.array(flat, dtype=np.int64), return_inverse=True, return_counts=True)
    unique = keys % size
    values = (1.0 + np.log(counts)) * block.idf[unique]
    # where each sentence's distinct terms start (keys sort by sentence first)
    bounds = np.searchsorted(keys // size, np.arange(len(per_sentence) + 1)).tolist()
    found: list[_Terms | None] = []
    start = 0
    for row, cols in enumerate(per_sentence):
        end = start + len(cols)
        if not cols:
            found.append(None)
            continue
        a, b = bounds[row], bounds[row + 1]
        part = values[a:b]
        part /= np.sqrt((part * part).sum())
        found.append(_Terms(unique[a:b], inverse[start:end] - a, counts[a:b], part))
        start = end
    return found


def _word_weights(
    model: CueModel,
    feats: SentenceFeatures,
    k: int,
    columns: SentenceColumns | None = None,
    terms: SentenceTerms | None = None,
) -> tuple[np.ndarray, list[tuple[int, float]]]:
    """Per word, its unigram's and character n-grams' share; and (first word, share) of each
    known two-word term, in the order of the sentence's terms (``terms``: if already found)."""
    if terms is None:
        terms = _sentence_terms(model, feats, columns)
    n = terms.n
    per_word = np.zeros(n)
    pairs: list[tuple[int, float]] = []
    if terms.words is not None:
        shares = terms.words.shares(model.words, k)
        single = terms.positions < n
        per_word += np.bincount(terms.positions[single], shares[single], minlength=n)
        pairs = [(int(p - n), float(w)) for p, w in zip(terms.positions[~single], shares[~single])]
    if terms.chars is not None:
        per_word += np.bincount(terms.owners, terms.chars.shares(model.chars, k), minlength=n)
    return per_word, pairs


def _signal_parts(model: CueModel, feats: SentenceFeatures, k: int) -> list[Part]:
    """Standardised signals times coefficients; lexicon signals are shared among their matches."""
    raw = np.asarray(feats.signals, dtype=np.float64)
    z = (raw - model.signal_mean) / model.signal_scale
    found: list[Part] = []
    for index, name in enumerate(SIGNAL_NAMES):
        weight = float(model.signal_weights[index, k] * z[index])
        lexicon = _LEXICON_BY_SIGNAL.get(index)
        matches = [m for m in feats.matches if m.lexicon == lexicon] if lexicon else []
        if matches:
            for m in matches:
                words = " ".join(feats.words.tokens[m.first : m.last])
                found.append(Part("lexicon", words, weight / len(matches), m.first, m.last, name, raw[index]))
        elif weight:
            found.append(Part("signal", name, weight, signal=name, value=float(raw[index])))
    return found


def word_scores(
    model: CueModel,
    feats: SentenceFeatures,
    k: int,
    columns: SentenceColumns | None = None,
    terms: SentenceTerms | None = None,
) -> np.ndarray:
    """Per word: its own terms, half of each two-word term and its lexicon hits' share.

    The sum of the word parts of :func:`parts`, added in the same order (so to the same last
    bit), without building a Part for each: every flagged cue of every sentence comes here. The
    sums run on Python floats (the same double-precision additions as numpy's, without the cost
    of a numpy call per word); ``columns`` and ``terms`` (:func:`sentences_terms`) are the
    sentence's known terms, if already found.
    """
    scores = [0.0] * len(feats.words.tokens)
    per_word, pairs = _word_weights(model, feats, k, columns, terms)
    for first, weight in pairs:
        half = weight / 2
        scores[first] += half
        scores[first + 1] += half
    for i, weight in enumerate(per_word.tolist()):
        if weight:
            scores[i] += weight
    if feats.matches:
        for index, lexicon in _LEXICON_ITEMS:
            matches = [m for m in feats.matches if m.lexicon == lexicon]
            if not matches:
                continue
            # the share above "no hit": a word is credited with what its presence adds
            added = model.signal_weights[index, k] * float(feats.signals[index]) / model.signal_scale[index]
            added = added / len(matches)
            for m in matches:
                _spread(scores, m.first, m.last, float(added / (m.last - m.first)))
    _credit_rule(model, feats, k, scores)
    _credit_label_shape(model, feats, k, scores)
    return np.array(scores, dtype=np.float64)


def _spread(scores: list[float], first: int, last: int, share: float) -> None:
    for i in range(first, last):
        scores[i] += share


def _credit_label_shape(model: CueModel, feats: SentenceFeatures, k: int, scores: list[float]) -> None:
    """Give the group-label shape signal's support to the label and its noun, as _credit_rule
    does for the word-list rule: the signal belongs to those two words, not to the sentence."""
    index = SIGNAL_INDEX["label_shape"]
    weight = model.signal_weights[index, k]
    if weight <= 0 or feats.signals[index] <= 0:
        return
    where = label_shape_words(feats.words.tokens)
    if where is not None:
        added = weight / model.signal_scale[index]  # what its presence adds over its absence
        _spread(scores, where[0], where[1], float(added / (where[1] - where[0])))


def _credit_rule(model: CueModel, feats: SentenceFeatures, k: int, scores: list[float]) -> None:
    """Give the stacked word-list rule's support to the words that fired it. Without this the
    rule's weight belongs to no word, and when it dominates a cue's score the trigger span would
    land on whichever neutral words carry a little n-gram weight."""
    lexicon = RULE_LEXICON.get(model.cues[k])
    index = SIGNAL_INDEX.get(f"rule:{model.cues[k]}")
    hits = [m for m in feats.matches if m.lexicon == lexicon] if lexicon else []
    if index is None or not hits or feats.signals[index] <= 0:
        return
    added = model.signal_weights[index, k] / model.signal_scale[index] / len(hits)
    for m in hits:
        _spread(scores, m.first, m.last, float(added / (m.last - m.first)))
