"""The lesson builder: a teacher's lesson from a plan and existing exercises, checked by the
lesson-file validator itself (it is written as a lesson file and read back), so a lesson built in
the browser is always a valid lesson file.

An exercise can belong to one lesson only, so a lesson gets its own copy of each exercise it is
built from; the teacher's standalone exercise and the library's stay as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from webapp.corpus.articles import CorpusError
from webapp.lessonplans.model import Exercise as PlanExercise
from webapp.lessonplans.model import Lesson as PlanLesson
from webapp.lessonplans.model import Standard, Step
from webapp.lessonplans.write import check_lesson_text, lesson_file_name, new_lesson, render_lesson
from webapp.models import Assignment, Exercise, Lesson
from webapp.services.builder import (
    BuilderError,
    absent_cues,
    exercise_id_taken,
    is_assigned,
    slug,
    unique_id,
)
from webapp.services.builder_corpus import teacher_corpus
from webapp.services.visibility import visible_row

# Teacher-built lessons sort after the shipped ones (orders 1-99) in the library. In a file the
# order must be 1-99: an exported lesson says 99, the last place, for a school to renumber.
OWN_POSITION, EXPORT_ORDER = 100, 99
_WHERE = re.compile(r"^\S+?:\d+: ")


@dataclass(frozen=True)
class ExerciseStep:
    """An exercise step of the form: the exercise it runs (a library, own or this lesson's one)."""

    exercise_id: str
    minutes: int
    activity: str


@dataclass(frozen=True)
class LessonDraft:
    """What the lesson form collects; the fixed steps are (minutes, activity)."""

    title: str
    grade_band: str
    objectives: tuple[str, ...]
    standards: tuple[Standard, ...]
    materials: tuple[str, ...]
    warm_up: tuple[int, str]
    mini_lesson: tuple[int, str]
    exercises: tuple[ExerciseStep, ...]
    discussion: tuple[int, str]
    exit_ticket: tuple[int, str]
    notes: str


def _source(session: Session, exercise_id: str, teacher_id: int) -> Exercise:
    exercise = visible_row(session, Exercise, exercise_id, teacher_id)
    if exercise is None:
        raise BuilderError("Choose exercises from the lists offered.", "exercises")
    return exercise


def _plan_exercise(exercise: Exercise, new_id: str, lesson_id: str, teacher_id: int) -> PlanExercise:
    absent = absent_cues(exercise.article, exercise.cues, teacher_id)
    return PlanExercise(new_id, lesson_id, exercise.title, exercise.article_id, tuple(exercise.cues),
                        exercise.mode, exercise.instructions, allow_absent_cues=bool(absent))


def _lesson_exercises(session: Session, draft: LessonDraft, teacher_id: int, lesson_id: str,
                      ) -> tuple[list[tuple[PlanExercise, Exercise]], list[Step]]:
    """Each chosen exercise as the lesson's own (kept when it already is, else a new copy's id)."""
    chosen = [step.exercise_id for step in draft.exercises]
    if len(set(chosen)) != len(chosen):
        raise BuilderError("Each exercise can be chosen once per lesson.", "exercises")
    planned, steps, fresh_ids = [], [], set()
    for step in draft.exercises:
        source = _source(session, step.exercise_id, teacher_id)
        if source.lesson_id == lesson_id and source.owner_id == teacher_id:
            new_id = source.id
        else:
            new_id = unique_id(f"{lesson_id}-{len(planned) + 1}",
                               lambda c: c in fresh_ids or exercise_id_taken(session)(c))
            fresh_ids.add(new_id)
        planned.append((_plan_exercise(source, new_id, lesson_id, teacher_id), source))
        steps.append(Step("exercise", step.minutes, step.activity, new_id))
    return planned, steps


def _plan(draft: LessonDraft, lesson_id: str, exercises: list[PlanExercise], steps: list[Step]) -> PlanLesson:
    sequence = ([Step("warm-up", *draft.warm_up), Step("mini-lesson", *draft.mini_lesson)] + steps
                + [Step("discussion", *draft.discussion), Step("exit-ticket", *draft.exit_ticket)])
    total = sum(step.minutes for step in sequence)
    if total > 100:
        raise BuilderError(f"The steps add up to {total} minutes; a lesson takes at most two 50-minute "
                           "periods (100 minutes).", "minutes")
    return new_lesson(lesson_id, EXPORT_ORDER, draft.title.strip(), draft.grade_band, draft.objectives,
                      draft.standards, draft.materials, sequence, exercises, draft.notes)


def check_plan(plan: PlanLesson, session: Session, teacher_id: int) -> PlanLesson:
    """Run the lesson-file validator on the plan; its message (without file and line) is the error."""
    try:
        return check_lesson_text(render_lesson(plan), lesson_file_name(plan.order, plan.id),
                                 teacher_corpus(session, teacher_id))
    except CorpusError as error:
        raise BuilderError(_WHERE.sub("", str(error))) from None


def lesson_row_values(plan: PlanLesson) -> dict:
    """The Lesson row's columns for a checked plan (teacher lessons sort after the shipped ones)."""
    plan_data = {
        "objectives": list(plan.objectives), "materials": list(plan.materials),
        "standards": [{"code": s.code, "text": s.text} for s in plan.standards],
        "sequence": [{"step": s.step, "minutes": s.minutes, "activity": s.activity, "exercise": s.exercise}
                     for s in plan.sequence]}
    return {"position": OWN_POSITION, "title": plan.title, "grade_band": plan.grade_band, "periods": plan.periods,
            "duration_minutes": plan.duration_minutes, "notes": plan.notes, "plan": plan_data}


def save_lesson(session: Session, teacher_id: int, draft: LessonDraft, lesson: Lesson | None = None) -> Lesson:
    """Create (``lesson`` None) or update the teacher's lesson; nothing is stored when invalid."""
    _check_title_free(session, teacher_id, draft.title.strip(), lesson)
    lesson_id = lesson.id if lesson else unique_id(slug(draft.title), lambda c: session.get(Lesson, c) is not None)
    planned, steps = _lesson_exercises(session, draft, teacher_id, lesson_id)
    plan = check_plan(_plan(draft, lesson_id, [p for p, _ in planned], steps), session, teacher_id)
    if lesson is None:
        lesson = Lesson(id=lesson_id, owner_id=teacher_id, **lesson_row_values(plan))
        session.add(lesson)
    else:
        for name, value in lesson_row_values(plan).items():
            setattr(lesson, name, value)
    session.flush()
    keep = {p.id for p, _ in planned}
    for old in list(lesson.exercises):
        if old.id not in keep:
            _drop_exercise(session, old)
    for position, (planned_exercise, source) in enumerate(planned):
        _store_exercise(session, planned_exercise, source, position, teacher_id)
    session.flush()
    session.expire(lesson, ["exercises"])
    return lesson


def _check_title_free(session: Session, teacher_id: int, title: str, lesson: Lesson | None) -> None:
    """Titles tell a teacher's lessons apart in the library (and a form sent twice makes no copy)."""
    clash = session.scalar(select(Lesson.id).where(Lesson.owner_id == teacher_id, Lesson.title == title).limit(1))
    if clash is not None and (lesson is None or clash != lesson.id):
        raise BuilderError(f"You already have a lesson called “{title}”. Give this one another title.", "title")


def _store_exercise(session: Session, planned: PlanExercise, source: Exercise, position: int, teacher_id: int) -> None:
    if planned.id == source.id:
        source.position = position
        return
    session.add(Exercise(id=planned.id, lesson_id=planned.lesson, position=position, title=planned.title,
                         article_id=planned.article, cues=list(planned.cues), mode=planned.mode,
                         instructions=planned.instructions, owner_id=teacher_id))


def _drop_exercise(session: Session, exercise: Exercise) -> None:
    """An exercise leaving its lesson: an assigned one becomes the teacher's standalone exercise
    (its students' work stays), an unassigned one is deleted."""
    if is_assigned(session, exercise):
        exercise.lesson_id = None
    else:
        session.delete(exercise)


def delete_lesson(session: Session, lesson: Lesson) -> None:
    """Delete a teacher's lesson; its assigned exercises stay as standalone ones, with their work."""
    session.execute(update(Assignment).where(Assignment.lesson_id == lesson.id).values(lesson_id=None))
    for exercise in list(lesson.exercises):
        _drop_exercise(session, exercise)
    session.flush()
    session.delete(lesson)
    session.flush()


def own_lesson(session: Session, lesson_id: str, teacher_id: int) -> Lesson | None:
    lesson = session.get(Lesson, lesson_id)
    return lesson if lesson is not None and lesson.owner_id == teacher_id else None


def own_lessons(session: Session, teacher_id: int) -> list[Lesson]:
    return list(session.scalars(select(Lesson).where(Lesson.owner_id == teacher_id).order_by(Lesson.title)))


def plan_of(lesson: Lesson, teacher_id: int) -> PlanLesson:
    """The stored lesson as a lesson-file record (for the edit form and the export)."""
    exercises = tuple(_plan_exercise(e, e.id, lesson.id, teacher_id) for e in lesson.exercises)
    plan = lesson.plan or {}
    steps = tuple(Step(s["step"], s["minutes"], s["activity"], s.get("exercise")) for s in plan.get("sequence", []))
    return PlanLesson(lesson.id, EXPORT_ORDER, lesson.title, lesson.grade_band, lesson.periods,
                      lesson.duration_minutes, tuple(plan.get("objectives", [])),
                      tuple(Standard(s["code"], s["text"]) for s in plan.get("standards", [])),
                      tuple(plan.get("materials", [])), steps, exercises, lesson.notes, "")
