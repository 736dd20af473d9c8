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


def snapshot(session) -> dict[str, list]:
    """Every row of the classroom tables, in id order: equal snapshots mean nothing was written."""
    session.expire_all()
    return {table: [tuple(row) for row in session.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
            for table in CLASSROOM_TABLES}


@pytest.fixture
def tables(db_session):
    """tables() -> snapshot of the classroom tables now."""
    return lambda: snapshot(db_session)


TOKEN_RE = re.compile(r'name="csrf[-_]token"[^>]*?(?:value|content)="([^"]+)"')


def page_token(client, path: str) -> str:
    """The CSRF token a page gives its forms (hidden field) or its script (meta tag)."""
    page = client.get(path).get_data(as_text=True)
    found = TOKEN_RE.search(page)
    assert found, f"no CSRF token on {path}"
    return found.group(1)
