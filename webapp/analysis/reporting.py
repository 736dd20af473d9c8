"""Reporting cues: a reporting verb, who it reports and what, found in the writer's own words.

The patterns run over the masked text (:func:`webapp.analysis.quotes.mask_quotes`), in one pass
for the whole article; each verb found is then read in a window of its own sentence: the speaker
before it ("Araji wrote", "Katherine Zimmerman, a fellow ..., told"), after it ("said Sajad
Jiyad, a fellow ...", "according to a United Nations report"), or the speaker of the verb before
it in the same sentence ("..., saying it ...", "... which said that ...").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from webapp.analysis import sourcing_lexicon as lex
from webapp.analysis.names import NameIndex, is_abbreviation
from webapp.analysis.quotes import MASK
from webapp.analysis.spans import Span
from webapp.analysis.speakers import Speaker, make_speaker

# One pattern for every cue: the character before the word (a space, a bracket, a dash, a quote
# mark), then a prefix tree of the cue words. Starting with a plain character set lets ``re`` skip
# every position inside a word; the kind of cue is read from the matched text in Python.
_CUE_WORDS = lex.trie_pattern(
    lex.REPORTING_VERBS + lex.THAT_ONLY + ["according to", "According to", "described", "issued"])
_VERB_RE = re.compile(r"[ \n\t\u00a0(\[—–\"“‘/%s](%s)(?![\w’'-])" % (MASK, _CUE_WORDS))
_FIRST_VERB_RE = re.compile(r"(%s)(?![\w’'-])" % _CUE_WORDS)  # a cue that opens the text
_THAT_ONLY = frozenset(lex.THAT_ONLY)
_CONTINUATIONS = {  # words that are cues only with what follows them
    "described": re.compile(r" (?:it |them |this |that )?as(?![\w-])"),
    "issued": re.compile(r" (?:a|an) (?:[\w-]+ ){0,2}statement(?![\w-])"),
    **{word: re.compile(r" that(?![\w-])") for word in lex.THAT_ONLY},
}
_PUNCT_BOUNDARY = frozenset(",;:()[]—–" + MASK)
_WORD_BOUNDARY = frozenset(["that", "and", "but", "while", "as", "because", "when", "after", "before", "if", "where", "although", "though", "whereas", "since", "so", "what", "which", "who", "whom", "than"])
_NOT_BEFORE = frozenset(lex.NOT_BEFORE_VERB)
_BETWEEN = frozenset(lex.BETWEEN_SPEAKER_AND_VERB)
_VERBS = frozenset(lex.REPORTING_VERBS)
_NP_TOKEN_RE = re.compile(r"[^\S\n]*([^\s,;:%s()]+)" % MASK)
_NP_STOP = frozenset(["of", "at", "with", "from", "who", "in", "on", "during", "to", "that", "which", "after", "before", "as", "when", "while", "since", "by", "issued", "released", "published", "obtained", "seen", "reviewed", "and", "but"])
_RELATIVES = frozenset(("that", "which", "and", "who"))
_RELATIVE_PRONOUNS = frozenset(("that", "which", "who"))
_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "some", "many", "several", "one", "two", "three"])
_TELL_VERBS = frozenset(["said", "says", "told", "tells", "explained", "added", "announced", "stated", "wrote", "noted"])
_THAT_RE = re.compile(r"\bthat\b")
_PRONOUN_RE = re.compile(r"\b(?:he|she|they|it|we|I)\b")
_DATELINE_RE = re.compile(r"[A-Z][A-Z .,'-]{2,40}(?:\([^)\n]{1,40}\))?\s*[—–-]\s+")
_TRAILING_WORDS = frozenset(["in", "what", "as", "and", "but", "which", "that", "who", "while", "with"])


class Cue(NamedTuple):
    """A reporting verb and its speaker; ``extent`` covers both, ``sentence`` indexes sentences."""

    verb: str
    verb_span: Span
    speaker: Speaker
    extent: Span
    sentence: int
    speaker_first: bool  # the speaker comes before the verb (else after it, or inherited)
    inherited: bool


def _word_before(masked: str, lo: int, at: int) -> str:
    words = masked[max(lo, at - 24) : at].split()
    return words[-1].lower() if words else ""


def _verbs(masked: str):
    """(verb as reported, span) for each cue word, its continuation checked ("described ... as")."""
    first = _FIRST_VERB_RE.match(masked)
    for match in ([first] if first else []) + list(_VERB_RE.finditer(masked)):
        at, end, found = match.start(1), match.end(1), match.group(1)
        after = _CONTINUATIONS.get(found)
        if after is not None:
            more = after.match(masked, end)
            if more is None:
                continue
            end = more.end() if found in ("described", "issued") else end
        yield _verb_name(found), Span(at, end)


def _is_reporting(masked: str, verb: str, span: Span, sentence: Span) -> bool:
    """False for infinitives, modals, passives and nouns: "to say", "was told", "the claims"."""
    if " " in verb or verb in _THAT_ONLY:
        return True
    if _word_before(masked, sentence.start, span.start) in _NOT_BEFORE:
        return False
    after = masked[span.end : span.end + 16].split()
    nxt = after[0].lower() if after else ""
    return nxt not in _VERBS and not (verb.startswith("tell") and nxt == "you")


def _verb_name(found: str) -> str:
    if found in ("according to", "According to"):
        return "according to"
    return {"described": "described as", "issued": "issued a statement"}.get(found, found)


def _skip_between(masked: str, lo: int, end: int) -> int:
    """Step back over adverbs and time words between a speaker and its verb."""
    while True:
        while end > lo and masked[end - 1].isspace():
            end -= 1
        start = max(lo, masked.rfind(" ", lo, end) + 1)
        if start <= lo or masked[start:end].lower() not in _BETWEEN:
            return end
        end = start


def _boundaries(masked: str, base: int, end: int):
    """Clause boundaries before ``end``, nearest first, as (start, end, word): punctuation, a
    quotation (masked), a dash, or a conjunction or relative word (word is "" for punctuation)."""
    k = end
    while k > base:
        j = max(masked.rfind(" ", base, k), base - 1)
        token = masked[j + 1 : k]
        if not _PUNCT_BOUNDARY.isdisjoint(token):
            i = max(token.rfind(c) for c in _PUNCT_BOUNDARY)
            yield j + 1 + i, j + 2 + i, ""
        else:
            low = token.lower()
            if low in _WORD_BOUNDARY or token == "-":
                yield j + 1, k, low
        k = j


def _chunk(masked: str, lo: int, end: int) -> Span | None:
    """The phrase between the last clause boundary and ``end`` ("... months, officials")."""
    base = max(lo, end - 160)
    bounds = _boundaries(masked, base, end)  # the one before is only looked for when needed
    cut = next(bounds, None)
    if cut is not None and cut[2] == "and" and _joins(masked, base, cut, end):
        cut = next(bounds, None)
    elif cut is not None and cut[2] in _RELATIVE_PRONOUNS:
        first = masked[cut[1] : end].split()[:1]
        if first and first[0].islower() and first[0] not in _DETERMINERS:
            before = next(bounds, None)
            noun = masked[before[1] if before else base : cut[0]].strip()
            if noun and before is not None:
                cut = before  # "people who sat through the sessions say": the relative clause belongs
    start = cut[1] if cut else base
    while start < end and masked[start].isspace():
        start += 1
    stop = end
    while stop > start and masked[stop - 1] in " ,":
        stop -= 1
    words = masked[start:stop].split()
    if not words or len(words) > 12 or not any(c.isalpha() for c in words[-1]):
        return None
    return Span(start, stop)


def _joins(masked: str, base: int, cut: tuple[int, int, str], end: int) -> bool:
    """ "the United States and Iraq" is one speaker; "Iraqi officials and the Biden ..." is not."""
    before = masked[base : cut[0]].split()
    after = masked[cut[1] : end].split()
    return bool(before and after) and before[-1][:1].isupper() and (
        after[0][:1].isupper() or (after[0] == "the" and len(after) > 1 and after[1][:1].isupper()))


def _subject(masked: str, lo: int, at: int) -> tuple[Span | None, Span | None]:
    """(speaker phrase, appositive) written before the verb at ``at``."""
    end = _skip_between(masked, lo, at)
    if end > lo and masked[end - 1] == ",":
        mark = max(masked.rfind(",", lo, end - 1), masked.rfind(MASK, lo, end - 1))
        if mark < lo:
            return None, None
        appos = _chunk_span(masked, mark + 1, end - 1)
        head = _chunk(masked, lo, mark) if appos else None
        return (head, appos) if head else (None, None)
    return _chunk(masked, lo, end), None


def _chunk_span(masked: str, start: int, end: int) -> Span | None:
    piece = masked[start:end]
    if not piece.strip() or MASK in piece:
        return None
    return Span(start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip()))


def _np_after(masked: str, pos: int, limit: int) -> tuple[Span | None, Span | None, int]:
    """(noun phrase, role, end) after a verb: "said Hamdi Malik of the Washington Institute ..." """
    start, end, stop_word, count = None, pos, None, 0
    while count < 9 and (m := _NP_TOKEN_RE.match(masked, end, limit)):
        token = m.group(1)
        if token.lower() in _NP_STOP:
            stop_word = token.lower()
            break
        start = m.start(1) if start is None else start
        if token.endswith(".") and not is_abbreviation(token):
            end = m.end(1) - 1
            break
        end, count = m.end(1), count + 1
    if start is None or end <= start:
        return None, None, pos
    role, role_end = _role_after(masked, end, limit, stop_word)
    return Span(start, end), role, role_end


def _role_after(masked: str, end: int, limit: int, stop_word: str | None) -> tuple[Span | None, int]:
    rest = masked[end:limit]
    lead = len(rest) - len(rest.lstrip())
    if rest[lead : lead + 1] == ",":
        start = end + lead + 1
    elif stop_word in ("of", "at", "with", "from"):
        start = end + lead + len(stop_word)
    else:
        return None, end
    stop = min((i for i in (masked.find(c, start, limit) for c in (",", ";", MASK)) if i >= 0), default=limit)
    span = _chunk_span(masked, start, stop)
    if span is None:
        return None, end
    while span.end > span.start and masked[span.end - 1] in ". ":
        span = Span(span.start, span.end - 1)
    return span, span.end


class _State:
    """What the scan remembers: the last person quoted (for "he"/"she") and the sentence's last cue."""

    __slots__ = ("persons", "prev", "pronoun_of")

    def __init__(self) -> None:
        self.persons: list[Speaker] = []  # people quoted so far, most recent last
        self.pronoun_of: dict[str, str] = {}  # speaker key -> "he" or "she", once the text says
        self.prev: Cue | None = None

    def antecedent(self, pronoun: str) -> Speaker | None:
        """The last person quoted whom the text has not already called by the other pronoun."""
        for speaker in reversed(self.persons[-6:]):
            if self.pronoun_of.setdefault(speaker.key, pronoun) == pronoun:
                return speaker
        return None


