"""Changing assignments after they were given: the due date, unassigning (keep or delete the
work), assigning again, giving a lesson to a second class, returning work with a comment, and
editing a teacher-built exercise. Each change is the class teacher's alone."""

from __future__ import annotations

import datetime as dt

import pytest
from fixtures_exercise import ARTICLE, CUES

from webapp.models import IN_PROGRESS, SUBMITTED, Assignment, Exercise, Submission
from webapp.services.assignments import assignment_status

FUTURE_LOCAL = "2031-03-10T23:59"  # typed by a teacher in Chicago
FUTURE_UTC = dt.datetime(2031, 3, 11, 4, 59)  # Chicago is UTC-5 on 10 March (summer time)


def _base(assignment) -> str:
    return f"/classes/{assignment.classroom_id}/assignments/{assignment.id}"


@pytest.fixture
def chicago(db_session, teacher):
    teacher.time_zone = "America/Chicago"
    db_session.commit()
    return teacher


# ---- the due date ----

def test_the_edit_page_shows_the_due_date_in_the_teachers_time(client, login, chicago, classroom,
                                                               make_assignment, exercise):
    assignment = make_assignment(classroom, exercise, due_at=FUTURE_UTC)
    login(client, chicago)
    page = client.get(_base(assignment) + "/edit").get_data(as_text=True)
    assert 'value="2031-03-10T23:59"' in page and "America/Chicago" in page


def test_a_new_due_date_is_stored_in_utc(client, db_session, login, chicago, assignment):
    login(client, chicago)
    response = client.post(_base(assignment) + "/edit", data={"due_at": FUTURE_LOCAL})
    db_session.refresh(assignment)
    assert response.status_code == 302 and assignment.due_at == FUTURE_UTC


def test_emptying_the_due_date_removes_it(client, db_session, login, teacher, classroom, make_assignment, exercise):
    assignment = make_assignment(classroom, exercise, due_at=FUTURE_UTC)
    login(client, teacher)
    client.post(_base(assignment) + "/edit", data={"due_at": ""})
    db_session.refresh(assignment)
    assert assignment.due_at is None


def test_a_past_due_date_is_refused(client, db_session, login, teacher, assignment):
    login(client, teacher)
    response = client.post(_base(assignment) + "/edit", data={"due_at": "2020-01-01T10:00"})
    db_session.refresh(assignment)
    assert response.status_code == 400 and "already passed" in response.get_data(as_text=True)
    assert assignment.due_at is None


# ---- unassigning ----

def test_unassign_asks_whether_to_keep_the_work(client, login, teacher, assignment):
    login(client, teacher)
    page = client.get(_base(assignment) + "/unassign").get_data(as_text=True)
    assert "Keep it" in page and "Delete it" in page


def test_unassign_without_a_choice_changes_nothing(client, db_session, login, teacher, assignment):
    login(client, teacher)
    assert client.post(_base(assignment) + "/unassign", data={}).status_code == 400
    db_session.refresh(assignment)
    assert assignment.unassigned_at is None


def test_unassign_keeping_the_work_hides_it_from_students(client, db_session, login, switch_to, teacher, student,
                                                         assignment, make_submission):
    submission = make_submission(assignment, student, submitted_at=dt.datetime(2026, 1, 5, 10, 0))
    login(client, teacher)
    assert client.post(_base(assignment) + "/unassign", data={"work": "keep"}).status_code == 302
    db_session.refresh(assignment)
    assert assignment.unassigned_at is not None and db_session.get(Submission, submission.id) is not None
    class_page = client.get(f"/classes/{assignment.classroom_id}").get_data(as_text=True)
    assert "Unassigned, work kept" in class_page
    switch_to(client, student)
    assert assignment.exercise.title not in client.get("/work/").get_data(as_text=True)
    assert client.get(f"/work/{assignment.id}").status_code == 404


