"""The exercise builder: a teacher's own exercise from an article they may use, the cues in play,
a mode and instructions. Stored as an :class:`Exercise` with ``owner_id`` and assigned like the
library's exercises, so students label, submit and get feedback the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.lessonplans.model import MODES
from webapp.models import Article, Assignment, Cue, Exercise
from webapp.services.builder_corpus import article_for_teacher, key_labels, visible_articles
from webapp.services.visibility import visible_to

TITLE_MAX, INSTRUCTIONS_MAX = 200, 4000


class BuilderError(ValueError):
    """A draft that cannot be saved; the message is for the teacher, ``field`` names the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ExerciseDraft:
    """What the exercise form collects."""

    title: str
    article_id: str
    cues: tuple[str, ...]
    mode: str
    instructions: str
    allow_absent_cues: bool = False


def slug(text: str, limit: int = 40) -> str:
    """An id in the corpus's shape (lowercase letters, digits, hyphens) from a title. Hand-written:
    ASCII folding plus one regular expression is all it takes, not worth a dependency."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    result = "-".join(words)[:limit].strip("-")
    return result or "untitled"


def unique_id(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or ``base-2``, ``base-3``... the first that ``taken`` says is free."""
    candidate, number = base, 1
    while taken(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def exercise_id_taken(session: Session) -> Callable[[str], bool]:
    return lambda candidate: session.get(Exercise, candidate) is not None


def usable_articles(session: Session, teacher_id: int) -> list[Article]:
    """The articles a teacher may build on: the corpus's and their own, by story."""
    return visible_articles(session, teacher_id)


def cue_choices(session: Session) -> list[tuple[str, str]]:
    return [(c.id, c.name) for c in session.scalars(select(Cue).order_by(Cue.position))]


def absent_cues(article: Article, cues: Sequence[str], teacher_id: int) -> list[str]:
    """Cues in play that the teacher's key for the article never marks."""
    keyed = {label.cue_id for label in key_labels(article, teacher_id)}
    return [cue for cue in cues if cue not in keyed]


def check_exercise(session: Session, teacher_id: int, draft: ExerciseDraft) -> Article:
    """The lesson files' rules for an exercise, with messages for the form.

    An article without any key is refused (students are scored against the key, so there would be
    nothing to score), and so is a cue the key never marks unless the teacher says it is on
    purpose; even then one cue in play must be in the key, as in ``lessons/README.md``.
    """
    article = article_for_teacher(session, draft.article_id, teacher_id)
    if article is None:
        raise BuilderError("Choose one of the articles in the list.", "article")
    if draft.mode not in MODES:
        raise BuilderError("Choose practice or graded.", "mode")
    known = dict(cue_choices(session))
    if not draft.cues or any(cue not in known for cue in draft.cues):
        raise BuilderError("Choose at least one cue from the list.", "cues")
    labels = key_labels(article, teacher_id)
    if not labels:
        raise BuilderError(f"“{article.headline or article.id}” has no answer key yet, so students' labels "
                           "could not be checked. Write a key for it first, or choose another article.", "article")
    marked = sorted({label.cue_id for label in labels}, key=list(known).index)
    absent = absent_cues(article, draft.cues, teacher_id)
    marked_names = ", ".join(known[c] for c in marked)
    if len(absent) == len(draft.cues):
        raise BuilderError(f"The key of this article marks none of the cues you chose, so there would be "
                           f"nothing to find. It marks: {marked_names}.", "cues")
    if absent and not draft.allow_absent_cues:
        raise BuilderError(f"The key never marks {', '.join(known[c] for c in absent)}, so students could not "
                           f"find it. Choose cues it marks ({marked_names}), or tick “Some cues have nothing "
                           "to find, on purpose”.", "cues")
    return article


def create_exercise(session: Session, teacher_id: int, draft: ExerciseDraft) -> Exercise:
    """Check the draft and store it as the teacher's own exercise (not part of any lesson)."""
    article = check_exercise(session, teacher_id, draft)
    same = session.scalar(select(Exercise.id).where(
        Exercise.owner_id == teacher_id, Exercise.lesson_id.is_(None), Exercise.title == draft.title.strip(),
        Exercise.article_id == article.id, Exercise.mode == draft.mode,
        Exercise.instructions == draft.instructions.strip()).limit(1))
    if same is not None and session.get(Exercise, same).cues == list(draft.cues):
        raise BuilderError("You already have this very exercise (the form was probably sent twice).")
    exercise = Exercise(id=unique_id(slug(draft.title), exercise_id_taken(session)), lesson_id=None,
                        position=0, title=draft.title.strip(), article_id=article.id, cues=list(draft.cues),
                        mode=draft.mode, instructions=draft.instructions.strip(), owner_id=teacher_id)
    session.add(exercise)
    session.flush()
    return exercise


def own_exercises(session: Session, teacher_id: int) -> list[Exercise]:
    """The teacher's exercises that belong to no lesson, newest id last."""
    return list(session.scalars(select(Exercise).where(
        Exercise.owner_id == teacher_id, Exercise.lesson_id.is_(None)).order_by(Exercise.title, Exercise.id)))


def own_exercise(session: Session, exercise_id: str, teacher_id: int) -> Exercise | None:
    exercise = session.get(Exercise, exercise_id)
    return exercise if exercise is not None and exercise.owner_id == teacher_id else None


def buildable_exercises(session: Session, teacher_id: int) -> list[Exercise]:
    """Exercises a lesson may be built from: the library's and the teacher's (theirs first)."""
    return list(session.scalars(select(Exercise).where(
        visible_to(Exercise, teacher_id))
        .order_by(Exercise.owner_id.is_(None), Exercise.title, Exercise.id)))


def is_assigned(session: Session, exercise: Exercise) -> bool:
    return bool(session.scalar(select(func.count(Assignment.id)).where(Assignment.exercise_id == exercise.id)))


def delete_exercise(session: Session, exercise: Exercise) -> None:
    """Delete an exercise no class has; an assigned one holds students' work and stays."""
    if is_assigned(session, exercise):
        raise BuilderError("This exercise is assigned to a class, and its students' work depends on it, "
                           "so it cannot be deleted.")
    session.delete(exercise)
    session.flush()


def has_work(session: Session, exercise: Exercise) -> bool:
    """Whether any student has started on the exercise (their labels point into its article)."""
    from webapp.models import Submission

    return bool(session.scalar(select(func.count(Submission.id)).join(Assignment).where(
        Assignment.exercise_id == exercise.id)))


def update_exercise(session: Session, teacher_id: int, exercise: Exercise, draft: ExerciseDraft) -> Exercise:
    """Change a teacher's own exercise with the same checks as a new one. Its article stays fixed
    once students have started: their labels are positions in that article's text."""
    if draft.article_id != exercise.article_id and has_work(session, exercise):
        raise BuilderError("Students have already started on this exercise, so its article cannot change "
                           "(their labels point into it). Make a new exercise for another article.", "article")
    article = check_exercise(session, teacher_id, draft)
    exercise.title, exercise.article_id, exercise.cues = draft.title.strip(), article.id, list(draft.cues)
    exercise.mode, exercise.instructions = draft.mode, draft.instructions.strip()
    session.flush()
    return exercise
