"""The story page's charts: the shared dot plots and source bars of webapp.services.charts, and
the cue counts of the answer key (solid) beside the classifier's (hatched), values printed."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from webapp.services.charts import count_bars, dot_plot, tag, text
from webapp.stories.service import ArticleColumn


def _frame(chart_id: str, title: str, description: str, width: int, height: int, body: str) -> Markup:
    head = tag("title", str(escape(title)), id=f"{chart_id}-title") + tag(
        "desc", str(escape(description)), id=f"{chart_id}-desc")
    return Markup(tag("svg", head + body, id=chart_id, class_="chart", role="img", viewBox=f"0 0 {width} {height}",
                      xmlns="http://www.w3.org/2000/svg", aria_labelledby=f"{chart_id}-title {chart_id}-desc",
                      preserveAspectRatio="xMinYMin meet"))


def cue_bars(columns: Sequence[ArticleColumn], chart_id: str = "story-cues") -> Markup:
    """Per article: cues in the answer key (solid bar) and cues the classifier found (hatched bar)."""
    left, width, row_h = 160, 640, 46
    height = 30 + row_h * len(columns)
    top = max([max(c.key_total, c.classifier_total) for c in columns] + [1])
    scale = (width - left - 150) / top  # room for the printed value
    hatch = f"{chart_id}-hatch"
    parts = [tag("defs", tag("pattern", tag("path", d="M0,6 L6,0", class_="hatch-line"), id=hatch, width="6",
                             height="6", patternUnits="userSpaceOnUse"))]
    for n, column in enumerate(columns):
        y = 8 + n * row_h
        parts.append(text(4, y + 18, column.figures.label, class_="row-label"))
        for offset, value, kind, css, fill in ((0, column.key_total, "in the key", "bar-named", None),
                                               (18, column.classifier_total, "by the classifier", "bar-anonymous",
                                                f"url(#{hatch})")):
            w = value * scale
            parts.append(tag("rect", x=str(left), y=str(y + offset), width=f"{w:.1f}", height="15", class_=css,
                             fill=fill))
            parts.append(text(left + w + 6, y + offset + 12, f"{value} {kind}", class_="tick"))
    description = "; ".join(f"{c.figures.label}: {c.key_total} cues in the answer key, {c.classifier_total} found "
                            "by the classifier" for c in columns)
    return _frame(chart_id, "Framing cues: answer key and classifier", description, width, height, "".join(parts))


def story_charts(columns: Sequence[ArticleColumn]) -> dict[str, Markup]:
    """Every chart of the page, by name, each with the table of figures as its text alternative."""
    rows = [c.figures for c in columns]
    return {
        "polarity": dot_plot(rows, "polarity", "Polarity of each article (−1 negative … +1 positive)", -1.0, 1.0,
                             "story-polarity"),
        "subjectivity": dot_plot(rows, "subjectivity", "Subjectivity of each article (0 factual … 1 subjective)",
                                 0.0, 1.0, "story-subjectivity", fmt="{:.2f}"),
        "quoted": dot_plot(rows, "quoted_share", "Share of words inside quotation marks", 0.0, 1.0,
                           "story-quoted", fmt="{:.0%}"),
        "sources": count_bars(rows, "story-sources"),
        "cues": cue_bars(columns),
    }
