"""Reads an article file a teacher supplies (.txt, .md or a saved .html page) into plain text.

Everything that can go wrong with a file a person hands us is reported as an
:class:`ArticleInputError` with a sentence that says what to do, never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from webapp.corpus import limits

MAX_INPUT_BYTES = 2 * 1024 * 1024  # 2 MiB: a long feature is ~100 KB of text; a saved page rarely 1 MB
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class ArticleInputError(ValueError):
    """A file or text that cannot become an article; the message is meant for the person."""


@dataclass(frozen=True)
class SourceText:
    """Text read from a file, before cleaning, plus the metadata the file itself declared."""

    text: str
    format: str  # "text", "markdown" or "html"
    metadata: dict = field(default_factory=dict)


def check_bytes(data: bytes, name: str) -> None:
    """Refuse empty, oversized and binary input before any parser sees it."""
    if not data.strip():
        raise ArticleInputError(f"{name}: the file is empty.")
    if len(data) > MAX_INPUT_BYTES:
        raise ArticleInputError(
            f"{name}: the file is {len(data) / 1048576:.1f} MiB; the limit is "
            f"{MAX_INPUT_BYTES // 1048576} MiB. Save only the article, not the whole site."
        )
    sample = data[:8192]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 20:
        raise ArticleInputError(
            f"{name}: this looks like a binary file (an image, PDF or word-processor document), "
            "not text. Save the article as .txt, .md or .html."
        )


def decode_utf8(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without a byte order mark), or say exactly where it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleInputError(
            f"{name}: the text is not UTF-8 (byte 0x{data[error.start]:02x} at position "
            f"{error.start}). Re-save it as UTF-8 and import it again."
        ) from None


def read_html(data: bytes, name: str) -> SourceText:
    """Main text and metadata of a saved web page, by trafilatura; scripts and styles never pass."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, include_links=False,
    )
    text = (document.text or "").strip() if document else ""
    if not text:
        raise ArticleInputError(f"{name}: no article text was found in this page.")
    metadata = {
        "headline": document.title, "byline": document.author,
        "published": document.date, "outlet": document.sitename,
    }
    first_line = text.split("\n", 1)[0].strip()
    if document.title and first_line != document.title.strip():
        text = f"{document.title.strip()}\n{text}"
    return SourceText(text, "html", {k: v for k, v in metadata.items() if v})


def read_markdown(text: str) -> SourceText:
    """Plain text of a Markdown article: one line per block, inline markup dropped."""
    from markdown_it import MarkdownIt

    front, body = split_front_matter(text)
    lines = []
    for token in MarkdownIt("commonmark").parse(body):
        if token.type == "inline":
            parts = [
                "\n" if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or []
            ]
            lines.append("".join(parts).replace("\n", " "))
    return SourceText("\n".join(lines), "markdown", front)


def _front_matter_error(error: BaseException) -> ArticleInputError:
    """The YAML parser's complaint in one line, with the file's line number when it has one."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0] or type(error).__name__
    where = f" (line {mark.line + 2})" if mark is not None else ""
    return ArticleInputError(f"The front matter (the lines between “---” at the top) is not valid YAML{where}: "
                             f"{problem}. Correct it, or remove it and fill in the details on the next page.")


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split ``---``-delimited YAML front matter from a Markdown body. It is read with the safe
    loader (no ``!!python/...`` tag builds anything); what it cannot read is an
    :class:`ArticleInputError`, for the person who uploaded it."""
    from webapp.corpus.yamlio import YAMLError, load_yaml

    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    try:
        front = load_yaml(text[4:end]) or {}
    except (YAMLError, ValueError, RecursionError) as error:  # ValueError: a date such as 2021-13-45
        raise _front_matter_error(error) from None
    if not isinstance(front, dict):
        return {}, text
    return dict(front), text[end + 5 :]


def read_article_file(path: Path) -> SourceText:
    """Read one article file, choosing the reader by its suffix."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ArticleInputError(f"{name}: FrameLab reads .txt, .md and .html files, not '{suffix}'.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleInputError(f"{name}: cannot read the file ({error.strerror}).") from None
    return read_article_bytes(data, name, suffix)


def read_article_bytes(data: bytes, name: str, suffix: str) -> SourceText:
    """Same as :func:`read_article_file` for bytes already in memory (an upload)."""
    check_bytes(data, name)
    if suffix in HTML_SUFFIXES:
        _within(limits.check_html_shape, data, name)
        source = read_html(data, name)
    else:
        text = decode_utf8(data, name)
        source = read_markdown(text) if suffix in (".md", ".markdown") else SourceText(text, "text")
    _within(limits.check_words, source.text, name)
    return source


def _within(check, value, name: str) -> None:
    """Run one of the :mod:`limits` checks, its refusal as the :class:`ArticleInputError` callers handle."""
    try:
        check(value, name)
    except limits.LimitError as error:
        raise ArticleInputError(str(error)) from None
