"""Sourcing: who an article quotes or paraphrases, how, and whom it leaves unnamed.

Teaching sourcing means showing students each attribution in the text: the words in quotation
marks or the reported clause, the speaker phrase as written, the person or body it resolves to,
and whether a reader could identify that source. The work is split up:
:mod:`webapp.analysis.quotes` finds quotations, :mod:`webapp.analysis.reporting` finds reporting
verbs and their speakers in the writer's own words, :mod:`webapp.analysis.speakers` reads speaker
phrases and types them, :mod:`webapp.analysis.names` resolves surnames to full names, and
:mod:`webapp.analysis.sourcing_lexicon` holds the word lists. This module pairs quotations with
the cues that attribute them, merges attributions into sources, and reads credits (wire agencies,
contributors) and embedded posts. Everything is regular expressions compiled at import and single
passes over the text, to stay near a millisecond per article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from webapp.analysis import sourcing_lexicon as lex
from webapp.analysis.names import NameIndex
from webapp.analysis.quotes import Quote, find_quotes, mask_quotes, quoted_word_share
from webapp.analysis.reporting import Cue, content, find_cues
from webapp.analysis.spans import Span
from webapp.analysis.speakers import Speaker, make_speaker

_TERMINAL = tuple(".!?…\"”’')")
_POST_CREDIT_RE = re.compile(r"^[^\S\n]*[—–-]{1,2}[^\S\n]*(?P<author>[^\n(@]{1,80}?)[^\S\n]*"
                             r"\((?P<handle>@\w{1,30})\)[^\S\n]*(?P<date>[^\n]*?)[^\S\n]*$", re.MULTILINE)
_POST_TAIL_RE = re.compile(r"(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+))+\s*$")
_AGENCY_RE = re.compile(r"%s(?![\w-])" % lex.trie_pattern(lex.AGENCIES))
_CREDIT_BEFORE_RE = re.compile(  # what may precede an agency on a credit line of its own
    r"[^\S\n]*(?:[—–-][^\S\n]*)?(?:(?:in part |adapted |additional reporting |reporting |source: ?)?"
    r"(?:from|by|via|with|source:)[^\S\n]+)?(?:the[^\S\n]+)?", re.IGNORECASE)
_CREDIT_AFTER_RE = re.compile(r"[^\S\n]*(?:contributed[^\n]{0,40})?[.:]?[^\S\n]*", re.IGNORECASE)
_PAREN_AFTER_RE = re.compile(r"\s*(?:[/,][^)\n]{0,40})?\)")
_RANK = {kind: rank for rank, kind in enumerate(lex.TYPE_PRIORITY)}
_REPORTING_BY_RE = re.compile(r"(?:reporting|input|files|material|information|contributions?)\s+(?:by|from)"
                              r"\s+(?:the\s+)?$", re.IGNORECASE)
_NAME = r"[A-Z][\w’'.-]*(?:[^\S\n]+(?:[A-Z][\w’'.-]*|(?:al|el|bin|van|von|de|da)-?\w+))*"
_PLACE = r"(?:[^\S\n]+(?:in|from)[^\S\n]+[A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*)*)?"
_CONTRIB_RE = re.compile(
    r"^[^\S\n]*(?:(?:Additional|Also)[^\S\n]+)?(?:[Rr]eporting[^\S\n]+by[^\S\n]+)?"
    r"(?P<who>%s%s(?:(?:,[^\S\n]*(?:and[^\S\n]+)?|[^\S\n]+and[^\S\n]+)%s%s)*)"
    r"(?:[^\S\n]+contributed(?:[^\S\n]+reporting)?(?:[^\S\n]+(?:to|for)[^\S\n]+(?:this|the)[^\S\n]+"
    r"(?:report|story|article))?[^\n]{0,40}?\.?|;[^\n]*)[^\S\n]*$" % (_NAME, _PLACE, _NAME, _PLACE), re.MULTILINE)
_CONTRIB_SPLIT_RE = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_PLACE_TAIL_RE = re.compile(r"\s+(?:in|from)\s+[A-Z][\w\s-]*$")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One act of attribution: a quotation or a reported clause and the source it is given to."""

    kind: str  # "direct" (words in quotation marks) or "indirect" (reported speech)
    quote: Span  # the quoted words without their marks, or the reported content
    speaker: Span | None  # the speaker phrase as written here; None when carried over
    speaker_name: str | None  # the full name it resolves to; None when anonymous
    named: bool
    verb: str | None
    role: str | None
    source_type: str
    source: str = field(default="", compare=False)  # the name of the Source it belongs to

    def as_dict(self, text: str) -> dict:
        return {"kind": self.kind, "quote": self.quote.as_dict(text),
                "speaker": self.speaker.as_dict(text) if self.speaker else None,
                "speaker_name": self.speaker_name, "named": self.named, "verb": self.verb,
                "role": self.role, "source_type": self.source_type}