def find_cues(text: str, masked: str, sentences: list[Span], names: NameIndex,
              skip: frozenset[int] = frozenset()) -> list[Cue]:
    """Every reporting cue in the sentences not in ``skip`` (headings), in reading order."""
    starts = [s.start for s in sentences]
    state, cues = _State(), []
    for verb, vspan in _verbs(masked):
        index = bisect_right(starts, vspan.start) - 1
        if index < 0 or index in skip or vspan.end > sentences[index].end:
            continue
        sentence = sentences[index]
        if state.prev is not None and state.prev.sentence != index:
            state.prev = None
        if not _is_reporting(masked, verb, vspan, sentence):
            continue
        cue = _cue(text, masked, verb, vspan, index, sentence, names, state)
        if cue is not None:
            cues.append(cue)
            state.prev = cue
            if cue.speaker.person and not cue.inherited:
                state.persons.append(cue.speaker)
    return cues


def _cue(text: str, masked: str, verb: str, vspan: Span, index: int, sentence: Span, names: NameIndex,
         state: _State) -> Cue | None:
    if verb == "according to":
        phrase, role, _ = _np_after(masked, vspan.end, sentence.end)
        return _made(text, names, phrase, role, verb, vspan, index, False)
    lo = state.prev.verb_span.end if state.prev else sentence.start
    if verb.endswith("ing"):  # "..., saying it ...": the speaker of the verb before
        return _inherit(verb, vspan, index, state)
    phrase, appos = _subject(masked, lo, vspan.start)
    if phrase is not None:
        return _from_subject(text, names, phrase, appos, verb, vspan, index, state)
    tail = masked[lo : vspan.start].split()
    if tail and tail[-1].lower() in _RELATIVES:  # "which said", "and confirmed", "a report that said"
        if state.prev is not None:
            return _inherit(verb, vspan, index, state)
        if tail[-1].lower() not in _RELATIVE_PRONOUNS:
            return None  # "X, ..., presented the findings and acknowledged": X is out of reach
        at = masked.rfind(tail[-1], lo, vspan.start)
        phrase, appos = _subject(masked, lo, at)
        return _from_subject(text, names, phrase, appos, verb, vspan, index, state) if phrase else None
    if tail and not tail[-1].endswith(MASK):
        return None
    phrase, role, _ = _np_after(masked, vspan.end, sentence.end)
    return _made(text, names, phrase, role, verb, vspan, index, False)


