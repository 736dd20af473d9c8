"""Download names a teacher can read in a Downloads folder: the class, the assignment, what the
file holds and the day, in plain ASCII (``Period-3-Spot-the-framing-results-2026-03-10.csv``).

A de-identified file leaves the class name out, so that its name says no more than its rows."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

WHAT = {"gradebook": "results", "labels": "labels", "workbook": "workbook", "archive": "archive"}
PART_MAX = 40


def ascii_part(text: str, limit: int = PART_MAX) -> str:
    """Words of ``text`` folded to ASCII letters and digits, joined by hyphens, cut at a word."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[A-Za-z0-9]+", folded)
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > limit:
            break
        result = candidate
    return result or (words[0][:limit] if words else "")


def readable_filename(class_name: str, title: str | None, what: str, extension: str, day: dt.date,
                      deidentified: bool = False) -> str:
    """The name of one download; ``title`` is the assignment's (None for a whole-class file)."""
    parts = [] if deidentified else [ascii_part(class_name) or "Class"]
    if title:
        parts.append(ascii_part(title) or "Assignment")
    parts.append(WHAT.get(what, ascii_part(what)))
    if deidentified:
        parts.append("deidentified")
    parts.append(day.isoformat())
    return "-".join(parts) + extension
