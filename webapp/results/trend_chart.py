"""A small line chart of one cue over the class's assignments, drawn on the server as SVG.

F1 is a solid line with round markers, recall a dashed line with square markers, and every value
is printed beside its marker, so the chart reads without colour; the page puts the same figures
in a table under it. Styled by classes in results.css (the content security policy forbids
inline styles).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from webapp.services.charts import tag, text
from webapp.services.class_cues import CueTrend, Point

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 520, 190, 44, 24, 16, 34


def _x(index: int, columns: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if columns == 1 else span * index / (columns - 1))


def _y(value: float) -> float:
    return TOP + (1 - value) * (HEIGHT - TOP - BOTTOM)


def _axes(columns: int) -> str:
    parts = []
    for value in (0, 0.5, 1):
        y = _y(value)
        parts += [tag("line", x1=str(LEFT), x2=str(WIDTH - RIGHT), y1=f"{y:.1f}", y2=f"{y:.1f}", class_="grid"),
                  text(LEFT - 6, y + 4, f"{round(value * 100)}%", class_="tick", text_anchor="end")]
    parts += [text(_x(i, columns), HEIGHT - 10, f"A{i + 1}", class_="tick", text_anchor="middle")
              for i in range(columns)]
    return "".join(parts)


def _series(points: list[tuple[int, float]], columns: int, kind: str) -> str:
    """One measure: a line through its points, a marker at each and the value printed."""
    xy = [(_x(i, columns), _y(v), v) for i, v in points]
    parts = []
    if len(xy) > 1:
        parts.append(tag("polyline", points=" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in xy), class_=f"line-{kind}"))
    for x, y, v in xy:
        if kind == "f1":
            parts.append(tag("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="5", class_="mark-f1"))
            parts.append(text(x + 8, y - 6, f"{round(v * 100)}%", class_="value"))
        else:
            parts.append(tag("rect", x=f"{x - 4:.1f}", y=f"{y - 4:.1f}", width="8", height="8", class_="mark-recall"))
            parts.append(text(x + 8, y + 14, f"{round(v * 100)}%", class_="value value-recall"))
    return "".join(parts)


def trend_chart(trend: CueTrend, columns: int, chart_id: str) -> Markup:
    """F1 and recall of the class on ``trend``'s cue, one position per assignment (A1, A2…)."""
    indexed = [(i, c) for i, c in enumerate(trend.cells) if isinstance(c, Point)]
    body = (_axes(columns) + _series([(i, p.recall) for i, p in indexed], columns, "recall")
            + _series([(i, p.f1) for i, p in indexed], columns, "f1"))
    described = "; ".join(f"A{i + 1}: F1 {round(p.f1 * 100)}%, recall {round(p.recall * 100)}%" for i, p in indexed)
    head = (tag("title", str(escape(f"{trend.name}: the class's F1 and recall per assignment")), id=f"{chart_id}-title")
            + tag("desc", str(escape(described or "No scored assignment yet.")), id=f"{chart_id}-desc"))
    return Markup(tag("svg", head + body, id=chart_id, class_="chart trend-chart", role="img",
                      viewBox=f"0 0 {WIDTH} {HEIGHT}", xmlns="http://www.w3.org/2000/svg",
                      aria_labelledby=f"{chart_id}-title {chart_id}-desc", preserveAspectRatio="xMinYMin meet"))