def test_unassign_deleting_the_work_removes_it(client, db_session, login, teacher, student, assignment,
                                              make_submission):
    submission_id = make_submission(assignment, student).id
    assignment_id = assignment.id
    login(client, teacher)
    assert client.post(_base(assignment) + "/unassign", data={"work": "delete"}).status_code == 302
    db_session.expire_all()
    assert db_session.get(Assignment, assignment_id) is None and db_session.get(Submission, submission_id) is None


def test_assign_again_brings_the_work_back(client, db_session, login, teacher, student, assignment, make_submission):
    make_submission(assignment, student)
    login(client, teacher)
    client.post(_base(assignment) + "/unassign", data={"work": "keep"})
    assert client.post(_base(assignment) + "/restore").status_code == 302
    db_session.refresh(assignment)
    assert assignment.unassigned_at is None and len(assignment.submissions) == 1


def test_assigning_the_lesson_again_revives_an_unassigned_exercise(client, db_session, login, teacher, classroom,
                                                                   lesson, make_assignment, student,
                                                                   make_submission):
    kept = make_assignment(classroom, lesson.exercises[0], lesson_id=lesson.id)
    make_submission(kept, student)
    login(client, teacher)
    client.post(_base(kept) + "/unassign", data={"work": "keep"})
    response = client.post(f"/lessons/{lesson.id}/assign", data={"target": lesson.exercises[0].id,
                                                                 "classroom": classroom.id})
    db_session.refresh(kept)
    assert response.status_code == 302 and kept.unassigned_at is None and len(kept.submissions) == 1


def test_a_lesson_can_be_given_to_a_second_class(client, db_session, login, teacher, classroom, make_classroom,
                                                 lesson, make_assignment):
    first = make_assignment(classroom, lesson.exercises[0], lesson_id=lesson.id)
    second = make_classroom(teacher, "Period 5")
    login(client, teacher)
    page = client.get(_base(first) + "/edit").get_data(as_text=True)
    assert f"/lessons/{lesson.id}/assign?exercise=lesson" in page  # "Give it to another class too"
    response = client.post(f"/lessons/{lesson.id}/assign", data={"target": "lesson", "classroom": second.id})
    assert response.status_code == 302
    given = db_session.query(Assignment).filter_by(classroom_id=second.id).count()
    assert given == len(lesson.exercises)
    assert db_session.query(Assignment).filter_by(classroom_id=classroom.id).count() == 1


# ---- returning work ----

def test_return_work_reopens_it_with_a_comment_the_student_sees(client, db_session, login, switch_to, teacher,
                                                               student, assignment, make_submission):
    submission = make_submission(assignment, student, submitted_at=dt.datetime(2026, 1, 5, 10, 0))
    login(client, teacher)
    response = client.post(f"{_base(assignment)}/submissions/{submission.id}/return",
                           data={"comment": "Look again at paragraph 2."})
    db_session.refresh(submission)
    assert response.status_code == 302
    assert (submission.status, submission.teacher_comment) == (IN_PROGRESS, "Look again at paragraph 2.")
    assert assignment_status(db_session, assignment).rows[0].status == "returned"
    assert "Returned" in client.get(_base(assignment)).get_data(as_text=True)
    switch_to(client, student)
    work_page = client.get(f"/work/{assignment.id}").get_data(as_text=True)
    assert "Your teacher returned this work" in work_page and "Look again at paragraph 2." in work_page
    assert "Returned" in client.get("/work/").get_data(as_text=True)


def test_return_work_needs_a_comment(client, db_session, login, teacher, student, assignment, make_submission):
    submission = make_submission(assignment, student, submitted_at=dt.datetime(2026, 1, 5, 10, 0))
    login(client, teacher)
    response = client.post(f"{_base(assignment)}/submissions/{submission.id}/return", data={"comment": "  "})
    db_session.refresh(submission)
    assert response.status_code == 400 and submission.status == SUBMITTED


