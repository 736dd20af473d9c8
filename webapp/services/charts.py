"""Charts drawn on the server as inline SVG: no script, nothing from other origins.

Every chart is an ``<svg role="img">`` with a title and a description, reads without colour
(direction, hatching, marker shapes and printed values carry the meaning; colours only repeat
it) and is styled by classes in ``exercise.css`` (the content security policy forbids inline
styles). The page always puts a data table next to each chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from webapp.services.panels import ArticleFigures, SentenceTone


def _attrs(attrs: dict) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in attrs.items() if v is not None)


def tag(name: str, content: str = "", **attrs) -> str:
    """One SVG element; ``content`` must already be markup (built here, never user text)."""
    return f"<{name}{_attrs(attrs)}>{content}</{name}>"


def text(x: float, y: float, words: str, **attrs) -> str:
    return tag("text", str(escape(words)), x=f"{x:.1f}", y=f"{y:.1f}", **attrs)


def _svg(chart_id: str, title: str, description: str, width: int, height: int, body: str) -> Markup:
    head = tag("title", str(escape(title)), id=f"{chart_id}-title") + tag(
        "desc", str(escape(description)), id=f"{chart_id}-desc")
    return Markup(tag("svg", head + body, id=chart_id, class_="chart", role="img", viewBox=f"0 0 {width} {height}",
                      xmlns="http://www.w3.org/2000/svg", aria_labelledby=f"{chart_id}-title {chart_id}-desc",
                      preserveAspectRatio="xMinYMin meet"))


def _hatch(pattern_id: str) -> str:
    line = tag("path", d="M0,6 L6,0", class_="hatch-line")
    return tag("defs", tag("pattern", line, id=pattern_id, width="6", height="6", patternUnits="userSpaceOnUse"))


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


def _marker(x: float, y: float, current: bool) -> str:
    if current:  # a square for this article, circles for the others: shape, not colour
        return tag("rect", x=f"{x - 6:.1f}", y=f"{y - 6:.1f}", width="12", height="12", class_="dot dot-current")
    return tag("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="6", class_="dot")


def dot_plot(rows: Sequence[ArticleFigures], field: str, title: str, low: float, high: float,
             chart_id: str, fmt: str = "{:+.2f}") -> Markup:
    """One row per article with a marker at its value; the current article drawn as a square."""
    left, width, row_h = 160, 640, 30
    height = 34 + row_h * len(rows)
    scale = (width - left - 70) / (high - low)
    x_of = lambda v: left + (min(max(v, low), high) - low) * scale
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
        weight = "row-label current" if row.current else "row-label"
        parts += [text(4, y + 4, row.label, class_=weight),
                  tag("line", x1=f"{x_of(low):.1f}", x2=f"{x_of(high):.1f}", y1=str(y), y2=str(y), class_="grid"),
                  _marker(x_of(value), y, row.current),
                  text(width - 62, y + 4, fmt.format(value), class_=weight)]
    description = "; ".join(f"{r.label}: {fmt.format(getattr(r, field))}" for r in rows)
    return _svg(chart_id, title, description, width, height, "".join(parts))


def count_bars(rows: Sequence[ArticleFigures], chart_id: str = "sourcing-counts") -> Markup:
    """Named sources (solid bar) and anonymous sources (hatched bar) per article, values printed."""
    left, width, row_h = 160, 640, 46
    height = 30 + row_h * len(rows)
    top = max([max(r.named, r.anonymous) for r in rows] + [1])
    scale = (width - left - 80) / top
    hatch = f"{chart_id}-hatch"
    parts = [_hatch(hatch)]
    for n, row in enumerate(rows):
        y = 8 + n * row_h
        weight = "row-label current" if row.current else "row-label"
        parts.append(text(4, y + 18, row.label, class_=weight))
        for offset, value, kind, fill in ((0, row.named, "named", None), (18, row.anonymous, "anonymous",
                                                                           f"url(#{hatch})")):
            w = value * scale
            parts.append(tag("rect", x=str(left), y=str(y + offset), width=f"{w:.1f}", height="15",
                             class_=f"bar-{kind}", fill=fill))
            parts.append(text(left + w + 6, y + offset + 12, f"{value} {kind}", class_="tick"))
    description = "; ".join(f"{r.label}: {r.named} named, {r.anonymous} anonymous" for r in rows)
    return _svg(chart_id, "Named and anonymous sources in each article of the story", description,
                width, height, "".join(parts))
