"""What a lesson plan is once its file has been checked: frozen records, safe to share and cache.

The web app assigns lessons and their exercises to classes; it reads these records and never the
YAML, so nothing here depends on Flask or on how the file was written.
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.grading.states import ExerciseMode

PERIOD_MINUTES = 50
# Grade bands a lesson can target, with the grades each covers (for checking standards codes).
GRADE_BANDS: dict[str, tuple[int, int]] = {
    "6-8": (6, 8), "9-10": (9, 10), "11-12": (11, 12), "6-12": (6, 12), "9-12": (9, 12),
}
# The steps of a lesson, in the only order they may run.
STEP_ORDER = ("warm-up", "mini-lesson", "exercise", "discussion", "exit-ticket")
MODES = tuple(ExerciseMode)


@dataclass(frozen=True)
class Standard:
    """A curriculum standard the lesson addresses, with a plain-words paraphrase."""

    code: str
    text: str


@dataclass(frozen=True)
class Step:
    """One timed part of the lesson; exercise steps name the exercise students do."""

    step: str
    minutes: int
    activity: str
    exercise: str | None = None


@dataclass(frozen=True)
class Exercise:
    """One labelling task: one article, the cues students look for, and how feedback is given."""

    id: str
    lesson: str
    title: str
    article: str
    cues: tuple[str, ...]
    mode: str
    instructions: str
    allow_absent_cues: bool = False

    @property
    def graded(self) -> bool:
        return self.mode == ExerciseMode.GRADED


@dataclass(frozen=True)
class Lesson:
    """A checked lesson plan; ``notes`` is the teacher-notes Markdown after the front matter."""

    id: str
    order: int
    title: str
    grade_band: str
    periods: int
    duration_minutes: int
    objectives: tuple[str, ...]
    standards: tuple[Standard, ...]
    materials: tuple[str, ...]
    sequence: tuple[Step, ...]
    exercises: tuple[Exercise, ...]
    notes: str
    source: str

    def exercise(self, exercise_id: str) -> Exercise:
        """The lesson's exercise with this id (KeyError when it has none)."""
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)
