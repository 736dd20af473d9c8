"""Assignment status (computed from the submission and the due time, worked out by hand here),
the status page of an assignment, and reopening submitted work."""

from __future__ import annotations

import datetime as dt

import pytest

from webapp.models import IN_PROGRESS, SUBMITTED, Submission
from webapp.services.assignments import (
    AssignmentError,
    StudentWork,
    assign_exercise,
    assign_lesson,
    assignment_status,
    reopen_submission,
    roster_summary,
    sort_rows,
    work_status,
)

DUE = dt.datetime(2026, 3, 10, 15, 0)  # Tuesday 10 March 2026, 15:00 UTC
BEFORE, AFTER = dt.datetime(2026, 3, 10, 14, 59), dt.datetime(2026, 3, 10, 15, 1)


def _work(status=None, submitted_at=None):
    return None if status is None else Submission(status=status, submitted_at=submitted_at)


# ---- work_status, a pure function ----

@pytest.mark.parametrize("submission, due, now, expected", [
    (_work(), None, AFTER, "not_started"),                       # no due date: never late
    (_work(), DUE, BEFORE, "not_started"),
    (_work(), DUE, DUE, "not_started"),                          # exactly at the due time: not yet late
    (_work(), DUE, AFTER, "late"),                               # overdue, never started
    (_work(IN_PROGRESS), None, AFTER, "in_progress"),
    (_work(IN_PROGRESS), DUE, BEFORE, "in_progress"),
    (_work(IN_PROGRESS), DUE, AFTER, "late"),                    # overdue and not handed in
    (_work(SUBMITTED, BEFORE), DUE, AFTER, "submitted"),         # handed in a minute early
    (_work(SUBMITTED, DUE), DUE, AFTER, "submitted"),            # handed in on the dot
    (_work(SUBMITTED, AFTER), DUE, AFTER, "submitted_late"),     # a minute late
    (_work(SUBMITTED, AFTER), None, AFTER, "submitted"),
    (_work(SUBMITTED, dt.datetime(2026, 3, 11, 9, 0)), DUE, dt.datetime(2026, 3, 11, 9, 0), "submitted_late"),
])
def test_work_status(submission, due, now, expected):
    assert work_status(submission, due, now) == expected


def test_sort_by_status_puts_who_needs_attention_first():
    rows = [StudentWork(1, "ben", "submitted"), StudentWork(2, "Ada", "late"), StudentWork(3, "Cy", "late"),
            StudentWork(4, "Dee", "in_progress"), StudentWork(5, "Eve", "not_started")]
    assert [r.display_name for r in sort_rows(rows, "status")] == ["Ada", "Cy", "Eve", "Dee", "ben"]
    assert [r.display_name for r in sort_rows(rows, "name")] == ["Ada", "ben", "Cy", "Dee", "Eve"]


# ---- the service, on the database ----

def test_assignment_status_counts_every_student(db_session, classroom, make_student, make_assignment,
                                                make_submission, exercise):
    ada, ben, cy, _dee = (make_student(classroom, n) for n in ("Ada", "Ben", "Cy", "Dee"))
    assignment = make_assignment(classroom, exercise, due_at=DUE)
    make_submission(assignment, ada, submitted_at=BEFORE)
    make_submission(assignment, ben, submitted_at=AFTER)
    make_submission(assignment, cy)
    status = assignment_status(db_session, assignment, now=AFTER)
    assert [(r.display_name, r.status) for r in status.rows] == [
        ("Ada", "submitted"), ("Ben", "submitted_late"), ("Cy", "late"), ("Dee", "late")]
    assert status.counts == {"late": 2, "not_started": 0, "returned": 0, "in_progress": 0, "submitted_late": 1, "submitted": 1}


def test_roster_summary_counts_each_students_assignments(db_session, classroom, student, make_assignment,
                                                        make_submission, lesson):
    first = make_assignment(classroom, lesson.exercises[0], due_at=DUE)
    make_assignment(classroom, lesson.exercises[1])
    make_submission(first, student, submitted_at=BEFORE)
    summary = roster_summary(db_session, classroom, now=AFTER)
    assert summary[student.id]["submitted"] == 1 and summary[student.id]["not_started"] == 1


def test_assign_lesson_sets_the_lesson_on_each_assignment(db_session, classroom, lesson):
    made = assign_lesson(db_session, classroom, lesson, None)
    assert {a.lesson_id for a in made} == {lesson.id} and len(made) == len(lesson.exercises)


def test_assign_exercise_refuses_a_past_due_time(db_session, classroom, exercise):
    with pytest.raises(AssignmentError, match="already passed"):
        assign_exercise(db_session, classroom, exercise, dt.datetime(2020, 1, 1))


def test_reopen_makes_submitted_work_editable_again(db_session, assignment, student, make_submission):
    submission = make_submission(assignment, student, submitted_at=BEFORE)
    reopen_submission(db_session, submission)
    assert (submission.status, submission.submitted_at) == (IN_PROGRESS, None)


