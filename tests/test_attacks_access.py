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
]
OTHER_TEACHERS_POSTS = [
    ("/classes/{m_class}/code", {}), ("/classes/{m_class}/students", {"display_name": "Intruder"}),
    ("/classes/{m_class}/students/{ada}/pin", {}), ("/classes/{m_class}/students/{ada}/remove", {}),
    ("/classes/{x_class}/students/{ada}/pin", {}), ("/classes/{x_class}/students/{ada}/remove", {}),
    ("/classes/{m_class}/assignments/{m_graded}/submissions/{ada_work}/reopen", {}),
    ("/classes/{x_class}/assignments/{x_graded}/submissions/{ada_work}/reopen", {}),
    ("/work/review/{ada_work}", {"comment": "written by another teacher"}),
    ("/results/{m_graded}/submissions/{ada_work}/grade", {"grade": "100"}),
    ("/results/{x_graded}/submissions/{ada_work}/grade", {"grade": "100"}),
]


def _fill(path: str, world, lesson) -> str:
    return path.format(
        m_class=world.mine.classroom.id, m_graded=world.mine.graded.id, x_class=world.theirs.classroom.id,
        x_graded=world.theirs.graded.id, x_practice=world.theirs.practice.id, ada=world.mine.student.id,
        ada_work=world.ada_work.id, lesson=lesson.id)


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
def test_a_student_gets_403_on_teacher_pages(client, switch_to, world, lesson, path):
    switch_to(client, world.mine.student)
    assert client.get(_fill(path, world, lesson)).status_code == 403


def test_a_student_cannot_comment_on_their_own_work(client, switch_to, world, db_session):
    before = snapshot(db_session)
    switch_to(client, world.mine.student)
    response = client.post(f"/work/review/{world.ada_work.id}", data={"comment": "Excellent work!"})
    assert response.status_code == 403
    assert snapshot(db_session) == before


# ---- a teacher against another teacher's class -------------------------------------------------

@pytest.mark.parametrize("path", OTHER_TEACHERS_PAGES)
def test_a_teacher_cannot_open_another_teachers_class(client, switch_to, world, lesson, path):
    switch_to(client, world.theirs.teacher)
    assert client.get(_fill(path, world, lesson)).status_code == 404


@pytest.mark.parametrize(("path", "form"), OTHER_TEACHERS_POSTS)
def test_a_teacher_cannot_change_another_teachers_class(client, switch_to, world, lesson, db_session, path, form):
    before = snapshot(db_session)
    switch_to(client, world.theirs.teacher)
    assert client.post(_fill(path, world, lesson), data=form).status_code == 404
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


ID_ARGUMENTS = {"classroom_id", "assignment_id", "submission_id", "student_id"}


def test_every_route_with_an_id_is_attacked_here(app, world, lesson):
    """A new route taking a class, assignment, submission or student id must join the lists above."""
    adapter = app.url_map.bind("localhost")
    covered = set()
    for path in STUDENT_PAGES_OF_ANOTHER_CLASS + OTHER_TEACHERS_PAGES:
        covered.add(adapter.match(_fill(path, world, lesson), method="GET")[0])
    for path, _ in OTHER_TEACHERS_POSTS:
        covered.add(adapter.match(_fill(path, world, lesson), method="POST")[0])
    covered.add("api.changes")  # test_a_student_cannot_change_labels_in_another_class
    with_ids = {rule.endpoint for rule in app.url_map.iter_rules() if rule.arguments & ID_ARGUMENTS}
    assert sorted(with_ids - covered) == []
