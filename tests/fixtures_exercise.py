"""Fixtures for the exercise, API and feedback tests: an exercise on a seed article, a class with
a student and an assignment, and helpers that send label changes the way the page does."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from webapp.models import Assignment, Exercise

ARTICLE = "iraq-2021-001"
# Cues keyed in iraq-2021-001; loaded-language is in play too, so that "extra" labels are possible.
CUES = ["loaded-language", "scare-quotes", "dismissive-framing", "motive-attribution", "anonymous-sourcing"]
# Spans of the article's key (corpus/keys/iraq-2021-001.yaml).
KEY_SCARE_QUOTES = (56, 64)  # ‘combat’
KEY_OFFICIALS_SAID = (387, 401)  # officials said
KEY_SLEIGHT = (193, 218)  # political sleight of hand


@pytest.fixture
def make_exercise(db_session):
    def make(mode: str = "graded", cues: list[str] | None = None, article_id: str = ARTICLE) -> Exercise:
        exercise = Exercise(id=f"test-{mode}-{uuid.uuid4().hex[:8]}", title=f"Spot the framing ({mode})",
                            article_id=article_id, cues=list(cues or CUES), mode=mode,
                            instructions="Label every framing cue you find.")
        db_session.add(exercise)
        db_session.commit()
        return exercise

    return make


@pytest.fixture
def add_assignment(db_session):
    def make(classroom, exercise, due_at=None) -> Assignment:
        assignment = Assignment(classroom_id=classroom.id, exercise_id=exercise.id, due_at=due_at)
        db_session.add(assignment)
        db_session.commit()
        return assignment

    return make


@dataclass
class Classroom:
    """A teacher's class with two students and a graded and a practice assignment."""

    teacher: object
    classroom: object
    student: object
    other_student: object
    graded: Assignment
    practice: Assignment


@pytest.fixture
def setup(make_teacher, make_classroom, make_student, make_exercise, add_assignment) -> Classroom:
    teacher = make_teacher()
    classroom = make_classroom(teacher)
    student = make_student(classroom, "Ada")
    other = make_student(classroom, "Grace")
    graded = add_assignment(classroom, make_exercise("graded"))
    practice = add_assignment(classroom, make_exercise("practice"))
    return Classroom(teacher, classroom, student, other, graded, practice)


def change(cue: str = "scare-quotes", start: int = 56, end: int = 64, *, op: str = "save",
           client_id: str | None = None, change_id: str | None = None, note=None, confidence: str = "sure") -> dict:
    """A change as the exercise page sends it."""
    client_id = client_id or uuid.uuid4().hex
    body = {"change_id": change_id or str(uuid.uuid4()), "op": op, "client_id": client_id}
    if op == "save":
        body["label"] = {"client_id": client_id, "cue": cue, "start": start, "end": end, "note": note,
                         "confidence": confidence}
    return body


def post_change(client, assignment_id: int, body, **kwargs):
    return client.post(f"/api/assignments/{assignment_id}/changes", json=body, **kwargs)


@pytest.fixture
def switch_to(login):
    """Sign in as another account within one test. The app fixture keeps one app context open, so
    Flask-Login's cached user in ``g`` must be dropped too, or the next request sees the old one."""
    def do(client, account) -> None:
        from flask import g

        login(client, account)
        g.pop("_login_user", None)

    return do


@pytest.fixture
def send():
    """send(client, assignment, **change kwargs) -> response."""
    def do(client, assignment, **kwargs):
        return post_change(client, assignment.id, change(**kwargs))

    return do