def test_reopen_refuses_work_in_progress(db_session, assignment, student, make_submission):
    with pytest.raises(AssignmentError):
        reopen_submission(db_session, make_submission(assignment, student))


# ---- the status page ----

def _status_url(assignment):
    return f"/classes/{assignment.classroom_id}/assignments/{assignment.id}"


def test_the_status_page_lists_each_student_with_a_badge(client, login, teacher, assignment, student,
                                                         make_student, make_submission, classroom):
    make_student(classroom, "Ben")
    submission = make_submission(assignment, student, submitted_at=dt.datetime(2026, 1, 5, 10, 30))
    login(client, teacher)
    page = client.get(_status_url(assignment)).get_data(as_text=True)
    assert "badge-submitted" in page and "badge-not-started" in page and "05 Jan 2026, 10:30" in page
    assert f"/work/review/{submission.id}" in page
    assert f"/submissions/{submission.id}/reopen" in page


def test_the_status_page_sorts_by_status(client, login, teacher, assignment, classroom, make_student,
                                         make_submission):
    zed = make_student(classroom, "Zed")
    make_student(classroom, "Amy")
    make_submission(assignment, zed)
    login(client, teacher)
    page = client.get(_status_url(assignment) + "?sort=status").get_data(as_text=True)
    assert page.index(">Amy<") < page.index(">Zed<")  # not started before in progress
    page = client.get(_status_url(assignment) + "?sort=name").get_data(as_text=True)
    assert page.index(">Amy<") < page.index(">Zed<")
    assert client.get(_status_url(assignment) + "?sort=<bogus>").status_code == 200


def test_the_class_page_lists_the_assignment_with_counts(client, login, teacher, classroom, assignment, student):
    login(client, teacher)
    page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    assert assignment.exercise.title in page and _status_url(assignment) in page and "badge-not-started" in page


def test_status_page_sends_anonymous_visitors_to_sign_in(client, assignment):
    assert "/login" in client.get(_status_url(assignment)).headers["Location"]


def test_status_page_is_forbidden_to_students(client, login, student, assignment):
    login(client, student)
    assert client.get(_status_url(assignment)).status_code == 403


def test_status_page_of_another_teachers_class_is_not_found(client, login, other_teacher, assignment):
    login(client, other_teacher)
    assert client.get(_status_url(assignment)).status_code == 404


def test_my_assignment_under_another_teachers_class_is_not_found(client, login, teacher, assignment, other_classroom):
    login(client, teacher)
    assert client.get(f"/classes/{other_classroom.id}/assignments/{assignment.id}").status_code == 404


def test_an_assignment_under_the_wrong_class_is_not_found(client, login, teacher, make_classroom, assignment):
    mine = make_classroom(teacher, "Period 5")
    login(client, teacher)
    assert client.get(f"/classes/{mine.id}/assignments/{assignment.id}").status_code == 404


# ---- reopening ----

def _reopen_url(submission):
    assignment = submission.assignment
    return f"{_status_url(assignment)}/submissions/{submission.id}/reopen"


def test_reopen_asks_first(client, login, teacher, assignment, student, make_submission):
    submission = make_submission(assignment, student, submitted_at=BEFORE)
    login(client, teacher)
    assert "Reopen Ada’s work?" in client.get(_reopen_url(submission)).get_data(as_text=True)


def test_reopen_post_reopens(client, db_session, login, teacher, assignment, student, make_submission):
    submission = make_submission(assignment, student, submitted_at=BEFORE)
    login(client, teacher)
    response = client.post(_reopen_url(submission))
    db_session.refresh(submission)
    assert response.status_code == 302 and submission.status == IN_PROGRESS


def test_reopen_of_unsubmitted_work_says_so(client, login, teacher, assignment, student, make_submission):
    submission = make_submission(assignment, student)
    login(client, teacher)
    page = client.post(_reopen_url(submission), follow_redirects=True).get_data(as_text=True)
    assert "nothing to reopen" in page


def test_reopen_is_forbidden_to_students(client, db_session, login, student, assignment, make_submission):
    submission = make_submission(assignment, student, submitted_at=BEFORE)
    login(client, student)
    assert client.post(_reopen_url(submission)).status_code == 403
    db_session.refresh(submission)
    assert submission.status == SUBMITTED


def test_reopen_by_another_teacher_is_not_found(client, db_session, login, other_teacher, student, assignment,
                                                make_submission):
    submission = make_submission(assignment, student, submitted_at=BEFORE)
    login(client, other_teacher)
    assert client.post(_reopen_url(submission)).status_code == 404
    db_session.refresh(submission)
    assert submission.status == SUBMITTED


def test_reopen_needs_the_csrf_token(app, client, db_session, login, teacher, assignment, student, make_submission):
    submission = make_submission(assignment, student, submitted_at=BEFORE)
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, teacher)
    assert client.post(_reopen_url(submission)).status_code == 400
    db_session.refresh(submission)
    assert submission.status == SUBMITTED
