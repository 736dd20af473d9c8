"""What a de-identified export leaves out, in one place, so every format removes the same things.

Besides names (pseudonyms instead, :mod:`webapp.exports.pseudonyms`), PINs, join codes and the
teacher's e-mail, a de-identified export drops free text that can hold a real name (the teacher's
comments, students' notes on their labels), the class name, the applied change ids (they serve a
restore only, and a de-identified archive is never restored), and coarsens every exact time to its
date, since the minute a student handed in can tell who they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

FREE_TEXT_KEYS = frozenset({"teacher_comment", "note"})
DROPPED_KEYS = FREE_TEXT_KEYS | {"applied_changes"}
TIME_SUFFIX = "_at"  # every timestamp of the archive is a key ending in "_at"


def day(value: dt.datetime | str | None) -> str | None:
    """A timestamp (datetime or ISO text) as its date, ``YYYY-MM-DD``."""
    if value is None:
        return None
    return value.date().isoformat() if isinstance(value, dt.datetime) else str(value)[:10]


def _strip(value: Any) -> Any:
    if isinstance(value, list):
        return [_strip(item) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: day(item) if key.endswith(TIME_SUFFIX) and isinstance(item, str) else _strip(item)
            for key, item in value.items() if key not in DROPPED_KEYS}


def deidentify_archive(archive: dict) -> dict:
    """The class archive without free text, the class name and change ids, its times as dates
    (the students in it are already pseudonyms)."""
    stripped = _strip(archive)
    stripped["classroom"].pop("name", None)
    return stripped
