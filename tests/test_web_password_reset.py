"""A forgotten password without e-mail: the sign-in page says to ask the school's FrameLab
administrator, who resets it on the teacher accounts page (a temporary password shown once, to be
changed at the next sign-in, or a password they set) or with ``framelab reset-password``."""

from __future__ import annotations

import re

import pytest
from fixtures_web import TEACHER_PASSWORD
from flask import g
from sqlalchemy import select

from webapp.cli import main as framelab
from webapp.models import Teacher
from webapp.services import accounts, throttle


@pytest.fixture
def admin(make_teacher):
    return make_teacher("it@school.org", "Sam IT", admin=True)


def _fresh(db_session, teacher) -> Teacher:
    db_session.expire_all()
    return db_session.get(Teacher, teacher.id)


def _sign_in(client, email: str, password: str):
    g.pop("_login_user", None)
    return client.post("/login", data={"email": email, "password": password})


def _temporary(page: str) -> str:
    return re.search(r'id="temporary-password">([a-z0-9-]+)<', page).group(1)


def test_the_sign_in_page_says_whom_to_ask(client):
    assert "Forgot your password? Ask your school's FrameLab administrator" in client.get("/login").get_data(
        as_text=True)


def test_only_an_administrator_sees_the_teacher_accounts(client, switch_to, admin, teacher, classroom, student):
    for account, status in ((student, 403), (teacher, 403), (admin, 200)):
        switch_to(client, account)
        assert client.get("/admin/teachers").status_code == status
        assert client.post(f"/admin/teachers/{teacher.id}/password").status_code == status
    page = client.get("/admin/teachers").get_data(as_text=True)
    assert teacher.email in page and admin.email in page


def test_a_temporary_password_is_shown_once_and_must_be_changed(app, client, switch_to, db_session, admin, teacher):
    teachers_browser = app.test_client()
    assert _sign_in(teachers_browser, teacher.email, TEACHER_PASSWORD).status_code == 302
    switch_to(client, admin)
    response = client.post(f"/admin/teachers/{teacher.id}/password", data={"choice": "temporary"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    temporary = _temporary(response.get_data(as_text=True))
    assert len(temporary) == 14
    g.pop("_login_user", None)
    assert teachers_browser.get("/classes/").status_code == 302  # signed out everywhere
    assert accounts.authenticate_teacher(db_session, teacher.email, TEACHER_PASSWORD) is None
    assert _fresh(db_session, teacher).must_change_password

    fresh = app.test_client()
    response = _sign_in(fresh, teacher.email, temporary)
    assert response.status_code == 302 and response.headers["Location"].endswith("/account")
    g.pop("_login_user", None)
    blocked = fresh.get("/classes/")
    assert blocked.status_code == 302 and blocked.headers["Location"].endswith("/account")
    g.pop("_login_user", None)
    assert fresh.post("/account/password", data={"current": temporary, "new": "my very own password",
                                                 "confirm": "my very own password"}).status_code == 302
    g.pop("_login_user", None)
    assert fresh.get("/classes/").status_code == 200
    assert not _fresh(db_session, teacher).must_change_password


def test_the_administrator_can_set_a_given_password(client, switch_to, db_session, admin, teacher):
    switch_to(client, admin)
    response = client.post(f"/admin/teachers/{teacher.id}/password",
                           data={"choice": "given", "password": "chosen by the admin"})
    assert response.status_code == 200 and "temporary-password" not in response.get_data(as_text=True)
    assert accounts.authenticate_teacher(db_session, teacher.email, "chosen by the admin") is not None
    assert not _fresh(db_session, teacher).must_change_password
    short = client.post(f"/admin/teachers/{teacher.id}/password", data={"choice": "given", "password": "short"})
    assert short.status_code == 400


def test_a_reset_unlocks_an_account_a_guesser_locked(db_session, teacher):
    key = throttle.teacher_key(teacher.email)
    for _ in range(throttle.MAX_FAILURES):
        throttle.begin(db_session, key)
    assert throttle.begin(db_session, key) is None
    accounts.reset_password(db_session, teacher)
    db_session.commit()
    assert throttle.failures(db_session, key) == 0 and throttle.begin(db_session, key) is not None


def test_the_command_line_makes_a_temporary_password(runner, db_session, teacher):
    result = runner.invoke(framelab, ["reset-password", teacher.email.upper()])
    assert result.exit_code == 0, result.output
    temporary = re.search(r"temporary password for \S+: (\S+)", result.output).group(1)
    db_session.expire_all()
    assert accounts.authenticate_teacher(db_session, teacher.email, temporary) is not None
    assert _fresh(db_session, teacher).must_change_password


def test_the_command_line_sets_a_given_password(runner, db_session, teacher):
    result = runner.invoke(framelab, ["reset-password", teacher.email, "--password", "a typed new password"])
    assert result.exit_code == 0 and "password of teacher@example.org set" in result.output
    db_session.expire_all()
    assert accounts.authenticate_teacher(db_session, teacher.email, "a typed new password") is not None
    assert not _fresh(db_session, teacher).must_change_password


@pytest.mark.parametrize(("arguments", "message"), [
    (["nobody@example.org"], "There is no teacher account"),
    (["teacher@example.org", "--password", "short"], "at least 10 characters"),
])
def test_the_command_line_refuses_clearly(runner, teacher, arguments, message):
    result = runner.invoke(framelab, ["reset-password", *arguments])
    assert result.exit_code == 1 and message in result.output


def test_nobody_else_is_touched(client, switch_to, db_session, admin, teacher, other_teacher):
    before = db_session.scalar(select(Teacher.password_hash).where(Teacher.id == other_teacher.id))
    switch_to(client, admin)
    client.post(f"/admin/teachers/{teacher.id}/password", data={"choice": "temporary"})
    db_session.expire_all()
    assert db_session.scalar(select(Teacher.password_hash).where(Teacher.id == other_teacher.id)) == before
