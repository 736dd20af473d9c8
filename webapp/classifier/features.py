"""Per-sentence features: word and character n-gram terms plus the dense signals.

Everything here depends only on the text, never on training data, so an article's features are
computed once and reused by every fold of the cross-validation. The n-gram *terms* are strings;
the model (or scikit-learn during training) turns them into tf-idf values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from webapp.analysis import segment
from webapp.analysis.sourcing import Sourcing, analyze_sourcing
from webapp.analysis.spans import Span
from webapp.analysis.tone import SentenceTone, sentence_tone
from webapp.analysis.words import SentenceWords, article_words, sentence_words
from webapp.classifier.lexicons import PEOPLE
from webapp.classifier.matching import LexiconMatcher, Match
from webapp.classifier.signals import LEXICON_CAP, LEXICON_SIGNAL, RULE_LEXICON, SIGNAL_INDEX, SIGNAL_NAMES
from webapp.classifier.sourcing_context import SentenceSourcing, sourcing_contexts

CHAR_RANGE = (4, 4)
_MATCHER = LexiconMatcher()
_CHARGED = frozenset(("loaded", "judgment", "labels", "dismissive"))
_JUDGING = frozenset(("loaded", "judgment", "labels", "negative", "positive"))
# Words that make an amount look small ("just 40 people", "a mere handful"): dismissive framing
# often minimises a number rather than calling anything trivial outright.
_MINIMISERS = frozenset(("just", "only", "mere", "merely", "barely", "scarcely", "hardly", "tiny", "paltry"))
_SMALL_AMOUNTS = frozenset(
    ("a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen")
    + ("handful", "few", "fraction", "sliver")
)
# Labeling by word shape, for labels no list can hold: a coined compound ("anti-growth",
# "tax-and-spend") or an -ist/-ite word ("alarmist", "loyalist") naming people or a group, or a
# collective noun that lumps people together ("the pro-stadium crowd", "the cycling lobby").
# Kept as first written: some of these nouns are often literal ("the parking lot", "the refugee
# camp"), but a version without five of them scored lower, on a few sentences (see the card).
_COLLECTIVES = frozenset(
    ("crowd", "crowds", "brigade", "brigades", "lobby", "camp", "set", "types", "mob", "gang", "squad")
    + ("faction", "factions", "wing", "clique", "cabal", "contingent", "army", "bunch", "lot", "ilk")
)
_LABEL_SUFFIXES = ("ist", "ists", "ite", "ites", "nik", "niks")
_LABEL_PREFIXES = ("anti-", "pro-", "hard-", "far-", "ultra-", "self-", "arch-", "neo-", "so-")
# A question the article reports rather than asks: "asked the obvious question: who pays?"
_REPORTED_QUESTION = re.compile(
    r"\b(?:asked|asks|wondered|wonders|wanted to know|demanded)\b[^:?]{0,80}:[^:]*\?", re.IGNORECASE
)
_TERMINAL = tuple(".!?…\"”’')")
_TRAILING_MARKS = "\"”’'»)] "


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """What the classifier knows about one sentence."""

    words: SentenceWords
    signals: tuple[float, ...]
    matches: tuple[Match, ...]  # lexicon hits in the writer's own words (counted in signals)
    context: SentenceSourcing
    question: bool  # ends with a question mark

    @property
    def span(self) -> Span:
        return self.words.sentence


# Function words never stand alone as features: how often a writer uses "the" or "of" says
# more about the writer than about framing. They still count inside two-word terms ("is it").
FUNCTION_WORDS = frozenset(
    (
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "by", "with", "as", "and",
        "or", "but", "nor", "that", "this", "these", "those", "it", "its", "is", "are", "was",
        "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "he", "she",
        "him", "his", "her", "they", "them", "their", "there", "here", "than", "then", "into",
        "onto", "over", "under", "after", "before", "about", "up", "down", "out", "off", "s", "'s"
    )
)


def word_terms(tokens: Sequence[str]) -> list[str]:
    """Unigrams (one per word, "" for a function word) followed by bigrams (words i and i+1)."""
    unigrams = ["" if t in FUNCTION_WORDS else t for t in tokens]
    return unigrams + [f"{a} {b}" for a, b in pairwise(tokens)]


@lru_cache(maxsize=65536)
def char_grams(token: str) -> tuple[str, ...]:
    """Character n-grams of one word, padded with < and > so prefixes and suffixes stand out."""
    padded = f"<{token}>"
    lo, hi = CHAR_RANGE
    return tuple(padded[i : i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1))


def extract(
    text: str,
    sentences: Sequence[Span],
    sourcing: Sourcing | None = None,
    tone: Sequence[SentenceTone] | None = None,
    words: Sequence[SentenceWords] | None = None,
) -> list[SentenceFeatures]:
    """Features of every sentence of ``text``.

    ``sourcing`` (the article's sourcing analysis), ``tone`` (one :class:`SentenceTone` per
    sentence, as :func:`webapp.analysis.tone.article_tone` computes them) and ``words`` (one
    :class:`SentenceWords` per sentence, as :func:`article_words`) are computed here unless
    given; the analysis pipeline passes its own so nothing is computed twice.
    """
    if sourcing is None:
        sourcing = analyze_sourcing(text, segment.paragraphs(text), list(sentences))
    if tone is None:
        tone = [sentence_tone(text, span) for span in sentences]
    elif len(tone) != len(sentences):
        raise ValueError(f"{len(tone)} sentence tones for {len(sentences)} sentences")
    if words is None:
        words = article_words(text, sentences)
    elif len(words) != len(sentences):
        raise ValueError(f"{len(words)} word lists for {len(sentences)} sentences")
    contexts = sourcing_contexts(text, sentences, sourcing)
    return [_sentence(text, w, ctx, t) for w, ctx, t in zip(words, contexts, tone)]


def extract_reference(
    text: str,
    sentences: Sequence[Span],
    sourcing: Sourcing | None = None,
    tone: Sequence[SentenceTone] | None = None,
) -> list[SentenceFeatures]:
    """The plain per-sentence version of :func:`extract` (tests check both agree exactly)."""
    if sourcing is None:
        sourcing = analyze_sourcing(text, segment.paragraphs(text), list(sentences))
    if tone is None:
        tone = [sentence_tone(text, span) for span in sentences]
    contexts = sourcing_contexts(text, sentences, sourcing)
    return [
        _sentence(text, sentence_words(text, span), ctx, t) for span, ctx, t in zip(sentences, contexts, tone)
    ]


def _sentence(text: str, words: SentenceWords, ctx: SentenceSourcing, tone: SentenceTone) -> SentenceFeatures:
    span = words.sentence
    piece = span.text(text)
    stripped = piece.rstrip(_TRAILING_MARKS)
    question = stripped.endswith("?")
    matches = _MATCHER.match(words.tokens)
    spoken = [bool(ctx.speech) and ctx.in_speech(words.span(m.first)) for m in matches]
    own = [m for m, said in zip(matches, spoken) if not said]
    charged_speech = sum(1 for m, said in zip(matches, spoken) if said and m.lexicon in _CHARGED)
    values = [0.0] * len(SIGNAL_NAMES)
    _tone(values, tone)
    for m in own:
        values[LEXICON_SIGNAL[m.lexicon]] = min(LEXICON_CAP, values[LEXICON_SIGNAL[m.lexicon]] + 1)
    _shape(values, text, span, words, question, piece)
    _sourcing(values, ctx, len(span))
    if question and (ctx.quoted_question or _REPORTED_QUESTION.search(piece)):
        # someone else's question: the writer reports it and does not ask it for effect
        values[SIGNAL_INDEX["others_question"]] = 1.0
        values[SIGNAL_INDEX["ends_question"]] = values[SIGNAL_INDEX["short_question"]] = 0.0
    values[SIGNAL_INDEX["speech_charged"]] = min(LEXICON_CAP, charged_speech)
    _cue_shapes(values, words.tokens, own)
    _rules(values, own, ctx, question)
    return SentenceFeatures(words, tuple(values), tuple(own), ctx, question)


def _tone(values: list[float], tone: SentenceTone) -> None:
    """TextBlob's sentence tone, exactly as the tone analysis reports it to students."""
    values[SIGNAL_INDEX["subjectivity"]] = tone.subjectivity
    values[SIGNAL_INDEX["polarity"]] = tone.polarity
    values[SIGNAL_INDEX["strength"]] = abs(tone.polarity)
    values[SIGNAL_INDEX["subjective_words"]] = min(5, sum(1 for a in tone.assessments if a.subjectivity >= 0.5))


