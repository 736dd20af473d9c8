"""Fixtures for the teacher side: a teacher with a class, a student in it, another teacher,
an assignment, and helpers to build submissions. Built on fixtures_web's builders."""

from __future__ import annotations

import datetime as dt

import pytest

from webapp.models import IN_PROGRESS, SUBMITTED, Assignment, Exercise, Lesson, Submission


@pytest.fixture
def teacher(make_teacher):
    return make_teacher()


@pytest.fixture
def other_teacher(make_teacher):
    return make_teacher("other@example.org", "Mr Okafor")


@pytest.fixture
def classroom(make_classroom, teacher):
    return make_classroom(teacher)


@pytest.fixture
def other_classroom(make_classroom, other_teacher):
    return make_classroom(other_teacher, "Other class")


@pytest.fixture
def student(make_student, classroom):
    return make_student(classroom)


@pytest.fixture
def lesson(db_session) -> Lesson:
    """The first lesson of the library (it has exercises)."""
    from sqlalchemy import select

    return db_session.scalars(select(Lesson).order_by(Lesson.position)).first()


@pytest.fixture
def exercise(lesson) -> Exercise:
    return lesson.exercises[0]


@pytest.fixture
def make_assignment(db_session):
    def make(classroom, exercise, due_at: dt.datetime | None = None, lesson_id: str | None = None):
        assignment = Assignment(classroom_id=classroom.id, exercise_id=exercise.id, due_at=due_at, lesson_id=lesson_id)
        db_session.add(assignment)
        db_session.commit()
        return assignment

    return make


@pytest.fixture
def assignment(make_assignment, classroom, exercise):
    return make_assignment(classroom, exercise)


@pytest.fixture
def make_submission(db_session):
    def make(assignment, student, submitted_at: dt.datetime | None = None):
        submission = Submission(assignment_id=assignment.id, student_id=student.id,
                                status=SUBMITTED if submitted_at else IN_PROGRESS, submitted_at=submitted_at)
        db_session.add(submission)
        db_session.commit()
        return submission

    return make
