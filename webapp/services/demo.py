"""The demo classroom that ``framelab demo`` (and so ``make run``) sets up, so that a newcomer
signs in to a living class at once: a teacher, a class of five, one assignment, some work.

Idempotent: a second run finds everything and changes nothing, except that it puts the
documented password and PINs back if someone changed them, so the printed login always works.
The credentials are public (they are printed and written in the README): the demo is for trying
FrameLab out, not for a server that holds real students' work.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.grading.states import Confidence
from webapp.models import Assignment, Classroom, Exercise, KeyLabel, Lesson, Student, Teacher
from webapp.models.base import utcnow
from webapp.services import accounts
from webapp.services.assignments import assign_exercise
from webapp.services.labels import LabelError, apply_change, find_submission, open_submission, parse_change
from webapp.services.work import submit

DEMO_EMAIL = "demo@framelab.local"
DEMO_PASSWORD = "framelab-demo"
DEMO_NAME = "Demo Teacher"
DEMO_CLASS = "Demo class"
DEMO_STUDENTS = (("Ada", "2468"), ("Ben", "1357"), ("Chloé", "3141"), ("Dev", "2718"), ("Eli", "1618"))
DUE_AFTER = dt.timedelta(days=14)


class DemoError(RuntimeError):
    """The demo cannot be built (no lessons loaded yet); the message says what to run."""


@dataclass(frozen=True)
class DemoLogin:
    """What the command prints."""

    email: str
    password: str
    classroom: str
    join_code: str
    students: tuple[tuple[str, str], ...]
    exercise: str
    created: bool


def _teacher(session: Session) -> tuple[Teacher, bool]:
    teacher = session.scalar(select(Teacher).where(Teacher.email == DEMO_EMAIL))
    if teacher is None:
        return accounts.create_teacher(session, DEMO_EMAIL, DEMO_NAME, DEMO_PASSWORD), True
    if not accounts.check_secret(teacher.password_hash, DEMO_PASSWORD):
        teacher.password_hash = accounts.hash_secret(DEMO_PASSWORD)
    return teacher, False


def _classroom(session: Session, teacher: Teacher) -> Classroom:
    found = session.scalar(select(Classroom).where(Classroom.teacher_id == teacher.id, Classroom.name == DEMO_CLASS))
    return found or accounts.create_classroom(session, teacher, DEMO_CLASS)


def _students(session: Session, classroom: Classroom) -> list[Student]:
    students = []
    for name, pin in DEMO_STUDENTS:
        student = session.scalar(select(Student).where(
            Student.classroom_id == classroom.id, Student.name_key == accounts.name_key(name)))
        if student is None:
            student, _ = accounts.add_student(session, classroom, name, pin)
        elif not accounts.check_secret(student.pin_hash, pin):
            student.pin_hash = accounts.hash_pin(pin)
        students.append(student)
    return students


def _first_exercise(session: Session) -> Exercise:
    lesson = session.scalar(select(Lesson).where(Lesson.owner_id.is_(None)).order_by(Lesson.position))
    if lesson is None or not lesson.exercises:
        raise DemoError("No lessons are loaded yet: run `framelab load` first.")
    return lesson.exercises[0]


def _assignment(session: Session, classroom: Classroom, exercise: Exercise) -> Assignment:
    found = session.scalar(select(Assignment).where(
        Assignment.classroom_id == classroom.id, Assignment.exercise_id == exercise.id))
    if found is not None:
        return found
    due = (utcnow() + DUE_AFTER).replace(hour=15, minute=0, second=0, microsecond=0)
    return assign_exercise(session, classroom, exercise, due)


def ensure_demo(session: Session) -> DemoLogin:
    """Build whatever part of the demo classroom is missing and return its login details."""
    exercise = _first_exercise(session)
    teacher, created = _teacher(session)
    classroom = _classroom(session, teacher)
    students = _students(session, classroom)
    assignment = _assignment(session, classroom, exercise)
    session.commit()
    _demo_work(session, assignment, exercise, students)
    return DemoLogin(DEMO_EMAIL, DEMO_PASSWORD, classroom.name, classroom.join_code, DEMO_STUDENTS,
                     exercise.title, created)


def _demo_work(session: Session, assignment: Assignment, exercise: Exercise, students: list[Student]) -> None:
    """Two students submitted, one in progress, two not started; work already there is left alone."""
    plans = _label_plans(session, exercise)
    for student, labels, hand_in in zip(students, plans, (True, True, False)):
        if find_submission(session, assignment, student) is not None:
            continue
        submission = open_submission(session, assignment, student)
        for number, label in enumerate(labels):
            payload = {"change_id": f"demo-{student.id}-{number}", "op": "save",
                       "label": {"client_id": f"demo-{number}", **label}}
            try:
                apply_change(session, submission, parse_change(payload, exercise.article.text, exercise.cues),
                             exercise.article.text)
            except LabelError:  # e.g. two key labels of one cue that overlap: the demo needs neither
                continue
        if hand_in:
            submit(session, assignment, student)


def _label_plans(session: Session, exercise: Exercise) -> list[list[dict]]:
    """Labels for the first three students, taken from the answer key so the feedback has
    matches, a near miss and an extra label to show."""
    key = [k for k in session.scalars(select(KeyLabel).where(
        KeyLabel.article_id == exercise.article_id, KeyLabel.author_id.is_(None)).order_by(KeyLabel.start))
        if k.cue_id in exercise.cues]
    exact = [{"cue": k.cue_id, "start": k.start, "end": k.end} for k in key]
    strong = exact[:4]
    mixed = exact[:1] + [_near_miss(k, exercise.article.text) for k in key[1:2]]
    extra = _extra_span(exercise.article.text, [(k.start, k.end) for k in key] + [(m["start"], m["end"]) for m in mixed])
    if extra is not None:
        mixed.append({"cue": exercise.cues[0], "start": extra[0], "end": extra[1],
                      "note": "Sounds one-sided to me.", "confidence": Confidence.UNSURE})
    return [strong, mixed, exact[2:3] or exact[:1]]


def _near_miss(key: KeyLabel, text: str) -> dict:
    """The key's span with the next word added: overlapping, but not quite the span."""
    following = re.compile(r"\W*\w+").match(text, key.end)
    return {"cue": key.cue_id, "start": key.start, "end": following.end() if following else key.end}


def _extra_span(text: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Three words, past the headline, that no key label nor other label touches."""
    words = [m.span() for m in re.finditer(r"\w+", text)]
    body = text.find("\n\n") + 2
    for first, last in zip(words, words[2:]):
        if first[0] > body and not any(start < last[1] and end > first[0] for start, end in taken):
            return first[0], last[1]
    return None
