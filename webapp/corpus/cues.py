"""The cue taxonomy (``corpus/cues.yaml``): the nine framing cues students label."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from webapp.corpus.articles import CorpusError
from webapp.corpus.yamlio import YAMLError, line_of, load_yaml_with_lines

CUE_IDS = (
    "loaded-language", "labeling", "scare-quotes", "dismissive-framing", "motive-attribution",
    "rhetorical-question", "speculation", "editorializing", "anonymous-sourcing",
)
_TEXT_FIELDS = ("name", "definition", "how_to_spot", "hint", "common_confusion", "colour", "pattern")


@dataclass(frozen=True)
class Example:
    text: str
    note: str


@dataclass(frozen=True)
class Cue:
    id: str
    key: str
    name: str
    colour: str
    pattern: str
    definition: str
    how_to_spot: str
    hint: str
    common_confusion: str
    examples: tuple[Example, ...]
    semeval2023_task3: tuple[str, ...]
    media_frames: tuple[str, ...]


def _parse_cue(entry, where: str) -> Cue:
    line = line_of(entry)
    missing = [f for f in ("id", "key", *_TEXT_FIELDS, "examples") if not entry.get(f)]
    if missing:
        raise CorpusError(f"{where}:{line}: cue '{entry.get('id')}' lacks {', '.join(missing)}")
    examples = tuple(Example(str(e["text"]), str(e.get("note", ""))) for e in entry["examples"])
    if len(examples) < 2:
        raise CorpusError(f"{where}:{line}: cue '{entry['id']}' needs at least two examples")
    research = entry.get("research") or {}
    return Cue(
        id=str(entry["id"]), key=str(entry["key"]),
        examples=examples,
        semeval2023_task3=tuple(research.get("semeval2023_task3") or ()),
        media_frames=tuple(research.get("media_frames") or ()),
        **{f: str(entry[f]).strip() for f in _TEXT_FIELDS},
    )


def load_cues(path: Path) -> dict[str, Cue]:
    """All cues by id, in taxonomy order; the file must define exactly :data:`CUE_IDS`."""
    try:
        data = load_yaml_with_lines(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as error:
        raise CorpusError(f"{path}: cannot read the cue taxonomy: {error}") from None
    entries = (data or {}).get("cues") or []
    cues = {}
    for entry in entries:
        cue = _parse_cue(entry, str(path))
        if cue.id in cues:
            raise CorpusError(f"{path}:{line_of(entry)}: cue '{cue.id}' is defined twice")
        cues[cue.id] = cue
    if tuple(cues) != CUE_IDS:
        raise CorpusError(f"{path}: the cues must be exactly, in order: {', '.join(CUE_IDS)}")
    return cues
