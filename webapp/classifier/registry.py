"""The cue registry: what the classifier knows of each cue, read from corpus/cues.yaml.

Each cue's ``classifier:`` block there says which word list fires its stacked rule
(``rule_lexicon``), whether TextBlob's tone is among its signals (``tone``), which of the dense
signals its model may use (``signals``, names from :mod:`webapp.classifier.signals`), how far a
trigger span reaches (``span``: the words, to the end of their clause, or the whole clause) and
whether it counts towards the "framed sentence" flag (``framing``). The per-cue tables of
:mod:`.signals`, :mod:`.spans` and :mod:`.evaluate` are built from it, so a new cue is its entry
in cues.yaml (and the id in webapp/corpus/cues.py's list), then a retraining; only a cue with a
span shape of its own (a quotation, a question, a source phrase) needs code in spans.py.

The shipped file is read, not FRAMELAB_CORPUS's: the trained model belongs to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from webapp.corpus.yamlio import load_yaml
from webapp.paths import PROJECT_ROOT

SPANS = ("words", "to-clause-end", "whole-clause")
CUES_FILE = PROJECT_ROOT / "corpus" / "cues.yaml"


class RegistryError(ValueError):
    """corpus/cues.yaml's classifier block of a cue is missing or malformed."""


@dataclass(frozen=True)
class CueSpec:
    id: str
    rule_lexicon: str | None
    tone: bool
    signals: tuple[str, ...]
    span: str
    framing: bool


def _spec(entry: dict, path: Path) -> CueSpec:
    cue, block = str(entry.get("id")), entry.get("classifier")
    if not isinstance(block, dict):
        raise RegistryError(f"{path}: cue '{cue}' has no classifier block")
    span = str(block.get("span", "words"))
    if span not in SPANS:
        raise RegistryError(f"{path}: cue '{cue}': span must be one of {', '.join(SPANS)}, not {span!r}")
    signals = block.get("signals") or []
    if not isinstance(signals, list) or not all(isinstance(s, str) for s in signals):
        raise RegistryError(f"{path}: cue '{cue}': signals must be a list of signal names")
    lexicon = block.get("rule_lexicon")
    return CueSpec(cue, str(lexicon) if lexicon else None, bool(block.get("tone", False)), tuple(signals),
                   span, bool(block.get("framing", True)))


@cache
def registry(path: Path = CUES_FILE) -> tuple[CueSpec, ...]:
    """Every cue's classifier entry, in the taxonomy's order."""
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    return tuple(_spec(entry, path) for entry in data.get("cues") or [])
