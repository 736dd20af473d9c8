"""Spreadsheet-safe CSV: UTF-8 with a byte order mark, and no cell a spreadsheet could run.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula
by Excel, LibreOffice and Google Sheets (CSV injection), and so is one whose first visible character
is one of those behind zero-width, format or white-space characters, or a full-width ``＝``; such a
cell gets a leading single quote:
the spreadsheet shows the text, with the quote hidden or visible, and never evaluates it. Numbers
we write never start with those characters, except a negative teacher grade, which is quoted too.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
# Characters a spreadsheet may skip or never show before the first visible one: format characters
# (zero-width space and joiners, the byte order mark, bidirectional controls, soft hyphens: Unicode
# category Cf), control characters, and white space of every kind.
_INVISIBLE = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})


def _first_visible(text: str) -> str:
    """The first character a reader would see, folded by NFKC (full-width ＝ is =)."""
    for char in text:
        if not (char.isspace() or unicodedata.category(char) in _INVISIBLE):
            return unicodedata.normalize("NFKC", char)[:1]
    return ""


def neutralise(value: object) -> str:
    """The cell as text, with a leading ``'`` when a spreadsheet would take it for a formula,
    including one hidden behind invisible characters (``\u200b=1+1``) or written full-width."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) or _first_visible(text) in FORMULA_STARTS[:4]:
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV file (BOM, CRLF line ends, every cell neutralised) as UTF-8 bytes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return (BOM + out.getvalue()).encode("utf-8")
