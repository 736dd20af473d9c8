"""An XLSX workbook: one gradebook sheet per assignment and the long sheet.

Written with XlsxWriter: text goes into text cells with ``write_string`` (never a formula,
whatever it starts with) and numbers into number cells, so no quote prefix is needed here.
Characters XML cannot hold are dropped. XlsxWriter's constant-memory mode is left off: its
shared-strings table makes the file smaller and the writing about a quarter faster (measured on
9,000 label rows), and a class's workbook is a few megabytes of memory at most.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import xlsxwriter

SHEET_NAME_MAX = 31
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _write(sheet, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            if isinstance(value, str):
                sheet.write_string(r, c, ILLEGAL_CHARACTERS.sub("", value))
            elif value is not None:
                sheet.write_number(r, c, value)
    sheet.freeze_panes(1, 0)


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]]]]) -> bytes:
    """A workbook of (title, header, rows) sheets, as .xlsx bytes."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": False, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    for title, header, rows in sheets:
        _write(book.add_worksheet(title[:SHEET_NAME_MAX]), header, rows)
    book.close()
    return out.getvalue()