def test_handing_in_again_ends_returned(db_session, student, assignment, make_submission):
    from webapp.services.assignments import return_submission
    from webapp.services.work import submit

    submission = make_submission(assignment, student, submitted_at=dt.datetime(2026, 1, 5, 10, 0))
    return_submission(db_session, submission, "Once more.")
    submit(db_session, assignment, student)
    assert assignment_status(db_session, assignment).rows[0].status == "submitted"


# ---- editing a teacher-built exercise ----

@pytest.fixture
def own_exercise(db_session, teacher):
    exercise = Exercise(id="my-own-exercise", title="My exercise", article_id=ARTICLE, cues=list(CUES),
                        mode="practice", instructions="Find the cues.", owner_id=teacher.id)
    db_session.add(exercise)
    db_session.commit()
    return exercise


def _exercise_form(**changes) -> dict:
    form = {"title": "My exercise, better", "article": ARTICLE, "cues": CUES[:2], "mode": "graded",
            "instructions": "Find two cues."}
    form.update(changes)
    return form


def test_the_edit_form_is_filled_in(client, login, teacher, own_exercise):
    login(client, teacher)
    page = client.get(f"/builder/exercises/{own_exercise.id}/edit").get_data(as_text=True)
    assert 'value="My exercise"' in page and "Find the cues." in page


def test_editing_an_exercise_saves_it(client, db_session, login, teacher, own_exercise):
    login(client, teacher)
    response = client.post(f"/builder/exercises/{own_exercise.id}/edit", data=_exercise_form())
    db_session.refresh(own_exercise)
    assert response.status_code == 302
    assert (own_exercise.title, own_exercise.cues, own_exercise.mode) == ("My exercise, better", CUES[:2], "graded")


def test_the_article_stays_once_students_started(client, db_session, login, teacher, classroom, student,
                                                 own_exercise, make_assignment, make_submission):
    make_submission(make_assignment(classroom, own_exercise), student)
    login(client, teacher)
    response = client.post(f"/builder/exercises/{own_exercise.id}/edit",
                           data=_exercise_form(article="iraq-2021-002"))
    db_session.refresh(own_exercise)
    assert response.status_code == 400 and own_exercise.article_id == ARTICLE
    assert "cannot change" in response.get_data(as_text=True)


# ---- who may ----

def _change_urls(assignment, submission) -> list[tuple[str, dict]]:
    base = _base(assignment)
    return [(f"{base}/edit", {"due_at": FUTURE_LOCAL}), (f"{base}/unassign", {"work": "delete"}),
            (f"{base}/restore", {}), (f"{base}/submissions/{submission.id}/return", {"comment": "Forged."})]


def test_another_teacher_gets_not_found_and_changes_nothing(client, db_session, login, other_teacher, student,
                                                           assignment, make_submission, own_exercise):
    submission = make_submission(assignment, student, submitted_at=dt.datetime(2026, 1, 5, 10, 0))
    login(client, other_teacher)
    for url, data in _change_urls(assignment, submission):
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, data=data).status_code == 404, url
    assert client.post(f"/builder/exercises/{own_exercise.id}/edit", data=_exercise_form()).status_code == 404
    db_session.expire_all()
    assert db_session.get(Assignment, assignment.id).due_at is None
    assert db_session.get(Submission, submission.id).status == SUBMITTED
    assert db_session.get(Exercise, own_exercise.id).title == "My exercise"


def test_a_student_is_forbidden(client, db_session, login, student, assignment, make_submission, own_exercise):
    submission = make_submission(assignment, student, submitted_at=dt.datetime(2026, 1, 5, 10, 0))
    login(client, student)
    for url, data in _change_urls(assignment, submission):
        assert client.post(url, data=data).status_code == 403, url
    assert client.post(f"/builder/exercises/{own_exercise.id}/edit", data=_exercise_form()).status_code == 403
