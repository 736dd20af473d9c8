"""Help pages: a doc of ``docs/`` rendered as a page of the app (raw HTML in it is escaped), so
the dashboard's explanations link to one text that is also read on the repository."""

from __future__ import annotations

import re
from functools import lru_cache

from flask import Blueprint, render_template
from markupsafe import Markup

from webapp import paths
from webapp.services.lessons import render_markdown
from webapp.web.access import teacher_required

bp = Blueprint("help", __name__, url_prefix="/help")
PAGES = {"dashboard": "dashboard.md"}


def _anchor(match: re.Match) -> str:
    level, text = match.group(1), match.group(2)
    slug = re.sub(r"[^a-z0-9]+", "-", re.sub(r"<[^>]+>", "", text).lower()).strip("-")
    return f'<h{level} id="{slug}">{text}</h{level}>'


@lru_cache(maxsize=len(PAGES))
def help_page(name: str) -> tuple[str, Markup]:
    """(title, body) of a help page: its first heading and the rest, headings given ids to link to."""
    text = (paths.PROJECT_ROOT / "docs" / PAGES[name]).read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    html = str(render_markdown(rest, top_level=2))
    return first.lstrip("# ").strip(), Markup(re.sub(r"<h([2-4])>(.*?)</h\1>", _anchor, html))


@bp.get("/dashboard")
@teacher_required
def dashboard():
    title, body = help_page("dashboard")
    return render_template("help/page.html", title=title, body=body)
