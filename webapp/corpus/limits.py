"""The limits an uploaded article must keep, checked before any parser sees the file.

A file under the byte limit can still tie up a worker: lxml (under trafilatura) spends quadratic
time on an element with very many attributes (measured: 150,000 attributes on one element, 1.7 MB,
took 104 s in ``lxml.html.document_fromstring`` alone), and a 1.9 MB plain-text "article" of
300,000 words made every later step (keys, story comparisons) take minutes. These checks are a
linear scan of the bytes, written by hand because no HTML parser may run before they pass.
"""

from __future__ import annotations

import re

MAX_ARTICLE_WORDS = 20_000  # a long feature is 3,000-8,000 words; the seed articles are 400-1,300
MAX_HTML_ELEMENTS = 100_000  # a saved news page has 2,000-20,000
MAX_ATTRIBUTES_PER_ELEMENT = 1_000  # real elements have a handful; a long class list a few dozen

_START_TAG = re.compile(rb"<[A-Za-z][^>]*")
_ATTRIBUTE_START = re.compile(rb"\s+[^\s=>/\"']")
_WORD = re.compile(r"\w+")


class LimitError(ValueError):
    """An upload over one of the limits; the message names the limit for the person."""


def check_html_shape(data: bytes, name: str) -> None:
    """Refuse a page with too many elements, or an element with too many attributes."""
    for elements, tag in enumerate(_START_TAG.finditer(data), start=1):
        if elements > MAX_HTML_ELEMENTS:
            raise LimitError(f"{name}: the page has more than {MAX_HTML_ELEMENTS:,} HTML elements; "
                             "save only the article (“Save as… Web page, HTML only”, or copy its text into a .txt file).")
        if len(_ATTRIBUTE_START.findall(tag.group(0), 1)) > MAX_ATTRIBUTES_PER_ELEMENT:
            raise LimitError(f"{name}: one HTML element of the page has more than {MAX_ATTRIBUTES_PER_ELEMENT:,} "
                             "attributes, which no real page has. Save the article again, or as a .txt file.")


def check_words(text: str, name: str) -> None:
    """Refuse a text longer than any article a class reads in one lesson."""
    words = sum(1 for _ in _WORD.finditer(text))
    if words > MAX_ARTICLE_WORDS:
        raise LimitError(f"{name}: the text has {words:,} words; an article may have at most "
                         f"{MAX_ARTICLE_WORDS:,}. Split it, or keep the part the class will read.")
