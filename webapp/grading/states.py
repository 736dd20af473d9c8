"""The stored words for where a piece of work stands, how an exercise is done, and how sure a
student is of a label: one enum each, used by the models' CHECK constraints, the services, the
forms and the exports, instead of string literals spread over the code.

They are ``StrEnum``\\ s, so a member *is* its stored string: ``WorkStatus.SUBMITTED ==
"submitted"``, rows written before the enums read back the same, and JSON and CSV get the word.
"""

from __future__ import annotations

from enum import StrEnum


class WorkStatus(StrEnum):
    """A submission's stored status."""

    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


class ShownStatus(StrEnum):
    """A student's status on an assignment as teachers see it: computed from the submission and
    the due date (webapp.services.assignments.work_status), never stored."""

    LATE = "late"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED_LATE = "submitted_late"
    SUBMITTED = "submitted"


class ExerciseMode(StrEnum):
    """Practice: feedback after each label, not graded. Graded: feedback after handing in."""

    PRACTICE = "practice"
    GRADED = "graded"


class Confidence(StrEnum):
    """How sure a student says they are of one label."""

    SURE = "sure"
    UNSURE = "unsure"


def check_in(column: str, enum: type[StrEnum]) -> str:
    """The SQL of a CHECK constraint that ``column`` holds one of ``enum``'s words."""
    return f"{column} IN ({', '.join(repr(str(m.value)) for m in enum)})"
