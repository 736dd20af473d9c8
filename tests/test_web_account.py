"""Signing out ends the session, and a teacher's own account page: password change (current
password first, CSRF checked), sign out everywhere, a maximum session age, and the time zone
(taken from the browser at the first sign-in, changed on the page, always a real zone name)."""

from __future__ import annotations

import time

import pytest
from fixtures_web import TEACHER_PASSWORD
from flask import g

from webapp.auth import session_age
from webapp.services import accounts


def _forget_cached_user() -> None:
    g.pop("_login_user", None)


def _teacher_sign_in(client, email: str, password: str = TEACHER_PASSWORD, **extra):
    _forget_cached_user()
    return client.post("/login", data={"email": email, "password": password, **extra})


def _student_sign_in(client, code: str, name: str = "Ada", pin: str = "1234"):
    _forget_cached_user()
    return client.post("/join", data={"join_code": code, "display_name": name, "pin": pin})


def _get(client, url: str):
    _forget_cached_user()
    return client.get(url)


def _session_cookie(client) -> str:
    return client.get_cookie("session").value


def _replay(client, cookie: str) -> None:
    client.set_cookie("session", cookie, domain="localhost")
    _forget_cached_user()


# ---- signing out ----------------------------------------------------------------------------------

def test_a_teachers_cookie_copied_before_signing_out_stops_working(client, teacher):
    assert _teacher_sign_in(client, teacher.email).status_code == 302
    copied = _session_cookie(client)
    assert _get(client, "/classes/").status_code == 200
    client.post("/logout")
    _replay(client, copied)
    response = _get(client, "/classes/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_students_cookie_copied_before_signing_out_stops_working(client, classroom, student):
    assert _student_sign_in(client, classroom.join_code).status_code == 302
    copied = _session_cookie(client)
    assert _get(client, "/work/").status_code == 200
    client.post("/logout")
    _replay(client, copied)
    assert _get(client, "/work/").status_code == 302


# ---- sign out everywhere, password change ---------------------------------------------------------

def test_sign_out_everywhere_ends_the_other_sessions_and_keeps_this_one(app, teacher):
    laptop, phone = app.test_client(), app.test_client()
    _teacher_sign_in(laptop, teacher.email)
    _teacher_sign_in(phone, teacher.email)
    _forget_cached_user()
    assert laptop.post("/account/sign-out-everywhere").status_code == 302
    assert _get(laptop, "/classes/").status_code == 200
    assert _get(phone, "/classes/").status_code == 302


def test_the_password_change_needs_the_current_password(client, login, teacher):
    login(client, teacher)
    response = client.post("/account/password", data={"current": "not it at all", "new": "a new long password",
                                                      "confirm": "a new long password"})
    assert response.status_code == 400 and "not your current password" in response.get_data(as_text=True)
    assert accounts.authenticate_teacher(accounts_session(), teacher.email, TEACHER_PASSWORD) is not None


def accounts_session():
    from webapp.extensions import db

    db.session.expire_all()
    return db.session


def test_the_password_change_signs_out_other_browsers_and_keeps_this_one(app, teacher):
    laptop, phone = app.test_client(), app.test_client()
    _teacher_sign_in(laptop, teacher.email)
    _teacher_sign_in(phone, teacher.email)
    _forget_cached_user()
    response = laptop.post("/account/password", data={"current": TEACHER_PASSWORD, "new": "a new long password",
                                                      "confirm": "a new long password"})
    assert response.status_code == 302
    assert _get(laptop, "/classes/").status_code == 200
    assert _get(phone, "/classes/").status_code == 302
    session = accounts_session()
    assert accounts.authenticate_teacher(session, teacher.email, TEACHER_PASSWORD) is None
    assert accounts.authenticate_teacher(session, teacher.email, "a new long password") is not None


def test_the_account_forms_check_the_csrf_token(make_app, teacher):
    """The tests' app turns CSRF off; the real one does not."""
    from fixtures_web import sign_in

    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        sign_in(client, teacher)
        for url, form in (("/account/password", {"current": TEACHER_PASSWORD, "new": "a new long password",
                                                 "confirm": "a new long password"}),
                          ("/account/sign-out-everywhere", {}), ("/account/time-zone", {"time_zone": "UTC"})):
            assert client.post(url, data=form).status_code == 400, url
        assert accounts.authenticate_teacher(accounts_session(), teacher.email, TEACHER_PASSWORD) is not None


def test_students_have_no_account_page(client, login, student):
    login(client, student)
    assert client.get("/account").status_code == 403


def test_the_teacher_navigation_links_to_the_account_page(client, login, teacher):
    login(client, teacher)
    page = client.get("/classes/").get_data(as_text=True)
    assert 'href="/account"' in page


# ---- maximum session age --------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "hours"), [("student", 12), ("teacher", 168)])
def test_a_session_ends_at_its_maximum_age(client, classroom, student, teacher, role, hours):
    if role == "student":
        _student_sign_in(client, classroom.join_code)
        url = "/work/"
    else:
        _teacher_sign_in(client, teacher.email)
        url = "/classes/"
    assert session_age.max_age_hours(role) == hours
    with client.session_transaction() as session:
        session[session_age.STAMP] = int(time.time()) - hours * 3600 + 60  # a minute to go
    assert _get(client, url).status_code == 200
    with client.session_transaction() as session:
        session[session_age.STAMP] = int(time.time()) - hours * 3600 - 60  # a minute too old
    assert _get(client, url).status_code == 302


def test_the_maximum_age_comes_from_the_config(app, client, classroom, student):
    app.config["FRAMELAB_STUDENT_SESSION_HOURS"] = "1"
    _student_sign_in(client, classroom.join_code)
    with client.session_transaction() as session:
        session[session_age.STAMP] = int(time.time()) - 3700
    assert _get(client, "/work/").status_code == 302


# ---- time zone --------------------------------------------------------------------------------------

def test_the_first_sign_in_keeps_the_browsers_time_zone(client, teacher):
    assert _teacher_sign_in(client, teacher.email, time_zone="Europe/Berlin").status_code == 302
    assert accounts_session().get(type(teacher), teacher.id).time_zone == "Europe/Berlin"
    client.post("/logout")
    _teacher_sign_in(client, teacher.email, time_zone="America/Chicago")  # travelling: the setting stays
    assert accounts_session().get(type(teacher), teacher.id).time_zone == "Europe/Berlin"


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../../etc/passwd", "", "x" * 64])
def test_a_browser_zone_that_is_no_zone_is_not_kept(client, teacher, zone):
    assert _teacher_sign_in(client, teacher.email, time_zone=zone).status_code == 302
    assert accounts_session().get(type(teacher), teacher.id).time_zone is None


def test_the_account_page_changes_the_time_zone(client, login, teacher):
    login(client, teacher)
    page = client.get("/account").get_data(as_text=True)
    assert '<option value="Asia/Tokyo">' in page or "Asia/Tokyo" in page
    assert client.post("/account/time-zone", data={"time_zone": "Asia/Tokyo"}).status_code == 302
    assert accounts_session().get(type(teacher), teacher.id).time_zone == "Asia/Tokyo"
    assert client.post("/account/time-zone", data={"time_zone": "Nowhere/Atlantis"}).status_code == 400
    assert accounts_session().get(type(teacher), teacher.id).time_zone == "Asia/Tokyo"


def test_the_sign_in_page_loads_the_time_zone_script(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'name="time_zone"' in page and "js/time-zone.js" in page
    response = client.get("/static/js/time-zone.js")
    script = response.get_data(as_text=True)
    response.close()
    assert "Intl.DateTimeFormat().resolvedOptions().timeZone" in script
