"""The teacher's time zone: an IANA name (``Europe/Berlin``), checked against zoneinfo. It is
only stored here; the pages that show times read ``Teacher.time_zone``."""

from __future__ import annotations

import zoneinfo
from functools import cache


@cache
def choices() -> list[str]:
    """Every zone this machine knows, sorted (the settings page's list)."""
    return sorted(zoneinfo.available_timezones())


def valid(name: str | None) -> bool:
    return bool(name) and name in set(choices())


def adopt_browser_zone(teacher, browser_zone: str | None) -> None:
    """At sign-in: a teacher with no zone yet takes the browser's, when it is a real zone."""
    if teacher.time_zone is None and valid(browser_zone):
        teacher.time_zone = browser_zone
