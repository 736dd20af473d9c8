"""Local time: due dates typed in the teacher's zone are stored as the right UTC instant, pages
show the class teacher's clock time, and a student page never says "UTC"."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from webapp.models import Assignment
from webapp.web.localtime import format_local, to_local, to_utc, zone_named

CHICAGO = "America/Chicago"


def test_to_utc_reads_a_wall_clock_time_in_the_zone():
    # 10 March 2026 is after the US switch to summer time (8 March): Chicago is UTC-5 then.
    assert to_utc(dt.datetime(2026, 3, 10, 23, 59), ZoneInfo(CHICAGO)) == dt.datetime(2026, 3, 11, 4, 59)
    # In winter, UTC-6.
    assert to_utc(dt.datetime(2026, 1, 10, 23, 59), ZoneInfo(CHICAGO)) == dt.datetime(2026, 1, 11, 5, 59)


def test_to_local_and_format_are_the_inverse():
    stored = dt.datetime(2026, 3, 11, 4, 59)
    assert to_local(stored, ZoneInfo(CHICAGO)).strftime("%Y-%m-%d %H:%M") == "2026-03-10 23:59"
    assert format_local(stored, "plain", ZoneInfo("Europe/Berlin")) == "2026-03-11 05:59"


@pytest.mark.parametrize("name", [None, "", "Mars/Olympus", "../etc/passwd"])
def test_an_unknown_zone_name_is_ignored(name):
    assert zone_named(name) is None


@pytest.fixture
def chicago_teacher(db_session, teacher):
    teacher.time_zone = CHICAGO
    db_session.commit()
    return teacher


def test_a_due_date_typed_in_chicago_is_stored_as_utc(client, db_session, login, chicago_teacher, classroom,
                                                      lesson, monkeypatch):
    # The form refuses a due time already past: set the clock to before the date of the issue.
    monkeypatch.setattr("webapp.services.assignments.utcnow", lambda: dt.datetime(2026, 3, 1, 12, 0))
    login(client, chicago_teacher)
    response = client.post(f"/lessons/{lesson.id}/assign", data={
        "target": "lesson", "classroom": classroom.id, "due_at": "2026-03-10T23:59"})
    assert response.status_code == 302
    stored = {a.due_at for a in db_session.query(Assignment).filter_by(classroom_id=classroom.id)}
    assert stored == {dt.datetime(2026, 3, 11, 4, 59)}


def test_the_assign_form_names_the_teachers_zone(client, login, chicago_teacher, lesson):
    login(client, chicago_teacher)
    page = client.get(f"/lessons/{lesson.id}/assign").get_data(as_text=True)
    assert CHICAGO in page and "Times are UTC" not in page


def test_teacher_pages_show_the_local_due_time(client, login, chicago_teacher, classroom, make_assignment, exercise):
    assignment = make_assignment(classroom, exercise, due_at=dt.datetime(2026, 3, 11, 4, 59))
    login(client, chicago_teacher)
    page = client.get(f"/classes/{classroom.id}/assignments/{assignment.id}").get_data(as_text=True)
    assert "Tue 10 Mar 2026, 23:59 CDT" in page and ">Wed 11 Mar" not in page
    assert 'datetime="2026-03-11T04:59:00Z"' in page


def test_the_school_default_zone_applies_when_the_teacher_has_none(app, client, login, teacher, classroom,
                                                                 make_assignment, exercise):
    app.config["FRAMELAB_TIME_ZONE"] = "Europe/Berlin"
    assignment = make_assignment(classroom, exercise, due_at=dt.datetime(2026, 3, 11, 4, 59))
    login(client, teacher)
    page = client.get(f"/classes/{classroom.id}/assignments/{assignment.id}").get_data(as_text=True)
    assert "Wed 11 Mar 2026, 05:59 CET" in page


@pytest.mark.parametrize("zone", [None, CHICAGO])
def test_a_student_page_never_says_utc(client, db_session, login, teacher, classroom, student, make_assignment,
                                       make_submission, exercise, zone):
    teacher.time_zone = zone
    db_session.commit()
    assignment = make_assignment(classroom, exercise, due_at=dt.datetime(2030, 3, 11, 4, 59))
    make_submission(assignment, student, submitted_at=dt.datetime(2030, 3, 1, 12, 0))
    login(client, student)
    for url in ("/work/", f"/work/{assignment.id}", f"/work/{assignment.id}/feedback"):
        response = client.get(url, follow_redirects=True)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert "UTC" not in page, url
    listing = client.get("/work/").get_data(as_text=True)
    assert ("10 Mar 2030, 23:59" if zone else "11 Mar 2030, 04:59") in listing