def _inherit(verb: str, vspan: Span, index: int, state: _State) -> Cue | None:
    if state.prev is None:
        return None
    return Cue(verb, vspan, state.prev.speaker, vspan, index, False, True)


def _from_subject(text: str, names: NameIndex, phrase: Span, appos: Span | None, verb: str,
                  vspan: Span, index: int, state: _State) -> Cue | None:
    word = phrase.text(text).lower()
    if word in lex.PERSON_PRONOUNS:
        antecedent = state.antecedent(word)
        if antecedent is None:
            return None
        speaker = antecedent._replace(span=phrase)
        return Cue(verb, vspan, speaker, Span(phrase.start, vspan.end), index, True, False)
    if word in lex.UNRESOLVED_PRONOUNS:
        return None
    return _made(text, names, phrase, appos, verb, vspan, index, True)


def _made(text: str, names: NameIndex, phrase: Span | None, appos: Span | None, verb: str,
          vspan: Span, index: int, speaker_first: bool) -> Cue | None:
    if phrase is None:
        return None
    speaker = make_speaker(text, names, phrase, appos, verb)
    end = appos.end if appos is not None and not speaker_first else max(vspan.end, phrase.end)
    extent = Span(min(phrase.start, vspan.start), end)
    return Cue(verb, vspan, speaker, extent, index, speaker_first, False)


