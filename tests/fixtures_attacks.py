"""Fixtures for the attack tests: two teachers' classes with work in them, one teacher's authored
content (an upload, an article with a key, an exercise and a lesson), a snapshot of the tables a
request can write to, to prove that a refused request changed nothing, and the app's routes.

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

# Every table a user's request can write to: the classroom's, and the content a teacher writes
# (uploads, articles and their stories, answer keys, built exercises and lessons). Only cues come
# from `framelab load` alone.
CLASSROOM_TABLES = ("teachers", "classrooms", "students", "assignments", "submissions", "labels",
                    "applied_changes", "article_drafts", "stories", "articles", "key_labels", "lessons",
                    "exercises")


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


def _url_values(world, lesson, story_id: str, role: str, authored: Authored) -> list[dict]:
    """The URL variables each role's pages are opened with: ids the role really owns."""
    base = {"classroom_id": world.mine.classroom.id, "assignment_id": world.mine.graded.id,
            "submission_id": world.ada_work.id, "student_id": world.mine.student.id, "lesson_id": lesson.id,
            "story_id": story_id, "filename": "css/app.css", "draft_id": authored.draft_id,
            "article_id": authored.article_id, "exercise_id": authored.exercise_id, "fmt": "long",
            "teacher_id": world.mine.teacher.id}
    if role == "student":  # practice feedback is open before submitting; graded work is not
        return [base, {**base, "assignment_id": world.mine.practice.id},
                {**base, "assignment_id": authored.assignment_id}]
    if role == "teacher":  # her own lesson and exercise too, and every download
        return [base, {**base, "lesson_id": authored.lesson_id, "assignment_id": authored.assignment_id},
                *({**base, "fmt": fmt} for fmt in ("gradebook", "xlsx", "archive"))]
    return [base]


def get_pages(app, world, lesson, story_id: str, role: str, authored: Authored) -> list[tuple[str, str]]:
    """(endpoint, URL) of every GET route of the app, filled with this role's ids."""
    from flask import url_for

    pages = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in rule.methods:
                continue
            for values in _url_values(world, lesson, story_id, role, authored):
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


# ---- what a teacher authors: an upload, an article with a key, an exercise and a lesson ----------

@dataclass
class Authored:
    """Ms Rivera's own content, all entered through the app's pages and API."""

    draft_id: int  # an upload not saved yet
    article_id: str  # her saved article, with one key label of hers
    exercise_id: str  # her exercise on that article, assigned to her class
    assignment_id: int  # that assignment
    lesson_id: str  # her lesson holding the exercise


def plain(field: str) -> str:
    return f"Plain {field}"


def _article_text(text) -> str:
    from fixtures_authoring import PARAGRAPHS

    return "\n\n".join((*PARAGRAPHS[:2], f"A quoted reader wrote {text('article')} in a letter.", *PARAGRAPHS[2:]))


def _created(response, pattern: str) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    found = re.search(pattern, response.location)
    assert found, response.location
    return found.group(1)


def author_content(client, switch_to, world, text=plain) -> Authored:
    """Ms Rivera uploads two articles (saving one, with metadata), keys it, builds an exercise on
    it, assigns it to her class and builds a lesson holding it. ``text(field)`` gives every text
    she types, so the XSS test can make each one hostile."""
    from fixtures_authoring import key_change

    from webapp.extensions import db
    from webapp.models import Article, Assignment, Exercise

    switch_to(client, world.mine.teacher)
    draft_id = _created(client.post("/authoring/new", data={"pasted": _article_text(text)}),
                        r"/authoring/drafts/(\d+)")
    metadata = {"headline": text("headline"), "outlet": text("outlet"), "outlet_kind": "newspaper",
                "published": "2024-03-19", "story": "__new__", "new_story_title": text("story"),
                "derived_from": "", "byline": text("byline"), "source_note": text("source")}
    article_id = _created(client.post(f"/authoring/drafts/{draft_id}", data=metadata),
                          r"/authoring/articles/([^/]+)/key")
    unsaved = _created(client.post("/authoring/new", data={"pasted": _article_text(text)}),
                       r"/authoring/drafts/(\d+)")
    assert client.get(f"/api/keys/{article_id}").json["labels"] == []  # her key starts empty
    words = "reckless attack"
    start = db.session.get(Article, article_id).text.index(words)
    keyed = client.post(f"/api/keys/{article_id}/changes",
                        json=key_change("loaded-language", start, start + len(words), text("rationale")))
    assert keyed.status_code == 200, keyed.get_json()
    exercise = {"title": text("exercise"), "article": article_id, "cues": ["loaded-language"], "mode": "practice",
                "instructions": text("instructions"), "allow_absent_cues": "y"}
    assert client.post("/builder/exercises/new", data=exercise).status_code == 302
    exercise_id = db.session.scalar(select(Exercise.id).where(Exercise.owner_id == world.mine.teacher.id,
                                                              Exercise.article_id == article_id))
    assigned = client.post(f"/builder/exercises/{exercise_id}/assign",
                           data={"classroom": str(world.mine.classroom.id)})
    assert assigned.status_code == 302, assigned.get_data(as_text=True)[:3000]
    assignment_id = db.session.scalar(select(Assignment.id).where(Assignment.exercise_id == exercise_id))
    lesson = {"title": text("lesson_title"), "grade_band": "9-12",
              "objectives": f"{text('objective')}\nexplain how one word changes a report",
              "standards": f"CCSS.ELA-LITERACY.RI.9-10.6 {text('standard')}", "materials": text("materials"),
              "warm_up_minutes": "5", "warm_up": text("warm_up"), "mini_lesson_minutes": "10",
              "mini_lesson": text("mini_lesson"), "discussion_minutes": "10", "discussion": text("discussion"),
              "exit_ticket_minutes": "5", "exit_ticket": text("exit_ticket"), "notes": text("lesson_notes"),
              "exercises-0-exercise": exercise_id, "exercises-0-minutes": "20",
              "exercises-0-activity": text("activity")}
    lesson_id = _created(client.post("/builder/lessons/new", data=lesson), r"/lessons/([^/?#]+)")
    sign_out(client)
    return Authored(int(unsaved), article_id, exercise_id, assignment_id, lesson_id)


@pytest.fixture
def authored(client, switch_to, world) -> Authored:
    return author_content(client, switch_to, world)
