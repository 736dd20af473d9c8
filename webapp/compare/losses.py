"""What a copy dropped from the sentence it copied: quotation marks and attributions.

A quotation that keeps its words but loses its marks turns someone's words into the outlet's
own voice; an attribution that disappears hides who said it. Both are what a reader of a
reworded copy cannot see, so the comparison names them.
"""

from __future__ import annotations

import re

from webapp.compare.texts import Sentence

QUOTED = re.compile(r"[“\"«„]([^”\"»“]+)[”\"»]")
WORD = re.compile(r"[\w’']+")


def normalise(text: str) -> str:
    """Lower case, words only: how quotes and sentences are compared whatever their punctuation."""
    return " ".join(WORD.findall(text.lower().replace("’", "'")))


def quoted_fragments(sentence: Sentence) -> list[str]:
    """The words the sentence puts inside double quotation marks."""
    return [m.group(1).strip() for m in QUOTED.finditer(sentence.text) if normalise(m.group(1))]


def lost_quote_marks(source: Sentence, copy: Sentence) -> list[str]:
    """Fragments quoted in ``source`` that ``copy`` does not quote (words kept or not)."""
    kept = [normalise(f) for f in quoted_fragments(copy)]
    lost = []
    for fragment in quoted_fragments(source):
        words = normalise(fragment)
        if not any(words in k or k in words for k in kept if k):
            lost.append(fragment)
    return lost


def _speaker_word(name: str) -> str:
    words = normalise(name).split()
    return words[-1] if words else ""


def lost_attributions(source: Sentence, copy: Sentence) -> list[str]:
    """Attributions of ``source`` whose speaker the copy's sentence no longer names ("Biden (said)")."""
    copy_words = set(normalise(copy.text).split())
    copy_speakers = {_speaker_word(a.speaker) for a in copy.attributions} | {
        _speaker_word(a.name) for a in copy.attributions}
    lost = []
    for attribution in source.attributions:
        words = {_speaker_word(attribution.speaker), _speaker_word(attribution.name)} - {""}
        if words and not (words & copy_words or words & copy_speakers):
            label = attribution.name or attribution.speaker
            lost.append(f"{label} ({attribution.verb})" if attribution.verb else label)
    return list(dict.fromkeys(lost))
