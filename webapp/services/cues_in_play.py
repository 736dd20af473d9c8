"""The one query for the cues in play (the order is webapp.grading.cues's)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.grading.cues import in_play, union_of
from webapp.models import Cue, Exercise


def cues_in_play(session: Session, *exercises: Exercise) -> list[Cue]:
    """The Cue rows in play in ``exercises`` (one, or a lesson's), in the taxonomy's order
    (see :mod:`webapp.grading.cues`): the palette, the feedback page, the dashboard and every
    export show the cues in this order."""
    ids = union_of([exercise.cues for exercise in exercises])
    if not ids:
        return []
    return in_play(session.scalars(select(Cue).where(Cue.id.in_(ids))), ids)
