"""The class's page of cues over time: each cue across all the assignments of the class."""

from __future__ import annotations

from flask import render_template

from webapp.extensions import db
from webapp.presenters.charts import TREND_LEGEND, trend_chart
from webapp.results.downloads import CLASS_DOWNLOADS, download_links
from webapp.results.routes import bp
from webapp.services import class_cues
from webapp.web.access import own_classroom, teacher_required


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


@bp.get("/classes/<int:classroom_id>/cues")
@teacher_required
def class_cues_page(classroom_id: int):
    classroom = own_classroom(classroom_id)
    cues = class_cues.class_cues(db.session, classroom)
    charts = {t.cue: trend_chart(t, len(cues.columns), f"trend-{t.cue}") for t in cues.trends}
    return render_template(
        "results/class_cues.html", classroom=classroom, cues=cues, charts=charts,
        summary=class_cues.summary(cues), percent=percent, legend=TREND_LEGEND, basis=class_cues.basis,
        class_downloads=download_links(CLASS_DOWNLOADS, "results.download_class", classroom_id=classroom.id),
        thresholds={"well": class_cues.WELL, "misses": class_cues.MISSES, "over": class_cues.OVER,
                    "change": class_cues.CHANGE})