def _cue_shapes(values: list[float], tokens: Sequence[str], own: Sequence[Match]) -> None:
    """Word patterns the cue definitions describe, independent of any one writer's vocabulary."""
    # one per list hit, like the lexicon signals: a word on two lists ("reckless": a judging word
    # that VADER's raters also found strongly negative) is stronger evidence and counts twice
    judged = [
        m.first for m in own if m.lexicon in _JUDGING and any(t in PEOPLE for t in tokens[m.last : m.last + 2])
    ]
    values[SIGNAL_INDEX["judged_people"]] = min(LEXICON_CAP, len(judged))
    values[SIGNAL_INDEX["label_shape"]] = float(label_shape_words(tokens) is not None)
    if _MINIMISERS.isdisjoint(tokens):  # most sentences: skip the word-by-word scan
        return
    values[SIGNAL_INDEX["minimiser"]] = float(
        any(
            t in _MINIMISERS and any("0" in u or u in _SMALL_AMOUNTS for u in tokens[i + 1 : i + 3])
            for i, t in enumerate(tokens)
        )
    )


def label_shape_words(tokens: Sequence[str]) -> tuple[int, int] | None:
    """(first, last exclusive) of the first coined group label by its shape (see _COLLECTIVES):
    the label and the noun it names, so a trigger span can point at them."""
    for i in range(1, len(tokens)):
        t, before = tokens[i], tokens[i - 1]
        if t in _COLLECTIVES and before not in FUNCTION_WORDS and i >= 2 and tokens[i - 2] == "the":
            return i - 1, i + 1
        if t in PEOPLE or t in _COLLECTIVES:
            if ("-" in before and before.startswith(_LABEL_PREFIXES)) or before.count("-") >= 2:
                return i - 1, i + 1
            if before.endswith(_LABEL_SUFFIXES) and len(before) > 6:
                return i - 1, i + 1
    return None


