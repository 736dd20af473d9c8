"""Who is speaking: speaker phrases, the names they resolve to, and what kind of source they are.

A speaker phrase is read as news text writes it: a title and a name ("White House press secretary
Jen Psaki"), a name and an appositive ("Katherine Zimmerman, a fellow at ..."), a title and a name
in apposition ("the coalition commander, Maj. Gen. John W. Brennan Jr."), a possessive
("the Century Foundation’s Jiyad"), a description ("a senior U.S. official") or a document
("A White House readout"). Surnames, handles and titles resolve to the full name the article
gives elsewhere, through a :class:`webapp.analysis.names.NameIndex`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from webapp.analysis import sourcing_lexicon as lex
from webapp.analysis.names import COMMON, NameIndex, name_start, strip_determiner, trailing_run
from webapp.analysis.spans import Span

_RANK = {t: i for i, t in enumerate(lex.TYPE_PRIORITY)}
_CUT_RE = re.compile(r"\s(?:issued|released|published|obtained|seen|reviewed|posted|sent|dated|"
                     r"that|which|who|whose|on|during|in)\s")
_PREP_BEFORE_RE = re.compile(r"(?:^|\s)(?:of|at|with|for|from|in|by)(?:\s+the)?\s*$")
_PREP_RE = re.compile(r"\s(?:of|at|for|with|from|to|in|on|by|near|about)\s")
_ANON_START_RE = re.compile(r"^(?:a|an|some|several|many|two|three|four|other|one|senior)\s", re.IGNORECASE)


class Speaker(NamedTuple):
    """A resolved speaker: the phrase as written and what the article lets us know about it."""

    span: Span | None
    name: str | None  # the full name of a person or organisation; None when anonymous
    role: str | None
    named: bool
    source_type: str
    person: bool  # a person, so "he"/"she" may refer back to it
    key: str  # sources with the same key are one source
    label: str  # how the source is listed: the name, or the anonymous description


def source_type(*phrases: str | None, document: bool = False, verb: str | None = None) -> str:
    """The most specific type any role or affiliation word in ``phrases`` hits."""
    if document:
        return "document"
    best = "unknown"
    for word in lex.type_words(" | ".join(p for p in phrases if p)):
        kind = lex.TYPE_OF[word]
        if _RANK[kind] < _RANK[best]:
            best = kind
    if best == "unknown" and any(p and _countries(p) for p in phrases):
        return "government"
    return "social-media" if best == "unknown" and verb in lex.SOCIAL_VERBS else best


def _countries(phrase: str) -> bool:
    """ "Iraq", "the United States and Iraq": countries speak through their governments."""
    return all(strip_determiner(part.strip()).lower() in lex.COUNTRIES for part in phrase.split(" and "))


class Phrase(NamedTuple):
    """What a speaker phrase says: head words, name, title and whether it names a document."""

    name: str | None
    title: str | None
    owner: str | None
    core: str
    document: bool
    person: bool


def read_phrase(text: str, span: Span) -> Phrase:
    """Split a speaker phrase into name, title, possessive owner and head words."""
    phrase = span.text(text)
    cut = _CUT_RE.search(phrase) if phrase.count(" ") > 1 else None  # "a study released ..."
    core = phrase[: cut.start()] if cut else phrase
    owner = None
    possessive = max(core.rfind("’s "), core.rfind("'s "))
    if possessive >= 0:  # "the Century Foundation’s Jiyad"
        owner, core = core[:possessive], core[possessive + 3 :]
    core = core.strip().rstrip(",")
    name, title, person = _name_in(core)
    document = name is None and head_word(core) in lex.DOCUMENT_HEADS
    return Phrase(name, title, owner, core, document, person)


def _name_in(core: str) -> tuple[str | None, str | None, bool]:
    """(name, title before it, is a person) for the name run that ends the phrase."""
    run_start = trailing_run(core)
    if run_start is None:
        return None, None, False
    start = name_start(core[run_start:], run_start)
    if start is None:  # titles and organisation words only: "The ... Coordination Committee"
        return strip_determiner(core[run_start:]), None, False
    name = core[start:]
    if name.lower() in COMMON or (start == run_start > 0 and _PREP_BEFORE_RE.search(core[:run_start])):
        return None, None, False  # "the head of Harakat Hezbollah al-Nujaba": an affiliation
    title = strip_determiner(core[:start].strip().rstrip(",")) or None
    person = title is not None or len(name.split()) > 1 or name.startswith("@")
    if name.lower() in lex.COUNTRIES or strip_determiner(name).lower() in lex.COUNTRIES:
        joined = " and " in core and core.split(" and ")[0].strip()[-1:].isalpha()
        return (strip_determiner(core) if joined else name), title, False  # "the United States and Iraq"
    return name, title, person


def head_part(core: str) -> str:
    """The phrase up to its first prepositional phrase ("A White House readout" of "... of the meeting")."""
    cut = _PREP_RE.search(core)
    return core[: cut.start()] if cut else core


def head_word(core: str) -> str:
    """The head noun: the last word before any prepositional phrase ("readout" in "A ... readout of ...")."""
    words = head_part(core).split()
    return words[-1].lower() if words else ""


def is_anonymous(core: str) -> bool:
    """A description that does not identify its speaker ("officials", "a senior U.S. official")."""
    head = head_part(core).split()
    if not head or head[-1].lower() in lex.ANONYMOUS_HEADS or head[0].lower() in lex.ANONYMOUS_HEADS:
        return True  # "a senior U.S. official", "people familiar with ...", "Officials in Baghdad"
    if _ANON_START_RE.match(core) or any(p in core.lower() for p in lex.ANONYMITY_PHRASES):
        return True
    return core.split()[0].lower() not in ("the", "this") and not any(c.isupper() for c in core)


def _role_text(text: str, span: Span | None) -> str | None:
    """An appositive or affiliation as a role, unless it only adds circumstance or an age."""
    if span is None:
        return None
    role = span.text(text).strip().rstrip(".").strip()
    words = role.split()
    if not words or words[0].lower() in lex.NOT_A_ROLE_START or words[0].isdigit():
        return None
    # "a fellow at ...", "the Foreign Minister of Iraq"; not the clause after "According to X, ..."
    return role if words[0].lower() in ("a", "an") or lex.type_words(role) else None


def _label(core: str) -> str:
    first = core.split(None, 1)[0] if core else ""
    return core[0].lower() + core[1:] if first.lower() in COMMON else core


def make_speaker(text: str, names: NameIndex, phrase: Span, appos: Span | None = None,
                 verb: str | None = None) -> Speaker:
    """A :class:`Speaker` from the phrase before or after a reporting verb and its appositive.

    Articles name the same speaker again and again ("Austin", "officials"), so speakers are
    cached per text by the words of the phrase; only the span is the new occurrence's.
    """
    key = (phrase.text(text), appos.text(text) if appos else None, verb in lex.SOCIAL_VERBS)
    cached = names.speakers.get(key)
    if cached is None:
        speaker = _make_speaker(text, names, phrase, appos, verb)
        cached = names.speakers[key] = (speaker, speaker.span != phrase)
    speaker, with_appos = cached
    span = Span(phrase.start, appos.end) if with_appos and appos else phrase
    return speaker if speaker.span == span else speaker._replace(span=span)


def _make_speaker(text: str, names: NameIndex, phrase: Span, appos: Span | None, verb: str | None) -> Speaker:
    info, role, span = read_phrase(text, phrase), _role_text(text, appos), phrase
    if info.name is None and appos is not None and not info.document:
        other = read_phrase(text, appos)
        if other.person:  # "the coalition commander, Maj. Gen. John W. Brennan Jr."
            role = phrase.text(text).strip() if lex.type_words(info.core) else None
            info, span = other, Span(phrase.start, appos.end)
    phrase_text = span.text(text)
    if info.name is not None:
        return _named_speaker(info, names, span, role, phrase_text, verb)
    kind = source_type(phrase_text, role, info.owner, document=info.document, verb=verb)
    if info.document or not is_anonymous(info.core):
        core = info.core
        if info.document:  # "White House readout", "the district’s figures"
            core = head_part(f"{info.owner.strip()}’s {core}" if info.owner else core)
        name = core if core[:4].lower().startswith("the ") else strip_determiner(core)
        return Speaker(span, name, role, True, kind, False, _key(name), name)
    return Speaker(span, None, role, False, kind, False, _key(info.core), _label(info.core))


def _named_speaker(info: Phrase, names: NameIndex, span: Span, role: str | None, phrase_text: str,
                   verb: str | None) -> Speaker:
    full = info.name
    assert full is not None, "only a phrase with a name comes here"
    person = info.person
    already_full = info.title is None and len(full.split()) > 1 and not full.startswith("@")
    if not already_full and full.lower() not in lex.COUNTRIES and (person or len(full.split()) == 1):
        full = names.resolve(full)  # "Renfrew", "Col. Marotto", "@JoeBiden"
        person = person or len(full.split()) > 1
    title = info.title if info.title and lex.type_words(info.title) else None
    role = role or title or (info.owner.strip() if info.owner else None)
    if role is None and person:
        role = names.role_of(full)
    kind = source_type(role, info.owner, phrase_text, full if full not in phrase_text else None, verb=verb)
    return Speaker(span, full, role, True, kind, person, _key(full), full)


def _key(name: str) -> str:
    return strip_determiner(name.strip()).lower()
