"""The cues in play on an exercise, in the one order every page and export shows them.

That order is the taxonomy's (``position`` in corpus/cues.yaml): the labelling palette's number
keys, the feedback page, the dashboard's columns and the gradebook's columns all follow it, so a
teacher reading the gradebook beside the dashboard finds the columns in the same place. The
exercise's own list says only *which* cues are in play; its order is not used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, TypeVar


class _Positioned(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def position(self) -> int: ...


C = TypeVar("C", bound=_Positioned)


def in_play(taxonomy: Iterable[C], cue_ids: Iterable[str]) -> list[C]:
    """The cues of ``taxonomy`` whose ids are in ``cue_ids``, by taxonomy position (then id);
    ids that are not in the taxonomy are left out."""
    wanted = set(cue_ids)
    return sorted((c for c in taxonomy if c.id in wanted), key=lambda c: (c.position, c.id))


def ids_in_play(positions: Mapping[str, int], cue_ids: Iterable[str]) -> list[str]:
    """The same order for bare ids, given each cue's taxonomy position."""
    return sorted({c for c in cue_ids if c in positions}, key=lambda c: (positions[c], c))


def union_of(cue_lists: Sequence[Iterable[str]]) -> set[str]:
    """Every cue in play in any of several exercises (a lesson's)."""
    return {c for cues in cue_lists for c in cues}
