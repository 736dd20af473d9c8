"""Attacks on who-sees-what: changing ids in URLs and API calls.

A student tries to read and write a classmate's labels and another class's work; a teacher tries
to reach another teacher's class, assignment, dashboard, students (PIN reset, removal), reviews,
grades and reopening. Every attempt must answer 404 (403 for the wrong role) and change nothing in
the classroom tables. The URL lists are parametrised: a new route with ids belongs in them.
"""

from __future__ import annotations

import pytest
from fixtures_attacks import sign_out, snapshot
from fixtures_exercise import change, post_change
from sqlalchemy import select

from webapp.models import Label

# {placeholders} are filled from the world (see _fill); "x" is Mr Okafor's side, "m" Ms Rivera's.
STUDENT_PAGES_OF_ANOTHER_CLASS = [
    "/work/{x_graded}", "/work/{x_graded}/feedback", "/work/{x_graded}/submit", "/work/{x_practice}/feedback",
    "/api/assignments/{x_graded}/labels",
]
TEACHER_PAGES_FOR_STUDENTS = [
    "/classes/", "/classes/{m_class}", "/classes/{m_class}/assignments/{m_graded}", "/results/{m_graded}",
    "/work/review/{ada_work}", "/classes/new", "/classes/{m_class}/import", "/lessons/{lesson}/assign",
    "/classes/{m_class}/delete", "/classes/{m_class}/students/{ada}/remove", "/results/classes/{m_class}/cues",
    "/results/{m_graded}/download/gradebook", "/results/classes/{m_class}/download/archive",
    "/authoring/", "/authoring/new", "/authoring/drafts/{m_draft}", "/authoring/articles/{m_article}/key",
    "/builder/", "/builder/exercises/new", "/builder/exercises/{m_exercise}/assign", "/builder/lessons/new",
    "/builder/lessons/{m_lesson}/edit", "/builder/lessons/{m_lesson}/export.zip", "/builder/lessons/import",
    "/builder/retrain/", "/builder/retrain/status.json",
]
# Ms Rivera's things, reached by Mr Okafor directly or through one of his own ids.
OTHER_TEACHERS_PAGES = [
    "/classes/{m_class}", "/classes/{m_class}/assignments/{m_graded}", "/results/{m_graded}",
    "/work/review/{ada_work}", "/classes/{m_class}/code", "/classes/{m_class}/import",
    "/classes/{m_class}/students/{ada}/pin", "/classes/{m_class}/students/{ada}/remove",
    "/classes/{x_class}/students/{ada}/pin", "/classes/{x_class}/students/{ada}/remove",
    "/classes/{x_class}/assignments/{m_graded}",
    "/classes/{m_class}/assignments/{m_graded}/submissions/{ada_work}/reopen",
    "/classes/{x_class}/assignments/{x_graded}/submissions/{ada_work}/reopen",
    "/classes/{m_class}/assignments/{m_graded}/edit", "/classes/{m_class}/assignments/{m_graded}/unassign",
    "/classes/{x_class}/assignments/{m_graded}/edit",
    "/classes/{m_class}/assignments/{m_graded}/submissions/{ada_work}/return",
    "/classes/{x_class}/assignments/{x_graded}/submissions/{ada_work}/return",
    "/builder/exercises/{m_exercise}/edit",
    "/classes/{m_class}/delete", "/results/classes/{m_class}/cues",
    *(f"/results/{{m_graded}}/download/{fmt}" for fmt in ("gradebook", "long", "xlsx")),
    *(f"/results/classes/{{m_class}}/download/{fmt}" for fmt in ("archive", "long", "xlsx")),
    "/authoring/drafts/{m_draft}", "/authoring/articles/{m_article}/key", "/api/keys/{m_article}",
    "/builder/exercises/{m_exercise}/assign", "/builder/exercises/{m_exercise}/delete",
    "/builder/lessons/{m_lesson}/edit", "/builder/lessons/{m_lesson}/delete", "/builder/lessons/{m_lesson}/export.zip",
    "/lessons/{m_lesson}", "/lessons/{m_lesson}/assign", "/lessons/{m_lesson}/handout", "/lessons/{m_lesson}/print",
    "/lessons/{m_lesson}/student",
]
OTHER_TEACHERS_POSTS = [
    ("/classes/{m_class}/code", {}), ("/classes/{m_class}/students", {"display_name": "Intruder"}),
    ("/classes/{m_class}/students/{ada}/pin", {}), ("/classes/{m_class}/students/{ada}/remove", {"confirm": "y"}),
    ("/classes/{x_class}/students/{ada}/pin", {}), ("/classes/{x_class}/students/{ada}/remove", {"confirm": "y"}),
    ("/classes/{m_class}/assignments/{m_graded}/submissions/{ada_work}/reopen", {}),
    ("/classes/{x_class}/assignments/{x_graded}/submissions/{ada_work}/reopen", {}),
    ("/classes/{m_class}/assignments/{m_graded}/edit", {"due_at": "2031-01-01T10:00"}),
    ("/classes/{m_class}/assignments/{m_graded}/unassign", {"work": "delete"}),
    ("/classes/{x_class}/assignments/{m_graded}/unassign", {"work": "delete"}),
    ("/classes/{m_class}/assignments/{m_graded}/restore", {}),
    ("/classes/{m_class}/assignments/{m_graded}/submissions/{ada_work}/return", {"comment": "Forged"}),
    ("/classes/{x_class}/assignments/{x_graded}/submissions/{ada_work}/return", {"comment": "Forged"}),
    ("/builder/exercises/{m_exercise}/edit", {"title": "Stolen", "article": "iraq-2021-001",
                                              "cues": "scare-quotes", "mode": "practice", "instructions": "x"}),
    ("/work/review/{ada_work}", {"comment": "written by another teacher"}),
    ("/results/{m_graded}/submissions/{ada_work}/grade", {"grade": "100"}),
    ("/results/{x_graded}/submissions/{ada_work}/grade", {"grade": "100"}),
    ("/classes/{m_class}/delete", {"name": "Class of rivera@example.org"}),
    ("/authoring/drafts/{m_draft}", {"headline": "Stolen", "outlet": "Stolen", "outlet_kind": "newspaper",
                                     "published": "2024-03-19", "story": "__new__", "new_story_title": "Stolen"}),
    ("/authoring/drafts/{m_draft}/removals", {"removal": "{m_removal}", "action": "undo"}),
    ("/authoring/drafts/{m_draft}/leftovers", {"original": "Anything", "corrected": ""}),
    ("/authoring/drafts/{m_draft}/discard", {}), ("/authoring/articles/{m_article}/key/copy", {}),
    ("/builder/exercises/{m_exercise}/assign", {"classroom": "{x_class}"}),
    ("/builder/exercises/{m_exercise}/delete", {}), ("/builder/lessons/{m_lesson}/delete", {}),
    ("/builder/lessons/{m_lesson}/edit", {"title": "Stolen lesson", "notes": "Stolen"}),
    ("/lessons/{m_lesson}/assign", {"target": "lesson", "classroom": "{x_class}"}),
    ("/classes/{m_class}/roster-lock", {}),
]
# The one refusal that is not a 404: a metadata form sent for an upload that is not (or no longer)
# the teacher's own is taken for a second submit of one already saved, and sends them back to their
# uploads with nothing changed, the same answer whether the upload exists or not.
NOT_404 = {"/authoring/drafts/{m_draft}": 302}
AUTHORED_PLACEHOLDERS = ("{m_draft}", "{m_article}", "{m_exercise}", "{m_lesson}", "{m_removal}")


