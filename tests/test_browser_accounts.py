"""Accounts in a real browser: the administrator resets a teacher's forgotten password, the teacher
signs in with the temporary one and must choose their own; the sign-in form sends the browser's
time zone; the account page and the teacher accounts page pass axe-core."""

from __future__ import annotations

import pytest
from fixtures_browser import sign_in_teacher
from fixtures_web import TEACHER_PASSWORD

from webapp.models import Teacher

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def _sign_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.get_by_role("button", name="Sign in").click()


def test_an_administrator_resets_a_forgotten_password(live_server, new_page, make_teacher, db_session):
    from playwright.sync_api import expect

    make_teacher("it@school.org", "Sam IT", admin=True)
    teacher = make_teacher("rivera@school.org", "Ms Rivera")

    forgetful = new_page()
    forgetful.goto(f"{live_server}/login")
    expect(forgetful.get_by_text("Forgot your password? Ask your school's FrameLab administrator")).to_be_visible()

    admin = new_page()
    sign_in_teacher(admin, live_server, "it@school.org")
    admin.get_by_role("link", name="Teachers").click()
    admin.get_by_role("link", name="Reset the password of Ms Rivera").click()
    admin.get_by_label("Make a temporary password").check()
    admin.get_by_role("button", name="Reset the password").click()
    temporary = admin.locator("#temporary-password").inner_text().strip()
    assert len(temporary) == 14

    _sign_in(forgetful, live_server, "rivera@school.org", TEACHER_PASSWORD)  # the old one is gone
    expect(forgetful.get_by_role("alert")).to_contain_text("do not match")
    _sign_in(forgetful, live_server, "rivera@school.org", temporary)
    forgetful.wait_for_url(f"{live_server}/account")
    expect(forgetful.get_by_role("alert").first).to_contain_text("temporary password")
    forgetful.goto(f"{live_server}/classes/")  # nothing else opens until the password is changed
    forgetful.wait_for_url(f"{live_server}/account")
    forgetful.fill("#current", temporary)
    forgetful.fill("#new", "my own new password")
    forgetful.fill("#confirm", "my own new password")
    forgetful.get_by_role("button", name="Change the password").click()
    expect(forgetful.get_by_text("Your password is changed")).to_be_visible()
    forgetful.get_by_role("link", name="Classes").click()
    forgetful.wait_for_url(f"{live_server}/classes/")
    db_session.expire_all()
    assert not db_session.get(Teacher, teacher.id).must_change_password


def test_the_sign_in_form_sends_the_browsers_time_zone(live_server, new_page, make_teacher, db_session):
    from playwright.sync_api import expect

    teacher = make_teacher("rivera@school.org", "Ms Rivera")
    page = new_page(timezone_id="America/Denver")
    sign_in_teacher(page, live_server, "rivera@school.org")
    page.wait_for_url(f"{live_server}/classes/")
    db_session.expire_all()
    assert db_session.get(Teacher, teacher.id).time_zone == "America/Denver"
    page.get_by_role("link", name="Account").click()
    expect(page.get_by_label("Your time zone")).to_have_value("America/Denver")
    page.get_by_label("Your time zone").select_option("Europe/Lisbon")
    page.get_by_role("button", name="Save the time zone").click()
    expect(page.get_by_text("Times are now shown in Europe/Lisbon")).to_be_visible()
    db_session.expire_all()
    assert db_session.get(Teacher, teacher.id).time_zone == "Europe/Lisbon"