def _rules(values: list[float], own: Sequence[Match], ctx: SentenceSourcing, question: bool) -> None:
    """The lexicon-rule baseline's verdicts (webapp.classifier.baselines), one per cue."""
    found = {m.lexicon for m in own}
    for cue, lexicon in RULE_LEXICON.items():
        values[SIGNAL_INDEX[f"rule:{cue}"]] = float(lexicon in found)
    values[SIGNAL_INDEX["rule:scare-quotes"]] = float(bool(ctx.scare_quotes))
    values[SIGNAL_INDEX["rule:rhetorical-question"]] = float(question)
    values[SIGNAL_INDEX["rule:anonymous-sourcing"]] = float("anonymous" in found and "reporting" in found)


def _shape(
    values: list[float], text: str, span: Span, words: SentenceWords, question: bool, piece: str
) -> None:
    """Punctuation, length, numbers and names: how the sentence is built, not what it says."""
    n = len(words.tokens)
    values[SIGNAL_INDEX["ends_question"]] = float(question)
    values[SIGNAL_INDEX["short_question"]] = float(question and n <= 12)
    values[SIGNAL_INDEX["inner_question"]] = float("?" in piece.rstrip(_TRAILING_MARKS + "?"))
    values[SIGNAL_INDEX["exclamation"]] = float("!" in piece)
    values[SIGNAL_INDEX["heading"]] = float(_is_heading(text, span, piece))
    values[SIGNAL_INDEX["long"]] = math.log1p(n)
    values[SIGNAL_INDEX["numbers"]] = min(3, sum(1 for t in words.tokens if "0" in t))
    capitals = sum(1 for start in words.starts[1:] if text[start].isupper())
    values[SIGNAL_INDEX["names"]] = capitals / max(1, n - 1)
    values[SIGNAL_INDEX["colon_dash"]] = float(any(c in piece for c in ":—–"))
    values[SIGNAL_INDEX["so_called"]] = float("so-called" in words.tokens)


def _is_heading(text: str, span: Span, piece: str) -> bool:
    """A whole line without final punctuation: a headline or subheading."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    return line == piece and not piece.endswith(_TERMINAL)


def _sourcing(values: list[float], ctx: SentenceSourcing, length: int) -> None:
    values[SIGNAL_INDEX["short_quote"]] = float(bool(ctx.short_quotes))
    values[SIGNAL_INDEX["unattributed_quote"]] = float(bool(ctx.scare_quotes))
    values[SIGNAL_INDEX["quote_share"]] = ctx.quoted_chars / max(1, length)
    values[SIGNAL_INDEX["direct_speech"]] = float(ctx.direct_speech)
    values[SIGNAL_INDEX["named_source"]] = float(ctx.named_source)
    values[SIGNAL_INDEX["anonymous_source"]] = float(ctx.anonymous is not None)
    values[SIGNAL_INDEX["mostly_quoted"]] = float(ctx.quoted_chars * 2 > length)
