"""One rule for who commits: a GET never writes to the database. Reading a page twice must not
change what the teacher sees, a prefetching browser must not start a student's work, and a GET
needs no CSRF token precisely because it changes nothing.

Every GET route of the app is requested as nobody, a student who has not started, a student who
has submitted, a teacher and an administrator, with ids of real rows; every INSERT, UPDATE and
DELETE the database receives during those requests is recorded.
"""

from __future__ import annotations

import pytest
from fixtures_authoring import saved_page_html
from fixtures_results import ARTICLE_ID
from flask import url_for
from sqlalchemy import event, select

from webapp.extensions import db
from webapp.models import Lesson
from webapp.services.authoring import drafts

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# Values for a rule's arguments that are not ids of the class made below.
FORMATS = {"results.download_assignment": "gradebook", "results.download_class": "archive"}


@pytest.fixture
def writes(app):
    """The write statements the database receives while the test runs."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(WRITES):
            seen.append(statement.split("\n")[0][:120])

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


@pytest.fixture
def urls(app, db_session, results_class, make_own_article):
    """A URL for every GET rule (static files: one stylesheet), built from the rows of a class."""
    article = make_own_article(results_class.teacher)
    draft = drafts.create_draft(db_session, results_class.teacher, saved_page_html().encode(), "other.html")
    db_session.commit()
    lesson = db_session.scalars(select(Lesson).order_by(Lesson.id)).first()
    ada = results_class.students["Ada"]
    ids = {"assignment_id": results_class.assignment.id, "classroom_id": results_class.classroom.id,
           "student_id": ada.id, "submission_id": results_class.submissions["Ada"].id,
           "teacher_id": results_class.teacher.id, "article_id": ARTICLE_ID, "draft_id": draft.id,
           "lesson_id": lesson.id, "exercise_id": results_class.assignment.exercise_id,
           "story_id": "iraq-2021", "filename": "css/app.css"}
    built = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in (rule.methods or ()):
                continue
            values = {name: FORMATS[rule.endpoint] if name == "fmt" else ids[name] for name in rule.arguments}
            built.append(url_for(rule.endpoint, **values))
    built.append(f"/authoring/articles/{article.id}/key")
    return built


def test_no_get_request_writes_to_the_database(app, client, switch_to, make_teacher, results_class, urls,
                                               writes):
    admin = make_teacher("it@example.org", "Ms Admin", admin=True)
    accounts = {"nobody": None, "a student who has not started": results_class.students["Fay"],
                "a student who submitted": results_class.students["Ada"],
                "a teacher": results_class.teacher, "an administrator": admin}
    answered: dict[str, int] = {}
    found = []
    for who, account in accounts.items():
        if account is not None:
            switch_to(client, account)
        for url in urls:
            del writes[:]
            response = client.get(url)
            response.close()  # a static file is streamed from an open file
            if response.status_code == 200:
                answered[who] = answered.get(who, 0) + 1
            if writes:
                found.append(f"GET {url} as {who} ({response.status_code}): {writes}")
    assert not found, "\n".join(found)
    # The check means something only if the pages were really read, not refused.
    assert answered["a teacher"] >= 30 and answered["a student who has not started"] >= 5, answered
