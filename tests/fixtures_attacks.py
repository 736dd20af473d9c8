"""Fixtures for the attack tests: two teachers' classes with work in them, a snapshot of the
classroom tables to prove that a refused request changed nothing, and the app's routes.

``world`` is the victim's side (Ms Rivera's class: Ada and Grace, both with saved labels) and the
other teacher's class (Mr Okafor's, with Kofi's work), so each test can play one of them as the
attacker against the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from fixtures_exercise import Classroom, change, post_change
from sqlalchemy import select, text

from webapp.models import Submission

# Every table a user's request can write to; the content tables are loaded by `framelab load` only.
CLASSROOM_TABLES = ("teachers", "classrooms", "students", "assignments", "submissions", "labels",
                    "applied_changes")


@dataclass
class World:
    mine: Classroom  # Ms Rivera's class: Ada (student) and Grace (other_student)
    theirs: Classroom  # Mr Okafor's class: Kofi (student) and Lin (other_student)
    ada_work: Submission  # Ada's graded work, one label saved
    grace_work: Submission  # Grace's graded work, one label saved
    kofi_work: Submission  # Kofi's graded work in the other class, one label saved


def _build_classroom(make_teacher, make_classroom, make_student, make_exercise, add_assignment, email, names):
    teacher = make_teacher(email, f"Teacher {email}")
    classroom = make_classroom(teacher, f"Class of {email}")
    first, second = (make_student(classroom, name) for name in names)
    return Classroom(teacher, classroom, first, second, add_assignment(classroom, make_exercise("graded")),
                     add_assignment(classroom, make_exercise("practice")))


@pytest.fixture
def world(client, switch_to, db_session, make_teacher, make_classroom, make_student, make_exercise,
          add_assignment) -> World:
    mine = _build_classroom(make_teacher, make_classroom, make_student, make_exercise, add_assignment,
                            "rivera@example.org", ("Ada", "Grace"))
    theirs = _build_classroom(make_teacher, make_classroom, make_student, make_exercise, add_assignment,
                              "okafor@example.org", ("Kofi", "Lin"))
    works = []
    for classroom, student, span in ((mine, mine.student, (56, 64)), (mine, mine.other_student, (387, 401)),
                                     (theirs, theirs.student, (56, 64))):
        switch_to(client, student)
        response = post_change(client, classroom.graded.id, change(start=span[0], end=span[1],
                                                                   client_id=f"label-of-{student.id}"))
        assert response.status_code == 200, response.get_json()
        works.append(db_session.scalar(select(Submission).where(
            Submission.assignment_id == classroom.graded.id, Submission.student_id == student.id)))
    sign_out(client)
    return World(mine, theirs, *works)


def sign_out(client) -> None:
    """Forget who is signed in on this client (and Flask-Login's cached user in ``g``)."""
    from flask import g

    with client.session_transaction() as session:
        session.clear()
    g.pop("_login_user", None)


def snapshot(session, tables: tuple[str, ...] = CLASSROOM_TABLES) -> dict[str, list]:
    """Every committed row of the classroom tables, in id order, read on a connection of its own
    (not the requests' session, which could hold uncommitted changes): equal snapshots mean
    nothing was written."""
    session.expire_all()
    with session.get_bind().connect() as connection:
        return {table: [tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
                for table in tables}


@pytest.fixture
def tables(db_session):
    """tables() -> snapshot of the classroom tables now."""
    return lambda: snapshot(db_session)


TOKEN_RE = re.compile(r'name="csrf[-_]token"[^>]*?(?:value|content)="([^"]+)"')


def page_token(client, path: str, **request) -> str:
    """The CSRF token a page gives its forms (hidden field) or its script (meta tag)."""
    page = client.get(path, **request).get_data(as_text=True)
    found = TOKEN_RE.search(page)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


ROLES = ("anonymous", "teacher", "student")


def _url_values(world, lesson, story_id: str, role: str) -> list[dict]:
    """The URL variables each role's pages are opened with: ids the role really owns."""
    base = {"classroom_id": world.mine.classroom.id, "assignment_id": world.mine.graded.id,
            "submission_id": world.ada_work.id, "student_id": world.mine.student.id, "lesson_id": lesson.id,
            "story_id": story_id, "filename": "css/app.css"}
    if role == "student":  # practice feedback is open before submitting; graded work is not
        return [base, {**base, "assignment_id": world.mine.practice.id}]
    return [base]


def get_pages(app, world, lesson, story_id: str, role: str) -> list[tuple[str, str]]:
    """(endpoint, URL) of every GET route of the app, filled with this role's ids."""
    from flask import url_for

    pages = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in rule.methods:
                continue
            for values in _url_values(world, lesson, story_id, role):
                missing = rule.arguments - values.keys()
                assert not missing, f"{rule.endpoint}: give {missing} a value in fixtures_attacks._url_values"
                url = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
                if (rule.endpoint, url) not in pages:
                    pages.append((rule.endpoint, url))
    return pages


def sign_in_as(client, switch_to, world, role: str) -> None:
    sign_out(client)
    if role == "teacher":
        switch_to(client, world.mine.teacher)
    elif role == "student":
        switch_to(client, world.mine.student)


@pytest.fixture
def story_id(db_session) -> str:
    from webapp.models import Story

    return db_session.scalars(select(Story.id).order_by(Story.id)).first()
