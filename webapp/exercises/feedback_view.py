"""What the feedback page shows of the key, and the one article view with its toggles.

Practice work is open to feedback at once, so before it is handed in the key stays hidden: the
student sees the verdict on each label they made, and a missed key passage only for the cue they
ask about ("Show me one I missed for Loaded language"). After submitting, or for the teacher,
everything shows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from webapp.grading.states import ExerciseMode, WorkStatus
from webapp.models import Assignment, Submission
from webapp.services.feedback import Feedback, Mark

VIEWS = {"mine": "Mine", "key": "The key", "model": "The computer"}


@dataclass(frozen=True)
class MissedCue:
    """A cue with key passages the student has not labelled, and whether one is shown."""

    cue: str
    name: str
    missed: int
    shown: Mark | None


def key_withheld(assignment: Assignment, submission: Submission | None, viewer: str) -> bool:
    """True on a student's practice feedback before they hand the work in."""
    submitted = submission is not None and submission.status == WorkStatus.SUBMITTED
    return viewer == "student" and assignment.exercise.mode == ExerciseMode.PRACTICE and not submitted


def views(withheld: bool) -> dict[str, str]:
    """The article views offered: the key's only once it may be seen."""
    return {k: v for k, v in VIEWS.items() if not (withheld and k == "key")}


def chosen_view(raw: str | None, withheld: bool) -> str:
    return raw if raw in views(withheld) else "mine"


def missed_by_cue(feedback: Feedback, names: dict[str, str], reveal: str | None) -> list[MissedCue]:
    """Per cue in play, how many key passages are missed, and the first of them for ``reveal``."""
    rows = []
    for cue, name in names.items():
        missed = [k for k in feedback.missed if k.cue == cue]
        if missed:
            rows.append(MissedCue(cue, name, len(missed), missed[0] if cue == reveal else None))
    return rows


def redacted(feedback: Feedback, reveal: str | None) -> Feedback:
    """``feedback`` without the key: no key marks, no missed passages but the one asked for, and no
    classifier-versus-key discussion (it would point at key passages)."""
    shown = [k for k in feedback.missed if k.cue == reveal][:1]
    return replace(feedback, key=[], missed=shown, disagreements=[])


def marks_for(view: str, feedback: Feedback) -> tuple[list[Mark], list[str]]:
    """The marks one article view paints and the reference written after each."""
    if view == "key":
        return feedback.key, [f"K{n}" for n in range(1, len(feedback.key) + 1)]
    if view == "model":
        return feedback.model, [f"M{n}" for n in range(1, len(feedback.model) + 1)]
    return feedback.labels, [str(n) for n in range(1, len(feedback.labels) + 1)]
