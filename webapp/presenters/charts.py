"""Every chart FrameLab draws, as inline SVG built on the server: no script, nothing from other
origins, and one set of helpers (elements, escaping, frame, hatching, scales, paired bars) so the
charts cannot drift apart.

Every chart is an ``<svg role="img">`` with a title and a description, reads without colour
(direction, hatching, marker shapes and printed values carry the meaning; colours only repeat
it) and is styled by classes in ``exercise.css`` and ``results.css`` (the content security policy
forbids inline styles). The page always puts a data table next to each chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from markupsafe import Markup, escape

from webapp.grading.states import ExerciseMode

if TYPE_CHECKING:  # types only: the charts read these objects' fields, never call their modules
    from webapp.presenters.panels import ArticleFigures, SentenceTone, TonePanel
    from webapp.services.class_cues import CueTrend


class ArticleColumn(Protocol):
    """What the story charts read of a column of the story page (``webapp.stories.service``),
    named here so that the presenters import no blueprint package."""

    @property
    def figures(self) -> ArticleFigures: ...

    @property
    def key_total(self) -> int: ...

    @property
    def classifier_total(self) -> int: ...


# -- shared helpers -------------------------------------------------------------------------------

def _attrs(attrs: dict) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in attrs.items() if v is not None)


def tag(name: str, content: str = "", **attrs) -> str:
    """One SVG element; ``content`` must already be markup (built here, never user text)."""
    return f"<{name}{_attrs(attrs)}>{content}</{name}>"


def text(x: float, y: float, words: str, **attrs) -> str:
    """A text element; ``words`` are escaped, so they may come from users."""
    return tag("text", str(escape(words)), x=f"{x:.1f}", y=f"{y:.1f}", **attrs)


def _svg(chart_id: str, title: str, description: str, width: int, height: int, body: str,
         css: str = "chart") -> Markup:
    """The labelled frame every chart shares: title and description name the image for screen readers."""
    head = tag("title", str(escape(title)), id=f"{chart_id}-title") + tag(
        "desc", str(escape(description)), id=f"{chart_id}-desc")
    return Markup(tag("svg", head + body, id=chart_id, class_=css, role="img", viewBox=f"0 0 {width} {height}",
                      xmlns="http://www.w3.org/2000/svg", aria_labelledby=f"{chart_id}-title {chart_id}-desc",
                      preserveAspectRatio="xMinYMin meet"))


def _hatch(pattern_id: str) -> str:
    line = tag("path", d="M0,6 L6,0", class_="hatch-line")
    return tag("defs", tag("pattern", line, id=pattern_id, width="6", height="6", patternUnits="userSpaceOnUse"))


@dataclass(frozen=True)
class Scale:
    """A linear axis: ``low`` maps to ``start``, ``high`` to ``start + span`` (``high`` may be below
    ``low`` for an axis drawn upwards); values outside are clamped when ``clamp`` is set."""

    low: float
    high: float
    start: float
    span: float
    clamp: bool = False

    def __call__(self, value: float) -> float:
        if self.clamp:
            value = min(max(value, min(self.low, self.high)), max(self.low, self.high))
        return self.start + (value - self.low) * (self.span / (self.high - self.low))


# A bar of a paired-bar chart: its value, the words printed after it and its CSS class.
Bar = tuple[int, str, str]
PAIR_LEFT, PAIR_WIDTH, PAIR_ROW = 160, 640, 46


def _bar_pairs(chart_id: str, title: str, rows: Sequence[tuple[str, str, Bar, Bar]], room: int,
               description: str) -> Markup:
    """One row per item: its label, a solid bar above a hatched one, each value printed after its
    bar (``room`` pixels are kept on the right for that text)."""
    height = 30 + PAIR_ROW * len(rows)
    top = max([max(solid[0], hatched[0]) for _, _, solid, hatched in rows] + [1])
    scale = (PAIR_WIDTH - PAIR_LEFT - room) / top
    hatch = f"{chart_id}-hatch"
    parts = [_hatch(hatch)]
    for n, (label, label_css, solid, hatched) in enumerate(rows):
        y = 8 + n * PAIR_ROW
        parts.append(text(4, y + 18, label, class_=label_css))
        for offset, (value, words, css), fill in ((0, solid, None), (18, hatched, f"url(#{hatch})")):
            w = value * scale
            parts.append(tag("rect", x=str(PAIR_LEFT), y=str(y + offset), width=f"{w:.1f}", height="15",
                             class_=css, fill=fill))
            parts.append(text(PAIR_LEFT + w + 6, y + offset + 12, f"{value} {words}", class_="tick"))
    return _svg(chart_id, title, description, PAIR_WIDTH, height, "".join(parts))


def _row_label_css(current: bool) -> str:
    return "row-label current" if current else "row-label"


# -- the feedback page's tone strip ---------------------------------------------------------------

@dataclass(frozen=True)
class StripLayout:
    left: int = 92
    width: int = 960
    mid: int = 70  # the polarity zero line
    half: int = 52  # pixels for polarity 1
    subj_base: int = 214
    subj_height: int = 64

    def bar(self, count: int) -> float:
        return (self.width - self.left - 8) / max(count, 1)


def _strip_axes(layout: StripLayout, count: int) -> str:
    right = layout.width - 8
    parts = [tag("line", x1=layout.left, x2=right, y1=layout.mid, y2=layout.mid, class_="axis"),
             tag("line", x1=layout.left, x2=right, y1=layout.subj_base, y2=layout.subj_base, class_="axis"),
             text(4, layout.mid - layout.half + 10, "positive +1", class_="tick"),
             text(4, layout.mid + 4, "polarity 0", class_="tick"),
             text(4, layout.mid + layout.half, "negative −1", class_="tick"),
             text(4, layout.subj_base - layout.subj_height + 10, "subjective 1", class_="tick"),
             text(4, layout.subj_base, "factual 0", class_="tick")]
    step = 1 if count <= 20 else 5
    for number in range(1, count + 1):
        if number == 1 or number % step == 0:
            x = layout.left + (number - 0.5) * layout.bar(count)
            parts.append(text(x, layout.subj_base + 16, str(number), class_="tick", text_anchor="middle"))
    return "".join(parts)


def _strip_bar(layout: StripLayout, count: int, sentence: SentenceTone, chosen: bool, hatch: str) -> str:
    width = layout.bar(count)
    x = layout.left + (sentence.number - 1) * width
    gap = min(2.0, width * 0.15)
    size = abs(sentence.polarity) * layout.half
    parts = []
    if chosen:
        parts.append(tag("rect", x=f"{x:.1f}", y="8", width=f"{width:.1f}", height=str(layout.subj_base - 8),
                         class_="chosen"))
    if sentence.polarity >= 0:
        parts.append(tag("rect", x=f"{x + gap:.1f}", y=f"{layout.mid - size:.1f}", width=f"{width - 2 * gap:.1f}",
                         height=f"{size:.1f}", class_="bar-pos"))
    else:
        parts.append(tag("rect", x=f"{x + gap:.1f}", y=str(layout.mid), width=f"{width - 2 * gap:.1f}",
                         height=f"{size:.1f}", class_="bar-neg", fill=f"url(#{hatch})"))
    height = sentence.subjectivity * layout.subj_height
    parts.append(tag("rect", x=f"{x + gap:.1f}", y=f"{layout.subj_base - height:.1f}",
                     width=f"{width - 2 * gap:.1f}", height=f"{height:.1f}", class_="bar-subj"))
    label = f"Sentence {sentence.number}: polarity {sentence.polarity:+.2f}, subjectivity {sentence.subjectivity:.2f}"
    return tag("g", tag("title", str(escape(label))) + "".join(parts))


def tone_strip(sentences: Sequence[SentenceTone], chosen: int | None = None, chart_id: str = "tone-strip") -> Markup:
    """Polarity (bars up for positive, hatched bars down for negative) above subjectivity (bars up),
    one column per sentence in reading order."""
    layout = StripLayout()
    hatch = f"{chart_id}-hatch"
    body = _hatch(hatch) + _strip_axes(layout, len(sentences))
    body += "".join(_strip_bar(layout, len(sentences), s, s.number == chosen, hatch) for s in sentences)
    most = max(sentences, key=lambda s: s.subjectivity, default=None)
    description = (f"{len(sentences)} sentences in reading order. "
                   + (f"The most subjective is sentence {most.number} ({most.subjectivity:.2f}). " if most else "")
                   + "The table below gives every value.")
    return _svg(chart_id, "Tone sentence by sentence", description, layout.width, layout.subj_base + 24, body)


# -- the story comparisons: dot plots and paired bars ---------------------------------------------

def _marker(x: float, y: float, current: bool) -> str:
    if current:  # a square for this article, circles for the others: shape, not colour
        return tag("rect", x=f"{x - 6:.1f}", y=f"{y - 6:.1f}", width="12", height="12", class_="dot dot-current")
    return tag("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="6", class_="dot")


def dot_plot(rows: Sequence[ArticleFigures], field: str, title: str, low: float, high: float,
             chart_id: str, fmt: str = "{:+.2f}") -> Markup:
    """One row per article with a marker at its value; the current article drawn as a square."""
    left, width, row_h = 160, 640, 30
    height = 34 + row_h * len(rows)
    x_of = Scale(low, high, left, width - left - 70, clamp=True)
    parts = [tag("line", x1=f"{x_of(low):.1f}", x2=f"{x_of(high):.1f}", y1=str(height - 22),
                 y2=str(height - 22), class_="axis"),
             text(x_of(low), height - 6, fmt.format(low), class_="tick", text_anchor="middle"),
             text(x_of(high), height - 6, fmt.format(high), class_="tick", text_anchor="middle")]
    if low < 0 < high:
        parts.append(tag("line", x1=f"{x_of(0):.1f}", x2=f"{x_of(0):.1f}", y1="4", y2=str(height - 22),
                         class_="axis zero"))
    for n, row in enumerate(rows):
        y = 18 + n * row_h
        value = getattr(row, field)
        weight = _row_label_css(row.current)
        parts += [text(4, y + 4, row.label, class_=weight),
                  tag("line", x1=f"{x_of(low):.1f}", x2=f"{x_of(high):.1f}", y1=str(y), y2=str(y), class_="grid"),
                  _marker(x_of(value), y, row.current),
                  text(width - 62, y + 4, fmt.format(value), class_=weight)]
    description = "; ".join(f"{r.label}: {fmt.format(getattr(r, field))}" for r in rows)
    return _svg(chart_id, title, description, width, height, "".join(parts))


def count_bars(rows: Sequence[ArticleFigures], chart_id: str = "sourcing-counts") -> Markup:
    """Named sources (solid bar) and anonymous sources (hatched bar) per article, values printed."""
    pairs = [(r.label, _row_label_css(r.current), (r.named, "named", "bar-named"),
              (r.anonymous, "anonymous", "bar-anonymous")) for r in rows]
    description = "; ".join(f"{r.label}: {r.named} named, {r.anonymous} anonymous" for r in rows)
    return _bar_pairs(chart_id, "Named and anonymous sources in each article of the story", pairs, 80, description)


def cue_bars(columns: Sequence[ArticleColumn], chart_id: str = "story-cues") -> Markup:
    """Per article: cues in the answer key (solid bar) and cues the classifier found (hatched bar)."""
    pairs = [(c.figures.label, "row-label", (c.key_total, "in the key", "bar-named"),
              (c.classifier_total, "by the classifier", "bar-anonymous")) for c in columns]
    description = "; ".join(f"{c.figures.label}: {c.key_total} cues in the answer key, {c.classifier_total} found "
                            "by the classifier" for c in columns)
    return _bar_pairs(chart_id, "Framing cues: answer key and classifier", pairs, 150, description)


def story_charts(columns: Sequence[ArticleColumn]) -> dict[str, Markup]:
    """Every chart of the story page, by name, each with the table of figures as its text alternative."""
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


def _reach(figures: Sequence[ArticleFigures], field: str) -> float:
    """A symmetric axis wide enough for every article (at least ±0.2, in steps of 0.1)."""
    top = max([abs(getattr(f, field)) for f in figures] + [0.2])
    return math.ceil(round(top * 10, 6)) / 10


def feedback_charts(tone: TonePanel) -> dict[str, Markup]:
    """Every chart of the feedback page's tone and sourcing panels, by name."""
    figures = tone.story
    reach = _reach(figures, "polarity")
    return {
        "strip": tone_strip(tone.sentences, tone.chosen.number if tone.chosen else None),
        "polarity": dot_plot(figures, "polarity", "Average polarity of each article of the story",
                             -reach, reach, "story-polarity"),
        "subjectivity": dot_plot(figures, "subjectivity", "Average subjectivity of each article of the story",
                                 0.0, max([0.5] + [f.subjectivity for f in figures]),
                                 "story-subjectivity", "{:.2f}"),
        "sources": count_bars(figures),
    }


