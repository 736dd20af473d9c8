"""How pages show a cue: its colour as CSS custom properties and what the labelling script may know
of it (never the key). Shared by the exercise, review and authoring pages, so it lives here and
not in one blueprint."""

from __future__ import annotations

import re

from webapp.models import Cue

_HEX = re.compile(r"#([0-9A-Fa-f]{6})")
_SLUG = re.compile(r"[a-z0-9-]{1,40}")


def cue_css(cues: list[Cue]) -> str:
    """Custom properties per cue: ``--cue`` (the colour) and ``--cue-rgb`` (for tints).
    Only well-formed ids and colours are written, so the stylesheet cannot be injected into."""
    rules = []
    for cue in cues:
        colour = _HEX.fullmatch(cue.colour or "")
        if colour is None or not _SLUG.fullmatch(cue.id):
            continue
        red, green, blue = (int(colour.group(1)[i:i + 2], 16) for i in (0, 2, 4))
        rules.append(f".cue-{cue.id} {{ --cue: #{colour.group(1)}; --cue-rgb: {red}, {green}, {blue}; }}")
    return "/* FrameLab cue colours, from corpus/cues.yaml */\n" + "\n".join(rules) + "\n"


def cue_dict(cue: Cue) -> dict:
    """What the page's script knows of a cue: never the key, only the palette."""
    return {"id": cue.id, "name": cue.name, "key": cue.key, "pattern": cue.pattern}