def content(masked: str, cue: Cue, sentence: Span, lo: int, stop: int) -> Span | None:
    """What an indirect report reports: the clause after the verb ("said that ..."), the words
    before the speaker ("..., officials said."), or the whole sentence around a parenthetical."""
    after = cue.extent.end if not cue.speaker_first else cue.verb_span.end
    rest = masked[after:stop]
    that = _THAT_RE.search(rest, 0, 120)
    if that and (cue.verb in _TELL_VERBS or len(rest[: that.start()].split()) <= 2):
        return _trim(masked, after + that.end(), stop)
    lead = rest.lstrip()[:1]
    comma_before = masked[lo : cue.extent.start].rstrip().endswith(",")
    if lead == "," and comma_before:  # "The increase, officials say, will slow."
        return _trim(masked, sentence.start, sentence.end)
    if lead in (",", ":"):  # "Austin replied: ..."
        return _trim(masked, after + rest.index(lead) + 1, stop)
    if cue.verb in ("told", "tells", "tell"):
        told = _after_recipient(masked, rest, after, stop)
        if told is not None:
            return told
    if cue.verb == "according to":  # reports the clause before it, or after its comma
        comma = rest.find(",")
        return _trim(masked, lo, cue.extent.start) or (
            _trim(masked, after + comma + 1, stop) if comma >= 0 else None)
    return _before_or_after(masked, cue, rest, lo, after, stop, comma_before)


def _after_recipient(masked: str, rest: str, after: int, stop: int) -> Span | None:
    """ "told me Whitlock had ...", "told VOA's Kurdish Service last week he expected ..." """
    first = rest.split(None, 1)[:1]
    if first and first[0].lower() in lex.RECIPIENTS:
        return _trim(masked, after + rest.index(first[0]) + len(first[0]), stop)
    pronoun = _PRONOUN_RE.search(rest)
    return _trim(masked, after + pronoun.start(), stop) if pronoun else None


def _before_or_after(masked: str, cue: Cue, rest: str, lo: int, after: int, stop: int,
                     comma_before: bool) -> Span | None:
    """The words before the speaker when the verb closes the sentence or only a time or place
    follows it ("..., President Joe Biden announced Monday during a meeting"); else those after."""
    words = rest.split(None, 3)
    closes = len(words) < 3
    if not closes and not (comma_before and words[0].lower() in lex.AFTER_VERB_NOT_CLAUSE):
        return _trim(masked, after, stop)
    before = _trim(masked, lo, cue.extent.start)
    size = len(before.text(masked).split()) if before else 0
    if size >= (3 if closes else 6):
        return before
    return _trim(masked, after, stop) or before


def _trim(masked: str, start: int, end: int) -> Span | None:
    """The span without a dateline, surrounding punctuation or a dangling "and", "in what" ..."""
    dateline = _DATELINE_RE.match(masked, start, end)
    if dateline:
        start = dateline.end()
    while start < end and masked[start] in " ,:;—–":
        start += 1
    while end > start:
        if masked[end - 1].isspace() or masked[end - 1] in ",;:—–.":
            end -= 1
            continue
        word = max(masked.rfind(" ", start, end) + 1, start)
        if word == start or masked[word:end].lower() not in _TRAILING_WORDS:
            break
        end = word
    return Span(start, end) if end > start else None