# -- the results dashboard's cue trend --------------------------------------------------------------

TREND_LEGEND = ("Graded work: F1 as filled round marks on a solid line, recall as square marks on a dashed line. "
                "Practice: hollow round marks and dotted squares on dotted lines, each value followed by P. "
                "A line joins only assignments of the same kind.")

TREND_WIDTH, TREND_HEIGHT, TREND_LEFT, TREND_RIGHT, TREND_TOP, TREND_BOTTOM = 520, 190, 44, 24, 16, 34
_trend_y = Scale(1, 0, TREND_TOP, TREND_HEIGHT - TREND_TOP - TREND_BOTTOM)


def _trend_x(index: int, columns: int) -> float:
    span = TREND_WIDTH - TREND_LEFT - TREND_RIGHT
    return TREND_LEFT + (span / 2 if columns == 1 else span * index / (columns - 1))


def _trend_axes(columns: int) -> str:
    parts = []
    for value in (0, 0.5, 1):
        y = _trend_y(value)
        parts += [tag("line", x1=str(TREND_LEFT), x2=str(TREND_WIDTH - TREND_RIGHT), y1=f"{y:.1f}", y2=f"{y:.1f}",
                      class_="grid"),
                  text(TREND_LEFT - 6, y + 4, f"{round(value * 100)}%", class_="tick", text_anchor="end")]
    parts += [text(_trend_x(i, columns), TREND_HEIGHT - 10, f"A{i + 1}", class_="tick", text_anchor="middle")
              for i in range(columns)]
    return "".join(parts)