def _authored_for(request, *texts):
    """Ms Rivera's authored content, made (as herself, before the attack) if a path or form needs it."""
    from fixtures_attacks import Authored

    needed = any(p in str(t) for t in texts for p in AUTHORED_PLACEHOLDERS)
    return request.getfixturevalue("authored") if needed else Authored(0, "", "", 0, "")


def _removal(authored) -> str:
    """A removal of her upload's cleaning, for the undo attempt."""
    if not authored.draft_id:
        return ""
    from webapp.extensions import db
    from webapp.models import ArticleDraft
    from webapp.services.authoring import drafts

    return drafts.review(db.session.get(ArticleDraft, authored.draft_id)).cleaned.removals[0].id


def _fill(path: str, world, lesson, authored=None) -> str:
    from fixtures_attacks import Authored

    authored = authored or Authored(0, "", "", 0, "")
    return path.format(
        m_class=world.mine.classroom.id, m_graded=world.mine.graded.id, x_class=world.theirs.classroom.id,
        x_graded=world.theirs.graded.id, x_practice=world.theirs.practice.id, ada=world.mine.student.id,
        ada_work=world.ada_work.id, lesson=lesson.id, m_draft=authored.draft_id, m_article=authored.article_id,
        m_exercise=authored.exercise_id, m_lesson=authored.lesson_id,
        m_removal=_removal(authored) if "{m_removal}" in path else "")


def _fill_form(form: dict, world, lesson, authored) -> dict:
    return {name: _fill(value, world, lesson, authored) for name, value in form.items()}


