"""Fixtures for the results dashboard: a class of seven whose labels on iraq-2021-001 are known,
so that every figure of the dashboard can be worked out by hand (tests/test_class_results.py).

Cues in play: scare-quotes (SQ) and anonymous-sourcing (AS). The corpus key for them:
SQ ‘combat’ (56-64, the word "combat"); AS "observers described" (170-189), "officials said"
(387-401), "Officials stated" (403-419). "Islamic State" (X) has no key label.

    Ada    submitted   SQ ‘combat’, AS observers described, AS officials said
    Bea    submitted   SQ ‘combat’, AS officials said, AS Officials stated
    Cal    submitted   AS Officials stated, AS Islamic State
    Dov    submitted   AS officials said, AS Islamic State
    Eve    in progress AS officials said (not scored, not on the heat map)
    Fay    not started
    Gus    not started

The classifier is given SQ ‘combat’, AS observers described and AS officials said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from webapp.models import IN_PROGRESS, SUBMITTED, Article, Assignment, Label, Submission

ARTICLE_ID = "iraq-2021-001"
CUES = ["scare-quotes", "anonymous-sourcing"]
SQ, AS = "scare-quotes", "anonymous-sourcing"
COMBAT, OBSERVERS, OFFICIALS_SAID, OFFICIALS_STATED = (56, 64), (170, 189), (387, 401), (403, 419)


def islamic_state(text: str) -> tuple[int, int]:
    start = text.index("Islamic State at its invitation")
    return start, start + len("Islamic State")


@dataclass
class ResultsClass:
    teacher: object
    classroom: object
    assignment: Assignment
    students: dict  # name -> Student
    submissions: dict  # name -> Submission
    x: tuple[int, int]


def add_submission(db_session, assignment, student, status, labels, when):
    submission = Submission(assignment_id=assignment.id, student_id=student.id, status=status,
                            submitted_at=when if status == SUBMITTED else None)
    db_session.add(submission)
    db_session.flush()
    for n, (cue, (start, end)) in enumerate(labels):
        db_session.add(Label(submission_id=submission.id, client_id=f"c{n}", cue_id=cue, start=start, end=end))
    return submission


def set_classifier(db_session, spans: list[tuple[str, tuple[int, int]]]) -> None:
    """Replace the stored classifier predictions of the article (a fresh database per test)."""
    article = db_session.get(Article, ARTICLE_ID)
    article.analysis = {**article.analysis, "cues": [{"cue": c, "start": s, "end": e, "score": 0.9}
                                                     for c, (s, e) in spans]}
    db_session.commit()


@pytest.fixture
def results_class(db_session, make_teacher, make_classroom, make_student, make_exercise) -> ResultsClass:
    teacher = make_teacher()
    classroom = make_classroom(teacher)
    exercise = make_exercise("graded", CUES, ARTICLE_ID)
    due = dt.datetime(2099, 1, 1)
    assignment = Assignment(classroom_id=classroom.id, exercise_id=exercise.id, due_at=due)
    db_session.add(assignment)
    db_session.commit()
    x = islamic_state(db_session.get(Article, ARTICLE_ID).text)
    plan = {
        "Ada": (SUBMITTED, [(SQ, COMBAT), (AS, OBSERVERS), (AS, OFFICIALS_SAID)]),
        "Bea": (SUBMITTED, [(SQ, COMBAT), (AS, OFFICIALS_SAID), (AS, OFFICIALS_STATED)]),
        "Cal": (SUBMITTED, [(AS, OFFICIALS_STATED), (AS, x)]),
        "Dov": (SUBMITTED, [(AS, OFFICIALS_SAID), (AS, x)]),
        "Eve": (IN_PROGRESS, [(AS, OFFICIALS_SAID)]),
    }
    students, submissions = {}, {}
    for name in ["Ada", "Bea", "Cal", "Dov", "Eve", "Fay", "Gus"]:
        students[name] = make_student(classroom, name)
        if name in plan:
            status, labels = plan[name]
            submissions[name] = add_submission(db_session, assignment, students[name], status, labels,
                                            dt.datetime(2026, 1, 1, 9, 0))
    db_session.commit()
    set_classifier(db_session, [(SQ, COMBAT), (AS, OBSERVERS), (AS, OFFICIALS_SAID)])
    return ResultsClass(teacher, classroom, assignment, students, submissions, x)