def _trend_series(points: list[tuple[int, float]], columns: int, kind: str, practice: bool) -> str:
    """One measure of one kind of work: a line through its points, a marker at each and the value
    printed (practice markers are hollow and carry a "P")."""
    xy = [(_trend_x(i, columns), _trend_y(v), v) for i, v in points]
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
    graded and practice work as separate series (13.5: a practice score never reads as the step
    before a graded one; graded markers are filled, practice ones hollow and marked "P")."""
    body = _trend_axes(columns)
    for mode in (ExerciseMode.GRADED, ExerciseMode.PRACTICE):
        series = trend.series(mode)
        practice = mode == ExerciseMode.PRACTICE
        body += (_trend_series([(i, p.recall) for i, p in series], columns, "recall", practice)
                 + _trend_series([(i, p.f1) for i, p in series], columns, "f1", practice))
    indexed = [(i, c) for i, c in enumerate(trend.cells) if not isinstance(c, str)]
    described = "; ".join(f"A{i + 1}{' (practice)' if p.mode == ExerciseMode.PRACTICE else ''}: "
                          f"F1 {round(p.f1 * 100)}%, recall {round(p.recall * 100)}%" for i, p in indexed)
    title = f"{trend.name}: the class's F1 and recall per assignment, graded and practice work apart"
    return _svg(chart_id, title, (described or "No scored assignment yet.") + ". " + TREND_LEGEND,
                TREND_WIDTH, TREND_HEIGHT, body, css="chart trend-chart")
