"""Who may use shared content: what FrameLab ships (no owner) and a teacher's own rows, never
another teacher's. The one rule behind every list and lookup of stories, articles, exercises
and lessons, as an SQL condition and as a check on a loaded row."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import or_
from sqlalchemy.orm import Session

Row = TypeVar("Row")


def visible_to(model, teacher_id: int | None, column: str = "owner_id"):
    """SQL condition: ``model`` rows the teacher may use (``column`` names the owner: ``owner_id``,
    or ``author_id`` for key labels)."""
    owner = getattr(model, column)
    return or_(owner.is_(None), owner == teacher_id)


def may_use(row, teacher_id: int | None) -> bool:
    """Whether a loaded row is the corpus's or the teacher's own."""
    return row is not None and row.owner_id in (None, teacher_id)


def visible_row(session: Session, model: type[Row], row_id, teacher_id: int | None) -> Row | None:
    """The row with ``row_id`` when the teacher may use it; None otherwise (a 404 to them)."""
    row = session.get(model, row_id)
    return row if may_use(row, teacher_id) else None
