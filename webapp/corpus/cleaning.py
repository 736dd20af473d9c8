"""Removes page chrome and scraping debris from article text, and reports every removal.

Rules are general (teachers import from many sites), each registered with an id and a reason so
the report can say why a line went and the teacher can undo any single removal. No library does
this for plain text: trafilatura removes chrome from HTML structure, and a scraped .txt file has
no structure left, so these rules work on lines and tokens.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass

_CHROME_PHRASES = {
    "accessibility links", "skip to content", "skip to main content", "skip navigation",
    "breaking news", "read more", "read more stories", "related posts", "related articles",
    "related stories", "related content", "related", "advertisement", "sponsored content",
    "share this", "share this article", "share this story", "share", "tweet", "email", "print",
    "subscribe", "subscribe now", "sign up", "newsletter", "comments", "leave a comment",
    "you may also like", "recommended", "recommended for you", "trending", "most read",
    "more stories", "follow us", "menu", "search", "close", "back to top", "loading",
    "continue reading", "show comments", "hide caption", "toggle caption", "listen to this article",
}
_CHROME_TRIM = " \t:|›»>•·–-…."
_TRACKBACK = re.compile(r"^(?:pingback|trackback)\s*:", re.IGNORECASE)
_IMAGE_CREDIT = re.compile(
    r"^(?:source|photo|photo credit|image|image source|picture|credit|courtesy)\s*:\s*\S.{0,60}$",
    re.IGNORECASE,
)
_TEASER = re.compile(
    r"^(?:read also|also read|see also|read next|related|recommended|watch|watch now|listen|"
    r"more on this|more from|don't miss|must read)\s*[:|]\s*\S",
    re.IGNORECASE,
)
_CAPTION_PREFIX = re.compile(r"^(?:FILE(?: PHOTO)?\s*[-–—:]|\(?(?:AP|AFP|Reuters) Photo\b)")
_EMBED_LINK = re.compile(r"\s*\b(?:pic\.twitter\.com|t\.co|instagram\.com/p|youtu\.be)/\S+")
_STRAY_MARKUP = re.compile(
    r"\s*(?:\bHTML\d+\b|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|\[(?:embedded content|caption[^\]]*)\]"
    r"|\{\{[^{}]*\}\})"
)
_STRAY_PERIOD = re.compile(r"(?<=[\w,]) \.(?=[A-Z][a-z])")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+(?=[.,;:!?](?:\s|$))")
_MULTI_SPACE = re.compile(r"[ \t]{2,}")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u200e\u200f\ufeff]")


@dataclass(frozen=True, slots=True)
class Removal:
    """One thing the cleaner took out: whole line or a piece of one, with the rule that did it."""

    id: str
    rule: str
    reason: str
    line: int  # 1-based line number in the input
    text: str
    whole_line: bool

    def as_dict(self) -> dict:
        return {
            "id": self.id, "rule": self.rule, "reason": self.reason,
            "line": self.line, "text": self.text, "whole_line": self.whole_line,
        }


@dataclass(frozen=True, slots=True)
class CleanResult:
    text: str
    removals: tuple[Removal, ...]


LineRule = Callable[[str], bool]
_LINE_RULES: dict[str, tuple[str, LineRule]] = {}
_INLINE_RULES: dict[str, tuple[str, re.Pattern[str]]] = {}


def line_rule(rule_id: str, reason: str) -> Callable[[LineRule], LineRule]:
    """Register a rule that removes whole lines; ``reason`` is what the report tells the teacher."""

    def register(test: LineRule) -> LineRule:
        _LINE_RULES[rule_id] = (reason, test)
        return test

    return register


@line_rule("page-chrome", "navigation or page furniture, not part of the article")
def _is_chrome(line: str) -> bool:
    return line.strip(_CHROME_TRIM).casefold() in _CHROME_PHRASES


@line_rule("trackback", "a pingback or trackback left by another site")
def _is_trackback(line: str) -> bool:
    return bool(_TRACKBACK.match(line))


@line_rule("image-credit", "a short credit line for an image")
def _is_image_credit(line: str) -> bool:
    return bool(_IMAGE_CREDIT.match(line)) and len(line.split()) <= 6


@line_rule("teaser", "a link to another article")
def _is_teaser(line: str) -> bool:
    return bool(_TEASER.match(line))


@line_rule("photo-caption", "a photo caption")
def _is_caption(line: str) -> bool:
    return bool(_CAPTION_PREFIX.match(line))


_INLINE_RULES["embed-link"] = ("a link left behind by an embedded post or picture", _EMBED_LINK)
_INLINE_RULES["stray-markup"] = ("markup or a template placeholder left by the scraper", _STRAY_MARKUP)
_INLINE_RULES["stray-period"] = ("a stray period glued to the next word", _STRAY_PERIOD)


def normalise(raw: str) -> str:
    """Unify newlines, decode HTML entities, drop control and zero-width characters, NFC."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = html.unescape(text).replace("\u00a0", " ")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def _line_removals(lines: list[str]) -> dict[int, tuple[str, str]]:
    """Map line index -> (rule, reason) for every line a rule removes."""
    removed: dict[int, tuple[str, str]] = {}
    content = [i for i, line in enumerate(lines) if line.strip()]
    for previous, current in zip(content, content[1:]):
        if lines[previous].strip() == lines[current].strip():
            reason = "a line repeated word for word (a caption shown twice)"
            removed[previous] = removed[current] = ("repeated-line", reason)
    for i in content:
        if i in removed:
            continue
        for rule_id, (reason, test) in _LINE_RULES.items():
            if test(lines[i].strip()):
                removed[i] = (rule_id, reason)
                break
    return removed


