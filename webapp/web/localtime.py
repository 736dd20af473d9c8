"""Times on pages in the class teacher's time zone; times typed into forms read in it.

Every time is stored as naive UTC (``webapp.models.base.utcnow``). A page shows it in the zone of
the teacher who owns the class: the teacher's own ``time_zone`` when set and valid, else the
school's default (``FRAMELAB_TIME_ZONE``), else UTC. Students never see the word "UTC": their
pages show the clock time only, and the zone name appears only on teacher pages.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, current_app, has_request_context
from flask_login import current_user
from markupsafe import Markup, escape

from webapp import config

UTC = ZoneInfo("UTC")
FORMATS = {
    "long": "%a %d %b %Y, %H:%M",
    "short": "%d %b %Y, %H:%M",
    "date": "%d %b %Y",
    "input": "%Y-%m-%dT%H:%M",
    "plain": "%Y-%m-%d %H:%M",
}


def zone_named(name: str | None) -> ZoneInfo | None:
    """The zone of an IANA name, or None for an empty or unknown one (never an error on a page)."""
    if not name or not isinstance(name, str):
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def school_zone() -> ZoneInfo:
    """The school's default zone: ``FRAMELAB_TIME_ZONE`` (app setting or environment), else UTC."""
    configured = current_app.config.get("FRAMELAB_TIME_ZONE") if current_app else config.time_zone()
    return zone_named(configured) or UTC


def teacher_zone(teacher) -> ZoneInfo:
    """The teacher's own zone, else the school's."""
    return zone_named(getattr(teacher, "time_zone", None)) or school_zone()


def page_zone() -> ZoneInfo:
    """The zone of the signed-in person's pages: a teacher's own, a student's class teacher's."""
    if not has_request_context() or not getattr(current_user, "is_authenticated", False):
        return school_zone()
    if current_user.is_teacher:
        return teacher_zone(current_user)
    return teacher_zone(current_user.classroom.teacher)


def to_local(value: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A stored naive-UTC time as an aware time in ``zone``."""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone)


def to_utc(local: dt.datetime | None, zone: ZoneInfo) -> dt.datetime | None:
    """A wall-clock time typed in ``zone`` as the naive UTC instant to store."""
    if local is None:
        return None
    aware = local.replace(tzinfo=zone) if local.tzinfo is None else local
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def shows_zone_name() -> bool:
    """Only teachers see a zone's name beside a time; never students (they never see "UTC")."""
    return bool(has_request_context() and getattr(current_user, "is_authenticated", False)
                and current_user.is_teacher)


def zone_label(zone: ZoneInfo | None = None) -> str:
    """A teacher-facing name of the zone, e.g. ``America/Chicago``."""
    return str(zone or page_zone())


def format_local(value: dt.datetime | None, style: str = "long", zone: ZoneInfo | None = None) -> str:
    """Plain text of a stored time in the page's zone ("" for none)."""
    if value is None:
        return ""
    return to_local(value, zone or page_zone()).strftime(FORMATS.get(style, style))


def time_tag(value: dt.datetime | None, style: str = "long", empty: str = "—") -> Markup:
    """A ``<time>`` element: the machine-readable instant, the local clock time for people, and the
    zone's abbreviation for teachers only."""
    if value is None:
        return Markup(escape(empty))
    local = to_local(value, page_zone())
    text = local.strftime(FORMATS.get(style, style))
    if shows_zone_name() and style not in ("date", "input"):
        text += f" {local.tzname()}"
    instant = value.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return Markup('<time datetime="{}">{}</time>').format(instant, text)


def now_local(style: str = "plain") -> str:
    """Now in the page's zone, for a form's hint."""
    return format_local(dt.datetime.now(dt.UTC).replace(tzinfo=None), style)


def register(app: Flask) -> None:
    """The ``localtime`` filter (``{{ t|localtime }}``, ``{{ t|localtime('date') }}``) and helpers."""
    app.add_template_filter(time_tag, "localtime")
    app.add_template_filter(format_local, "localtext")
    app.add_template_global(zone_label, "time_zone_label")
    app.add_template_global(shows_zone_name, "shows_time_zone")
