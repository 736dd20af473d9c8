"""The same-story comparison for teachers: the list of stories and one page per story."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user

from webapp.compare.derived import DERIVED_SHARE
from webapp.extensions import db
from webapp.presenters.charts import story_charts
from webapp.stories.service import story_list, story_page
from webapp.web.access import teacher_required

bp = Blueprint("stories", __name__, url_prefix="/stories")


@bp.route("/")
@teacher_required
def index():
    return render_template("stories/index.html", stories=story_list(db.session, current_user.id))


@bp.route("/<story_id>")
@teacher_required
def show(story_id: str):
    page = story_page(db.session, story_id, current_user.id)
    if page is None:
        abort(404)
    return render_template("stories/show.html", page=page, charts=story_charts(page.columns),
                           threshold=DERIVED_SHARE)