def _labels(db_session, submission) -> list[tuple]:
    db_session.expire_all()
    return [(label.client_id, label.cue_id, label.start, label.end, label.note)
            for label in db_session.scalars(select(Label).where(Label.submission_id == submission.id)
                                            .order_by(Label.id))]


# ---- a student against another class and a classmate -------------------------------------------

@pytest.mark.parametrize("path", STUDENT_PAGES_OF_ANOTHER_CLASS)
def test_a_student_cannot_open_another_classes_work(client, switch_to, world, lesson, path):
    switch_to(client, world.mine.other_student)
    assert client.get(_fill(path, world, lesson)).status_code == 404


@pytest.mark.parametrize("op", ["save", "delete"])
def test_a_student_cannot_change_labels_in_another_class(client, switch_to, world, db_session, op):
    before = snapshot(db_session)
    switch_to(client, world.mine.other_student)
    kofi_label = f"label-of-{world.theirs.student.id}"
    response = post_change(client, world.theirs.graded.id, change(op=op, client_id=kofi_label, start=0, end=8))
    assert response.status_code == 404 and response.is_json
    assert snapshot(db_session) == before


def test_a_student_cannot_submit_another_classes_work(client, switch_to, world, db_session):
    before = snapshot(db_session)
    switch_to(client, world.mine.other_student)
    assert client.post(f"/work/{world.theirs.graded.id}/submit", data={}).status_code == 404
    assert snapshot(db_session) == before


def test_a_classmates_label_id_only_reaches_ones_own_labels(client, switch_to, world, db_session):
    """Grace sends Ada's label id: her delete finds nothing of hers, her save makes a label of her own."""
    ada_before = _labels(db_session, world.ada_work)
    switch_to(client, world.mine.other_student)
    ada_label = f"label-of-{world.mine.student.id}"
    deleted = post_change(client, world.mine.graded.id, change(op="delete", client_id=ada_label))
    assert deleted.status_code == 200 and deleted.json["label"] is None
    saved = post_change(client, world.mine.graded.id,
                        change(client_id=ada_label, start=193, end=218, note="Grace's", cue="loaded-language"))
    assert saved.status_code == 200
    assert _labels(db_session, world.ada_work) == ada_before
    assert (ada_label, "loaded-language", 193, 218, "Grace's") in _labels(db_session, world.grace_work)


def test_the_labels_api_shows_only_ones_own_labels(client, switch_to, world):
    switch_to(client, world.mine.other_student)
    labels = client.get(f"/api/assignments/{world.mine.graded.id}/labels").json["labels"]
    assert [label["client_id"] for label in labels] == [f"label-of-{world.mine.other_student.id}"]


def test_a_classmates_feedback_is_not_reachable_by_id(client, switch_to, world):
    """The feedback URL has no student id: it always shows the signed-in student's own work."""
    feedback = f"/work/{world.mine.practice.id}/feedback"
    switch_to(client, world.mine.student)
    assert post_change(client, world.mine.practice.id, change(note="ada-private-note")).status_code == 200
    assert "ada-private-note" in client.get(feedback).get_data(as_text=True)
    switch_to(client, world.mine.other_student)
    page = client.get(f"{feedback}?student={world.mine.student.id}&submission={world.ada_work.id}")
    assert page.status_code == 200 and "ada-private-note" not in page.get_data(as_text=True)


@pytest.mark.parametrize("path", TEACHER_PAGES_FOR_STUDENTS)
def test_a_student_gets_403_on_teacher_pages(client, switch_to, world, lesson, request, path):
    authored = _authored_for(request, path)
    switch_to(client, world.mine.student)
    assert client.get(_fill(path, world, lesson, authored)).status_code == 403


def _teacher_post_endpoints() -> list[str]:
    from test_attacks_csrf import _role, _url_map_endpoints

    return [e for e in _url_map_endpoints() if _role(e) == "teacher" and e != "auth.logout"]


@pytest.mark.parametrize("endpoint", _teacher_post_endpoints())
def test_a_student_posting_to_any_teacher_route_gets_403_and_changes_nothing(app, client, switch_to, world, lesson,
                                                                          db_session, request, endpoint):
    """Every POST route of the app that a teacher uses (from app.url_map), with Ms Rivera's own ids
    and a real form, refused to her student."""
    from test_attacks_csrf import JSON_ENDPOINTS, _form, _target, needs_authored

    authored = request.getfixturevalue("authored") if needs_authored(app, endpoint) else None
    url, form = _target(app, endpoint, world, lesson, authored), _form(endpoint, world, authored)
    switch_to(client, world.mine.student)
    before = snapshot(db_session)
    response = client.post(url, json=form) if endpoint in JSON_ENDPOINTS else client.post(url, data=form)
    assert response.status_code == 403
    assert snapshot(db_session) == before