def _clean_inline(line: str, number: int, keep: Collection[str]) -> tuple[str, list[Removal]]:
    removals: list[Removal] = []
    for rule_id, (reason, pattern) in _INLINE_RULES.items():
        def drop(match: re.Match[str], rule_id: str = rule_id, reason: str = reason) -> str:
            removal_id = f"{number}:{rule_id}:{len(removals)}"
            if removal_id in keep:
                removals.append(Removal(removal_id, rule_id, reason, number, match.group(), False))
                return match.group()
            removals.append(Removal(removal_id, rule_id, reason, number, match.group().strip(), False))
            return " " if rule_id == "stray-period" else ""

        line = pattern.sub(drop, line)
    line = _SPACE_BEFORE_PUNCT.sub("", _MULTI_SPACE.sub(" ", line))
    return line.strip(), [r for r in removals if r.id not in keep]


def clean_text(raw: str, keep: Collection[str] = ()) -> CleanResult:
    """Clean scraped article text; ``keep`` lists removal ids the teacher chose to undo.

    The result has one paragraph per line of the input that survived, separated by blank lines.
    """
    lines = normalise(raw).split("\n")
    removed = _line_removals(lines)
    paragraphs: list[str] = []
    removals: list[Removal] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        number = index + 1
        if index in removed:
            rule_id, reason = removed[index]
            removal = Removal(f"{number}:{rule_id}", rule_id, reason, number, line.strip(), True)
            if removal.id not in keep:
                removals.append(removal)
                continue
        cleaned, inline = _clean_inline(line, number, keep)
        removals.extend(inline)
        if cleaned:
            paragraphs.append(cleaned)
    return CleanResult("\n\n".join(paragraphs), tuple(removals))


def rules() -> list[tuple[str, str]]:
    """Every rule id with the reason it gives, for documentation and the teacher's review page."""
    listed = [("repeated-line", "a line repeated word for word (a caption shown twice)")]
    listed += [(rule_id, reason) for rule_id, (reason, _) in _LINE_RULES.items()]
    listed += [(rule_id, reason) for rule_id, (reason, _) in _INLINE_RULES.items()]
    return listed