@dataclass(frozen=True, slots=True)
class Source:
    """A distinct source: a person, a body or document, or one anonymous description."""

    name: str
    named: bool
    role: str | None
    source_type: str
    attributions: int
    verbs: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"name": self.name, "named": self.named, "role": self.role,
                "source_type": self.source_type, "attributions": self.attributions,
                "verbs": list(self.verbs)}


@dataclass(frozen=True, slots=True)
class SocialPost:
    """An embedded post: its text and the credit line under it ("— President Biden (@POTUS) ...")."""

    author: str
    handle: str
    date: str | None
    span: Span  # the post text and its credit line
    post: Span | None  # the post text alone

    def as_dict(self) -> dict:
        return {"author": self.author, "handle": self.handle, "date": self.date,
                "start": self.span.start, "end": self.span.end}


@dataclass(frozen=True, slots=True)
class Sourcing:
    """Every attribution and source of one text, with the counts a sourcing lesson needs."""

    attributions: tuple[Attribution, ...]
    sources: tuple[Source, ...]
    named_sources: int
    anonymous_sources: int
    quotations: tuple[Span, ...]  # every quoted span, speech and scare quotes alike, nested too
    quoted_word_share: float
    verb_counts: dict[str, int]
    wire_credits: tuple[str, ...]
    contributor_credits: tuple[str, ...]
    social_posts: tuple[SocialPost, ...]

    def as_dict(self, text: str) -> dict:
        return {"attributions": [a.as_dict(text) for a in self.attributions],
                "sources": [s.as_dict() for s in self.sources],
                "named_sources": self.named_sources, "anonymous_sources": self.anonymous_sources,
                "quoted_word_share": round(self.quoted_word_share, 4),
                "verb_counts": dict(self.verb_counts), "wire_credits": list(self.wire_credits),
                "contributor_credits": list(self.contributor_credits),
                "social_posts": [p.as_dict() for p in self.social_posts]}


def analyze_sourcing(text: str, paragraphs: list[Span], sentences: list[Span]) -> Sourcing:
    """Attributions, sources, quotations and credits of ``text`` (offsets index ``text``)."""
    quotes = find_quotes(text, paragraphs)
    masked = mask_quotes(text, quotes)
    names = NameIndex(text)
    layout = _Layout(text, paragraphs, sentences)
    cues = find_cues(text, masked, sentences, names, layout.heading_sentences)
    direct, used = _direct(quotes, cues, layout)
    indirect = _indirect(masked, cues, used, sentences)
    posts, post_attributions = _social_posts(text, paragraphs, names)
    attributions = _fill_roles(sorted(direct + indirect + post_attributions, key=lambda a: a.quote.start))
    sources = _sources(attributions)
    verbs = Counter(a.verb for a in attributions if a.verb)
    return Sourcing(
        tuple(attributions), sources, sum(s.named for s in sources), sum(not s.named for s in sources),
        tuple(q.span for q in quotes), quoted_word_share(text, masked, quotes),
        dict(sorted(verbs.items(), key=lambda kv: -kv[1])), wire_credits(text),
        contributor_credits(text), posts)


class _Layout:
    """Which paragraph each sentence is in, and which paragraphs are headings."""

    __slots__ = (
        "heading_sentences",
        "headings",
        "paragraph_starts",
        "paragraphs",
        "sentence_paragraph",
        "sentence_starts",
        "sentences",
        "text",
    )

    def __init__(self, text: str, paragraphs: list[Span], sentences: list[Span]) -> None:
        self.text, self.paragraphs, self.sentences = text, paragraphs, sentences
        self.sentence_starts = [s.start for s in sentences]
        self.paragraph_starts = [p.start for p in paragraphs]
        self.headings = frozenset(i for i, p in enumerate(paragraphs) if _is_heading(text, p))
        self.sentence_paragraph = [self.paragraph_at(s.start) for s in sentences]
        self.heading_sentences = frozenset(
            i for i, p in enumerate(self.sentence_paragraph) if p in self.headings)

    def sentence_at(self, at: int) -> int:
        return max(0, bisect_right(self.sentence_starts, at) - 1)

    def paragraph_at(self, at: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, at) - 1)


def _is_heading(text: str, paragraph: Span) -> bool:
    """A headline or subheading: a short line without final punctuation. It frames; it does not attribute."""
    line = paragraph.text(text)
    return not line.endswith(_TERMINAL) and len(line.split()) <= 20


