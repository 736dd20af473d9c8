"""How much each word, phrase and signal of a sentence pushed its score for one cue.

A linear model's decision value is a sum, so it splits exactly into parts: each n-gram's
coefficient times its tf-idf value, each signal's coefficient times its standardised value, plus
the intercept. Trigger spans add the parts up per word; explanations sort them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from webapp.classifier.features import SentenceFeatures, label_shape_words
from webapp.classifier.model import CueModel, TermBlock
from webapp.classifier.signals import LEXICON_SIGNAL, RULE_LEXICON, SIGNAL_INDEX, SIGNAL_NAMES

_LEXICON_BY_SIGNAL = {index: name for name, index in LEXICON_SIGNAL.items()}


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
    tokens, n = feats.words.tokens, len(feats.words.tokens)
    per_word = np.zeros(n)
    found: list[Part] = []
    columns = model.word_columns(tokens)
    if columns:
        cols = np.array([c for c, _ in columns], dtype=np.int64)
        positions = np.array([p for _, p in columns], dtype=np.int64)
        shares = _shares(model.words, cols, k)
        single = positions < n
        per_word += np.bincount(positions[single], shares[single], minlength=n)
        found += [
            Part("pair", f"{tokens[p - n]} {tokens[p - n + 1]}", float(w), int(p - n), int(p - n + 2))
            for p, w in zip(positions[~single], shares[~single])
        ]
    char_cols = [model.char_columns(t) for t in tokens]
    lengths = [len(c) for c in char_cols]
    if sum(lengths):
        owners = np.repeat(np.arange(n), lengths)
        per_word += np.bincount(owners, _shares(model.chars, np.concatenate(char_cols), k), minlength=n)
    found += [Part("word", tokens[i], float(w), i, i + 1) for i, w in enumerate(per_word) if w]
    return found


def _shares(block: TermBlock, columns: np.ndarray, k: int) -> np.ndarray:
    """Each occurrence's share of its term's contribution (coefficient x tf-idf / occurrences)."""
    unique, inverse, counts = np.unique(columns, return_inverse=True, return_counts=True)
    values = (1.0 + np.log(counts)) * block.idf[unique]
    values /= np.sqrt((values * values).sum())
    return (block.weights[unique, k] * values / counts)[inverse]


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


def word_scores(model: CueModel, feats: SentenceFeatures, k: int) -> np.ndarray:
    """Per word: its own terms, half of each two-word term and its lexicon hits' share."""
    scores = np.zeros(len(feats.words.tokens))
    for part in parts(model, feats, k):
        if part.first < 0:
            continue
        if part.kind == "lexicon":
            # the share above "no hit": a word is credited with what its presence adds
            index = SIGNAL_NAMES.index(part.signal)
            hits = sum(1 for m in feats.matches if f"lex:{m.lexicon}" == part.signal)
            added = model.signal_weights[index, k] * part.value / model.signal_scale[index] / hits
            scores[part.first : part.last] += added / (part.last - part.first)
        else:
            scores[part.first : part.last] += part.weight / (part.last - part.first)
    _credit_rule(model, feats, k, scores)
    _credit_label_shape(model, feats, k, scores)
    return scores


def _credit_label_shape(model: CueModel, feats: SentenceFeatures, k: int, scores: np.ndarray) -> None:
    """Give the group-label shape signal's support to the label and its noun, as _credit_rule
    does for the word-list rule: the signal belongs to those two words, not to the sentence."""
    index = SIGNAL_INDEX["label_shape"]
    weight = model.signal_weights[index, k]
    if weight <= 0 or feats.signals[index] <= 0:
        return
    where = label_shape_words(feats.words.tokens)
    if where is not None:
        added = weight / model.signal_scale[index]  # what its presence adds over its absence
        scores[where[0] : where[1]] += added / (where[1] - where[0])


def _credit_rule(model: CueModel, feats: SentenceFeatures, k: int, scores: np.ndarray) -> None:
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
        scores[m.first : m.last] += added / (m.last - m.first)
