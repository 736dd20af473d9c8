"""Sentence-level signals: the dense features, each with words a student can read.

Signals are what carries over to writers the corpus has never seen: TextBlob's subjectivity and
polarity, counts of lexicon words, punctuation and quotation patterns, and attribution patterns
from the sourcing analysis. Every signal has a phrase for when it is high (or present) and one
for when it is low (or absent), because an explanation may cite either.
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.classifier.lexicons import LEXICONS
from webapp.classifier.registry import RegistryError, registry


@dataclass(frozen=True)
class Signal:
    name: str
    high: str  # the sentence has it / has a lot of it; may use {value}
    low: str  # the sentence lacks it / has little of it


_LEXICON_SIGNALS = tuple(
    Signal(f"lex:{lex.name}", f"{{value:g}} × {lex.described}", f"no words from FrameLab's {lex.name} list")
    for lex in LEXICONS
)

# The lexicon-rule baseline's decision for each cue, as a feature of that cue's model (stacking):
# the rules are general English word lists, and with their verdict as a feature the model has
# to learn only where to disagree with them.
RULE_CUES = tuple(spec.id for spec in registry())
# cue -> the word list whose hit (in the writer's own words) fires its rule (corpus/cues.yaml)
RULE_LEXICON = {spec.id: spec.rule_lexicon for spec in registry() if spec.rule_lexicon}
RULE_SIGNALS = tuple(
    Signal(
        f"rule:{cue}",
        f"FrameLab's word-list rule for {cue.replace('-', ' ')} firing",
        f"FrameLab's word-list rule for {cue.replace('-', ' ')} not firing",
    )
    for cue in RULE_CUES
)

SIGNALS: tuple[Signal, ...] = (
    Signal(
        "subjectivity",
        "a subjective tone (TextBlob subjectivity {value:.2f})",
        "a matter-of-fact tone (TextBlob subjectivity {value:.2f})",
    ),
    Signal(
        "polarity",
        "a positive tone (TextBlob polarity {value:+.2f})",
        "a negative tone (TextBlob polarity {value:+.2f})",
    ),
    Signal(
        "strength",
        "strong feeling either way (TextBlob |polarity| {value:.2f})",
        "little feeling either way (TextBlob |polarity| {value:.2f})",
    ),
    Signal(
        "subjective_words", "{value:g} words TextBlob rates as opinion", "no words TextBlob rates as opinion"
    ),
    *_LEXICON_SIGNALS,
    Signal(
        "speech_charged",
        "charged words inside someone's quoted speech",
        "no charged words inside quoted speech",
    ),
    Signal("ends_question", "a question mark at the end of the sentence", "no question mark at the end"),
    Signal("short_question", "a question mark at the end of a short sentence", "not being a short question"),
    Signal(
        "others_question",
        "a question someone else asks (inside quotation marks, or reported after 'asked:')",
        "no question asked by someone else",
    ),
    Signal("inner_question", "a question inside the sentence", "no question inside the sentence"),
    Signal("exclamation", "an exclamation mark", "no exclamation mark"),
    Signal("heading", "being a headline or heading", "being ordinary body text"),
    Signal("long", "a long sentence ({value:g} words)", "a short sentence ({value:g} words)"),
    Signal("numbers", "{value:g} numbers (facts and figures)", "no numbers"),
    Signal("names", "many capitalised names", "few capitalised names"),
    Signal("colon_dash", "a colon or dash", "no colon or dash"),
    Signal("so_called", "the word 'so-called'", "no 'so-called'"),
    Signal("short_quote", "a short phrase in quotation marks", "no short quoted phrase"),
    Signal(
        "unattributed_quote",
        "a short phrase in quotation marks with no speaker",
        "no quoted phrase without a speaker",
    ),
    Signal(
        "quote_share",
        "much of the sentence inside quotation marks",
        "little of the sentence inside quotation marks",
    ),
    Signal("direct_speech", "a direct quotation credited to a speaker", "no credited direct quotation"),
    Signal("named_source", "a named source", "no named source in the sentence"),
    Signal(
        "anonymous_source",
        "a source with no name (the sourcing analysis found one)",
        "no unnamed source in the sentence",
    ),
    Signal("mostly_quoted", "being mostly someone's quoted words", "being mostly the writer's own words"),
    Signal(
        "judged_people",
        "a judging word right before a word for people ('reckless officials')",
        "no judging word in front of a word for people",
    ),
    Signal(
        "minimiser",
        "a word that shrinks a number or amount ('just a handful', 'only 12')",
        "no word shrinking a number or amount",
    ),
    Signal(
        "label_shape",
        "a coined group label ('anti-growth campaigners', 'the stadium crowd')",
        "no coined group label",
    ),
    *RULE_SIGNALS,
)

SIGNAL_NAMES: tuple[str, ...] = tuple(s.name for s in SIGNALS)
# Signals measured on a scale; every other signal is a presence or a count, and its absence is
# part of the model's baseline rather than a reason worth showing a student.
SCALE_SIGNALS = frozenset(("subjectivity", "polarity", "strength", "long", "names", "quote_share"))
SIGNAL_INDEX: dict[str, int] = {name: i for i, name in enumerate(SIGNAL_NAMES)}
LEXICON_SIGNAL = {lex.name: SIGNAL_INDEX[f"lex:{lex.name}"] for lex in LEXICONS}
LEXICON_CAP = 3  # more than three hits in one sentence adds nothing new


def describe(signal: Signal, value: float, high: bool) -> str:
    """The signal in words, for its value in this sentence."""
    return (signal.high if high else signal.low).format(value=value)


# The signals each cue's model may use. Every cue sees the general ones; a cue's own lexicons and
# patterns are kept away from the other cues, so that e.g. the dismissive-framing model cannot
# learn "charged words mean dismissive" just because both are common in opinion pieces.
#
# TextBlob's tone goes only to the two cues it describes (charged wording and the writer's
# opinion): given to every cue, it taught them all that "opinion piece" means "this cue", and
# leave-one-story-out macro-F1 dropped by about 0.02.
TONE_FOR = ("subjectivity", "polarity", "strength", "subjective_words")
GENERAL_SIGNALS = frozenset(
    ("long", "numbers", "names", "heading", "direct_speech", "quote_share", "speech_charged", "mostly_quoted")
)
# Each cue's own signals are its entry in corpus/cues.yaml (webapp.classifier.registry).
CUE_SIGNALS: dict[str, frozenset[str]] = {
    spec.id: frozenset((*TONE_FOR, *spec.signals) if spec.tone else spec.signals) for spec in registry()
}
_UNKNOWN = {cue: sorted(names - set(SIGNAL_NAMES)) for cue, names in CUE_SIGNALS.items() if names - set(SIGNAL_NAMES)}
if _UNKNOWN or set(RULE_LEXICON.values()) - set(LEXICON_SIGNAL):
    raise RegistryError(f"corpus/cues.yaml names signals or word lists that do not exist: {_UNKNOWN}, "
                        f"{sorted(set(RULE_LEXICON.values()) - set(LEXICON_SIGNAL))}")


def signal_mask(cue: str) -> list[float]:
    """1.0 for each signal the cue's model may use, 0.0 for the others (all, for an unknown cue)."""
    allowed = CUE_SIGNALS.get(cue)
    if allowed is None:
        return [1.0] * len(SIGNAL_NAMES)
    own_rule = f"rule:{cue}"
    return [
        float(name == own_rule or (not name.startswith("rule:") and (name in allowed or name in GENERAL_SIGNALS)))
        for name in SIGNAL_NAMES
    ]