def _gap(cue: Cue, quote: Quote) -> float:
    """Characters between a cue and a quotation; a participle ("saying") only reaches forward."""
    if quote.outer.end <= cue.extent.start:
        return float("inf") if cue.inherited else cue.extent.start - quote.outer.end
    return max(0, quote.outer.start - cue.extent.end)


def _attribution(kind: str, quote: Span, speaker: Speaker, verb: str | None, here: bool) -> Attribution:
    return Attribution(kind, quote, speaker.span if here else None, speaker.name, speaker.named, verb,
                       speaker.role, speaker.source_type, speaker.label)


def _direct(quotes: list[Quote], cues: list[Cue], layout: _Layout) -> tuple[list[Attribution], set[int]]:
    """Each quotation goes to the nearest cue in its sentences, else continues the last speaker
    of its paragraph (a quote broken by its attribution, a second quoted sentence), else, when
    it opens a paragraph, the speaker quoted at the end of the paragraph before."""
    by_sentence: dict[int, list[int]] = {}
    for number, cue in enumerate(cues):
        by_sentence.setdefault(cue.sentence, []).append(number)
    out, used = [], set()
    last: tuple[int, int, Speaker] | None = None  # (paragraph, end, speaker) of the last direct one
    for quote in quotes:
        paragraph = layout.paragraph_at(quote.outer.start)
        if quote.depth or paragraph in layout.headings:
            continue
        first, final = layout.sentence_at(quote.outer.start), layout.sentence_at(quote.outer.end - 1)
        found = [n for i in range(first, final + 1) for n in by_sentence.get(i, ())]
        if found:
            number = min(found, key=lambda n: _gap(cues[n], quote))
            used.add(number)
            out.append(_attribution("direct", quote.span, cues[number].speaker, cues[number].verb, True))
            last = (paragraph, quote.outer.end, cues[number].speaker)
            continue
        speaker = _carried(quote, paragraph, cues, by_sentence, layout, last)
        if speaker is not None:
            out.append(_attribution("direct", quote.span, speaker, None, False))
            last = (paragraph, quote.outer.end, speaker)
    return out, used


def _carried(quote: Quote, paragraph: int, cues: list[Cue], by_sentence: dict[int, list[int]],
             layout: _Layout, last: tuple[int, int, Speaker] | None) -> Speaker | None:
    """The speaker an unattributed quotation continues, if the layout makes it clear."""
    earlier = [cues[n] for i in range(layout.sentence_at(layout.paragraphs[paragraph].start),
                                      layout.sentence_at(quote.outer.start) + 1)
               for n in by_sentence.get(i, ()) if cues[n].extent.end <= quote.outer.start]
    cue = earlier[-1] if earlier else None
    if len(quote.span.text(layout.text).split()) < 4:
        return None  # a short quoted phrase later on is more likely a scare quote than speech
    if last is not None and last[0] == paragraph and (cue is None or last[1] > cue.extent.end):
        return last[2]
    if cue is not None:
        return cue.speaker
    opens_paragraph = quote.outer.start == layout.paragraphs[paragraph].start
    if opens_paragraph and last is not None and last[0] == paragraph - 1:
        return last[2]
    return None


def _indirect(masked: str, cues: list[Cue], used: set[int], sentences: list[Span]) -> list[Attribution]:
    """Reported speech: every cue no quotation went to, with the content it reports."""
    out = []
    for number, cue in enumerate(cues):
        if number in used:
            continue
        before = cues[number - 1] if number and cues[number - 1].sentence == cue.sentence else None
        after = cues[number + 1] if number + 1 < len(cues) else None
        after = after if after is not None and after.sentence == cue.sentence else None
        sentence = sentences[cue.sentence]
        lo = before.extent.end if before else sentence.start
        span = content(masked, cue, sentence, lo, after.extent.start if after else sentence.end)
        if span is None or (len(span.text(masked).split()) < 3 and _shares_speaker(cue, before, after)):
            continue
        between = masked[cue.extent.end : after.extent.start] if after is not None else ""
        if after is not None and after.inherited and len(between.split()) < 6:
            continue  # "issued a joint statement on Monday which said that ...": the second verb reports
        out.append(_attribution("indirect", span, cue.speaker, cue.verb, True))
    return out


def _shares_speaker(cue: Cue, *others: Cue | None) -> bool:
    return any(o is not None and o.speaker.key == cue.speaker.key for o in others)