def test_a_student_cannot_comment_on_their_own_work(client, switch_to, world, db_session):
    before = snapshot(db_session)
    switch_to(client, world.mine.student)
    response = client.post(f"/work/review/{world.ada_work.id}", data={"comment": "Excellent work!"})
    assert response.status_code == 403
    assert snapshot(db_session) == before


# ---- a teacher against another teacher's class -------------------------------------------------

@pytest.mark.parametrize("path", OTHER_TEACHERS_PAGES)
def test_a_teacher_cannot_open_another_teachers_class(client, switch_to, world, lesson, request, path):
    authored = _authored_for(request, path)
    switch_to(client, world.theirs.teacher)
    response = client.get(_fill(path, world, lesson, authored))
    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.is_json and response.json["error"]


@pytest.mark.parametrize(("path", "form"), OTHER_TEACHERS_POSTS)
def test_a_teacher_cannot_change_another_teachers_class(client, switch_to, world, lesson, db_session, request, path,
                                                        form):
    authored = _authored_for(request, path, form)
    before = snapshot(db_session)
    switch_to(client, world.theirs.teacher)
    response = client.post(_fill(path, world, lesson, authored), data=_fill_form(form, world, lesson, authored))
    assert response.status_code == NOT_404.get(path, 404)
    if response.status_code == 302:
        assert response.location.endswith("/authoring/")
    assert snapshot(db_session) == before


@pytest.mark.parametrize("op", ["save", "delete"])
def test_a_teacher_cannot_change_another_teachers_key(client, switch_to, world, authored, db_session, op):
    """Mr Okafor sends a change for Ms Rivera's article, even naming her key label: a JSON 404."""
    from fixtures_authoring import key_change

    from webapp.models import KeyLabel

    her_label = db_session.scalars(select(KeyLabel).where(KeyLabel.article_id == authored.article_id)).one()
    before = snapshot(db_session)
    switch_to(client, world.theirs.teacher)
    body = key_change("loaded-language", her_label.start, her_label.end, "Not mine.", op=op,
                      client_id=her_label.client_id)
    response = client.post(f"/api/keys/{authored.article_id}/changes", json=body)
    assert response.status_code == 404 and response.is_json and response.json["error"]
    assert snapshot(db_session) == before


def test_a_teacher_cannot_assign_a_lesson_to_another_teachers_class(client, switch_to, world, lesson, db_session):
    before = snapshot(db_session)
    switch_to(client, world.theirs.teacher)
    response = client.post(f"/lessons/{lesson.id}/assign",
                           data={"target": "lesson", "classroom": str(world.mine.classroom.id)})
    assert response.status_code == 400
    assert snapshot(db_session) == before


def test_the_class_list_and_pages_hold_nothing_of_another_teachers_class(client, switch_to, world):
    switch_to(client, world.theirs.teacher)
    page = client.get("/classes/").get_data(as_text=True)
    assert world.mine.classroom.name not in page and world.mine.classroom.join_code not in page


def test_anonymous_visitors_reach_no_work_and_no_api(client, world):
    sign_out(client)
    assert client.get(f"/api/assignments/{world.mine.graded.id}/labels").status_code == 401
    assert client.get(f"/work/review/{world.ada_work.id}").status_code == 302
    assert client.get(f"/results/{world.mine.graded.id}").status_code == 302


ID_ARGUMENTS = {"classroom_id", "assignment_id", "submission_id", "student_id", "draft_id", "article_id",
                "exercise_id", "lesson_id"}


def test_every_route_with_an_id_is_attacked_here(app, world, lesson):
    """A new route taking an id of a class, assignment, submission, student, upload, article,
    exercise or lesson must join the lists above."""
    from fixtures_attacks import Authored

    stand_in = Authored(1, "an-article", "an-exercise", 1, "a-lesson")  # only the URLs' shape matters here
    adapter = app.url_map.bind("localhost")
    covered = set()
    for path in STUDENT_PAGES_OF_ANOTHER_CLASS + OTHER_TEACHERS_PAGES:
        covered.add(adapter.match(_fill(path, world, lesson, stand_in), method="GET")[0])
    for path, _ in OTHER_TEACHERS_POSTS:
        covered.add(adapter.match(_fill(path, world, lesson, stand_in), method="POST")[0])
    covered.add("api.changes")  # test_a_student_cannot_change_labels_in_another_class
    covered.add("authoring_api.key_changes")  # test_a_teacher_cannot_change_another_teachers_key
    with_ids = {rule.endpoint for rule in app.url_map.iter_rules() if rule.arguments & ID_ARGUMENTS}
    assert sorted(with_ids - covered) == []
