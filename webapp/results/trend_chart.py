"""A small line chart of one cue over the class's assignments, drawn on the server as SVG.

F1 is a solid line with round markers, recall a dashed line with square markers, and every value
is printed beside its marker, so the chart reads without colour; the page puts the same figures
in a table under it. Practice and graded work are separate series (13.5): graded assignments'
markers are filled, practice ones hollow and marked "P", and a line only joins assignments of the
same kind, so a practice score never reads as the step before a graded one. The legend
(:data:`LEGEND`) says this in words. Styled by classes in results.css (the content security policy forbids
inline styles).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from webapp.grading.states import ExerciseMode
from webapp.services.charts import tag, text
from webapp.services.class_cues import CueTrend

LEGEND = ("Graded work: F1 as filled round marks on a solid line, recall as square marks on a dashed line. "
          "Practice: hollow round marks and dotted squares on dotted lines, each value followed by P. "
          "A line joins only assignments of the same kind.")

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


def _series(points: list[tuple[int, float]], columns: int, kind: str, practice: bool) -> str:
    """One measure of one kind of work: a line through its points, a marker at each and the value
    printed (practice markers are hollow and carry a "P")."""
    xy = [(_x(i, columns), _y(v), v) for i, v in points]
    extra = " practice" if practice else ""
    parts = []
    if len(xy) > 1:
        parts.append(tag("polyline", points=" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in xy),
                         class_=f"line-{kind}{extra}"))
    for x, y, v in xy:
        value = f"{round(v * 100)}%" + (" P" if practice else "")
        if kind == "f1":
            parts.append(tag("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="5", class_=f"mark-f1{extra}"))
            parts.append(text(x + 8, y - 6, value, class_="value"))
        else:
            parts.append(tag("rect", x=f"{x - 4:.1f}", y=f"{y - 4:.1f}", width="8", height="8",
                             class_=f"mark-recall{extra}"))
            parts.append(text(x + 8, y + 14, value, class_="value value-recall"))
    return "".join(parts)


def trend_chart(trend: CueTrend, columns: int, chart_id: str) -> Markup:
    """F1 and recall of the class on ``trend``'s cue, one position per assignment (A1, A2…),
    graded and practice work as separate series."""
    body = _axes(columns)
    for mode in (ExerciseMode.GRADED, ExerciseMode.PRACTICE):
        series = trend.series(mode)
        practice = mode == ExerciseMode.PRACTICE
        body += (_series([(i, p.recall) for i, p in series], columns, "recall", practice)
                 + _series([(i, p.f1) for i, p in series], columns, "f1", practice))
    indexed = [(i, c) for i, c in enumerate(trend.cells) if not isinstance(c, str)]
    described = "; ".join(f"A{i + 1}{' (practice)' if p.mode == ExerciseMode.PRACTICE else ''}: "
                          f"F1 {round(p.f1 * 100)}%, recall {round(p.recall * 100)}%" for i, p in indexed)
    head = (tag("title", str(escape(f"{trend.name}: the class's F1 and recall per assignment, graded and "
                                    "practice work apart")), id=f"{chart_id}-title")
            + tag("desc", str(escape((described or "No scored assignment yet.") + ". " + LEGEND)),
                  id=f"{chart_id}-desc"))
    return Markup(tag("svg", head + body, id=chart_id, class_="chart trend-chart", role="img",
                      viewBox=f"0 0 {WIDTH} {HEIGHT}", xmlns="http://www.w3.org/2000/svg",
                      aria_labelledby=f"{chart_id}-title {chart_id}-desc", preserveAspectRatio="xMinYMin meet"))