def _social_posts(text: str, paragraphs: list[Span], names: NameIndex) -> tuple[tuple[SocialPost, ...], list]:
    """Embedded posts: a credit line "— Author (@handle) date" under the post's text."""
    posts, attributions = [], []
    starts = [p.start for p in paragraphs]
    for line_start, line_end in _lines_with(text, "(@"):
        match = _POST_CREDIT_RE.match(text, line_start, line_end)
        if match is None:
            continue
        index = bisect_right(starts, match.start()) - 1
        body = paragraphs[index - 1] if index > 0 else None
        post = None
        if body is not None:
            tail = _POST_TAIL_RE.search(text, body.start, body.end)
            post = Span(body.start, tail.start() if tail else body.end)
        author = Span(*match.span("author"))
        posts.append(SocialPost(author.text(text), match.group("handle"), match.group("date") or None,
                                Span(post.start if post else author.start, match.end()), post))
        if post is not None and post.end > post.start:
            speaker = make_speaker(text, names, author, None, "posted")
            attributions.append(Attribution("direct", post, author, speaker.name, True, "posted",
                                            speaker.role, "social-media", speaker.label))
    return tuple(posts), attributions


def _fill_roles(attributions: list[Attribution]) -> list[Attribution]:
    """Give every attribution of a person the role and type the article gives them anywhere."""
    best: dict[str, tuple[str | None, str]] = {}
    for a in attributions:
        role, kind = best.get(a.source, (None, "unknown"))
        if a.source_type != "social-media" and _RANK[a.source_type] < _RANK[kind]:
            kind = a.source_type
        best[a.source] = (role or a.role, kind)
    out = []
    for a in attributions:
        role, kind = best[a.source]
        if a.role is None and role or a.source_type == "unknown" and kind != "unknown":
            a = Attribution(a.kind, a.quote, a.speaker, a.speaker_name, a.named, a.verb, a.role or role,
                            kind if a.source_type == "unknown" else a.source_type, a.source)
        out.append(a)
    return out


def _sources(attributions: list[Attribution]) -> tuple[Source, ...]:
    """One source per resolved name or anonymous description, in order of first appearance."""
    groups: dict[str, list[Attribution]] = {}
    for a in attributions:
        groups.setdefault(a.source.lower(), []).append(a)
    out = []
    for group in groups.values():
        kinds = sorted({a.source_type for a in group}, key=_RANK.__getitem__)
        kind = next((k for k in kinds if k != "social-media"), kinds[0])
        verbs = tuple(dict.fromkeys(a.verb for a in group if a.verb))
        role = next((a.role for a in group if a.role), None)
        out.append(Source(group[0].source, any(a.named for a in group), role, kind, len(group), verbs))
    return tuple(out)


def wire_credits(text: str) -> tuple[str, ...]:
    """News agencies the text credits: "(Reuters)", "In part from Reuters:", "AFP contributed"."""
    found: dict[str, None] = {}
    for match in _AGENCY_RE.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "@-"):
            continue
        if _credited(text, start, end):
            found.setdefault(lex.AGENCIES[match.group()], None)
    return tuple(found)


def _credited(text: str, start: int, end: int) -> bool:
    """An agency name in a credit, not in a sentence that cites it ("according to Reuters")."""
    if text[max(0, start - 2) : start].rstrip().endswith("(") and _PAREN_AFTER_RE.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) % (len(text) + 1)
    before = _CREDIT_BEFORE_RE.match(text, line_start, start)
    after = _CREDIT_AFTER_RE.match(text, end, line_end)
    assert before is not None and after is not None, "both patterns also match the empty string"
    if before.end() == start and after.end() == line_end:
        return True  # "In part from Reuters:", "— AFP", "The Associated Press contributed to this report."
    return bool(_REPORTING_BY_RE.search(text, max(line_start, start - 40), start)) or \
        text.startswith(" contributed", end)


def _lines_with(text: str, *markers: str):
    """(start, end) of each line holding one of ``markers``, found with str.find, in order."""
    spans = set()
    for marker in markers:
        at = text.find(marker)
        while at >= 0:
            end = text.find("\n", at)
            spans.add((text.rfind("\n", 0, at) + 1, end if end >= 0 else len(text)))
            at = text.find(marker, at + 1)
    return sorted(spans)


def contributor_credits(text: str) -> tuple[str, ...]:
    """People credited with "X and Y contributed to this report" or "Reporting by X; ..."."""
    found: dict[str, None] = {}
    for start, end in _lines_with(text, "contributed", "eporting by"):
        match = _CONTRIB_RE.match(text, start, end)
        if match is None:
            continue
        for name in _CONTRIB_SPLIT_RE.split(match.group("who")):
            name = _PLACE_TAIL_RE.sub("", name.strip())
            agency = name.removeprefix("The ").removeprefix("the ") in lex.AGENCIES
            if name and not agency and len(name.split()) <= 5:
                found.setdefault(name, None)
    return tuple(found)
