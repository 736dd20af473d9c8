"""The start page, teacher sign-up and sign-in, student join/sign-in, sign-out, safe redirects,
CSRF on the sign-in forms and the rate limits on failed sign-ins."""

from __future__ import annotations

import pytest
from fixtures_web import TEACHER_PASSWORD
from flask import g
from sqlalchemy import func, select

from webapp.auth.next_url import safe_next
from webapp.models import Student, Teacher
from webapp.services import accounts


def _join(client, code, name="Ada", pin="1234", **kwargs):
    return client.post("/join", data={"join_code": code, "display_name": name, "pin": pin}, **kwargs)


def _signed_in_id(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("_user_id")


# ---- the start page ----

def test_home_welcomes_visitors_with_both_sign_ins(client):
    page = client.get("/").get_data(as_text=True)
    assert "Teacher sign-in" in page and "Student sign-in" in page
    assert 'href="/login"' in page and 'href="/join"' in page


def test_home_sends_a_teacher_to_their_classes(client, login, teacher):
    login(client, teacher)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/classes/")


def test_home_sends_a_student_to_their_assignments(client, login, student):
    login(client, student)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/work/")


# ---- teacher sign-up ----

SIGNUP = {"email": "New@School.org", "name": "Mx Chen", "password": "a long password", "confirm": "a long password"}


def test_signup_creates_the_teacher_and_signs_them_in(client, db_session):
    response = client.post("/signup", data=SIGNUP)
    assert response.status_code == 302 and response.headers["Location"].endswith("/classes/new")
    teacher = db_session.scalar(select(Teacher).where(Teacher.email == "new@school.org"))
    assert teacher is not None and _signed_in_id(client) == teacher.get_id()


def test_signup_refuses_different_passwords(client, db_session):
    response = client.post("/signup", data={**SIGNUP, "confirm": "another long one"})
    assert "The two passwords differ." in response.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(Teacher)) == 0


def test_signup_refuses_a_short_password(client):
    response = client.post("/signup", data={**SIGNUP, "password": "short", "confirm": "short"})
    assert "10 to" in response.get_data(as_text=True)


def test_signup_refuses_a_taken_email(client, teacher):
    response = client.post("/signup", data={**SIGNUP, "email": "TEACHER@example.org"})
    assert "already exists" in response.get_data(as_text=True)


def test_signup_refuses_a_malformed_email(client):
    response = client.post("/signup", data={**SIGNUP, "email": "not an address"})
    assert "such as name@school.org" in response.get_data(as_text=True)


def test_signup_can_be_closed_in_the_config(app, client, db_session):
    app.config["FRAMELAB_ALLOW_SIGNUP"] = "0"
    assert client.get("/signup").status_code == 403
    assert client.post("/signup", data=SIGNUP).status_code == 403
    assert db_session.scalar(select(func.count()).select_from(Teacher)) == 0


def test_signup_can_be_closed_from_the_environment(make_app, monkeypatch):
    monkeypatch.setenv("FRAMELAB_ALLOW_SIGNUP", "0")  # read once, by config.settings, when the app is made
    assert "framelab create-teacher" in make_app().test_client().get("/signup").get_data(as_text=True)


# ---- teacher sign-in ----

def test_teacher_signs_in_and_lands_on_their_classes(client, teacher):
    response = client.post("/login", data={"email": " Teacher@Example.org ", "password": TEACHER_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/classes/")
    assert _signed_in_id(client) == teacher.get_id()


def test_wrong_password_is_refused_without_saying_which_part_is_wrong(client, teacher):
    response = client.post("/login", data={"email": "teacher@example.org", "password": "wrong password"})
    assert response.status_code == 200 and _signed_in_id(client) is None
    assert "do not match" in response.get_data(as_text=True)


def test_unknown_email_gets_the_same_message(client):
    response = client.post("/login", data={"email": "nobody@example.org", "password": "wrong password"})
    assert "do not match" in response.get_data(as_text=True)


def test_sign_in_follows_a_local_next(client, teacher):
    response = client.post("/login?next=/lessons/", data={"email": teacher.email, "password": TEACHER_PASSWORD})
    assert response.headers["Location"].endswith("/lessons/")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"])
def test_sign_in_ignores_a_next_elsewhere(client, teacher, target):
    response = client.post("/login", query_string={"next": target},
                           data={"email": teacher.email, "password": TEACHER_PASSWORD})
    assert response.headers["Location"].endswith("/classes/")


@pytest.mark.parametrize("target, expected", [
    ("/classes/3", "/classes/3"), ("/work/?x=1", "/work/?x=1"), ("", None), ("classes", None),
    ("//evil.example", None), ("/\\evil.example", None), ("https://evil.example/a", None), ("/a\r\nb", None),
])
def test_safe_next(target, expected):
    assert safe_next(target) == expected


def test_sign_in_starts_a_fresh_session(client, teacher):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    client.post("/login", data={"email": teacher.email, "password": TEACHER_PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session and session["_user_id"] == teacher.get_id()


def test_a_signed_in_person_on_the_login_page_is_offered_sign_out(client, login, student):
    login(client, student)
    page = client.get("/login").get_data(as_text=True)
    assert "You are signed in as" in page and "Ada" in page


# ---- sign-out ----

def test_sign_out_is_a_post_that_ends_the_session(client, login, teacher):
    login(client, teacher)
    response = client.post("/logout")
    assert response.status_code == 302 and _signed_in_id(client) is None


def test_sign_out_by_get_is_not_allowed(client, login, teacher):
    login(client, teacher)
    assert client.get("/logout").status_code == 405
    assert _signed_in_id(client) == teacher.get_id()


# ---- students: join and sign in on one page ----

def test_a_new_name_joins_the_class_with_the_chosen_pin(client, db_session, classroom):
    response = _join(client, classroom.join_code, "Grace", "98765")
    assert response.status_code == 302 and response.headers["Location"].endswith("/work/")
    student = db_session.scalar(select(Student).where(Student.display_name == "Grace"))
    assert student.classroom_id == classroom.id and accounts.check_secret(student.pin_hash, "98765")
    assert _signed_in_id(client) == student.get_id()


def test_an_existing_student_signs_in_with_their_pin(client, classroom, student):
    response = _join(client, classroom.join_code.lower(), "  ada ", "1234")
    assert response.status_code == 302 and _signed_in_id(client) == student.get_id()


def test_the_code_may_be_typed_with_spaces_and_dashes(client, classroom, student):
    code = classroom.join_code
    _join(client, f" {code[:3]}-{code[3:]} ", "Ada", "1234")
    assert _signed_in_id(client) == student.get_id()


def test_a_wrong_pin_is_refused_like_a_wrong_name(client, db_session, classroom, student):
    response = _join(client, classroom.join_code, "Ada", "9999")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "That name and PIN do not match" in page
    assert "already" not in page and _signed_in_id(client) is None
    assert db_session.scalar(select(func.count()).select_from(Student)) == 1


def test_an_unknown_class_code_is_refused(client, db_session):
    response = _join(client, "ZZZZZZ")
    assert "No class has this code" in response.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(Student)) == 0


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "١٢٣٤"])
def test_a_pin_must_be_4_to_8_digits(client, classroom, pin):
    response = _join(client, classroom.join_code, "Grace", pin)
    assert "A PIN is 4 to 8 digits." in response.get_data(as_text=True)


def test_a_name_with_control_characters_is_refused(client, db_session, classroom):
    response = _join(client, classroom.join_code, "Ada\x07\x1b")  # NUL: see test_attacks_input.py
    assert "cannot be typed" in response.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(Student)) == 0


def test_the_join_page_fills_in_the_code_from_the_link(client):
    assert 'value="K7M2QP"' in client.get("/join?code=K7M2QP").get_data(as_text=True)


def test_a_pin_reset_signs_the_student_out(client, db_session, login, student):
    login(client, student)
    assert client.get("/").status_code == 302
    accounts.reset_pin(db_session, student)
    db_session.commit()
    g.pop("_login_user", None)  # the fixture's app context outlives requests; a real request starts afresh
    assert client.get("/").status_code == 200  # the welcome page: signed out


# ---- CSRF: the sign-in forms refuse a POST without a token ----

def test_login_without_csrf_token_is_refused(app, client, teacher):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/login", data={"email": teacher.email, "password": TEACHER_PASSWORD})
    assert response.status_code == 400 and _signed_in_id(client) is None


def test_join_without_csrf_token_is_refused(app, client, classroom):
    app.config["WTF_CSRF_ENABLED"] = True
    assert _join(client, classroom.join_code).status_code == 400


def test_logout_without_csrf_token_is_refused(app, client, login, teacher):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, teacher)
    assert client.post("/logout").status_code == 400
    assert _signed_in_id(client) == teacher.get_id()


def test_login_with_its_csrf_token_works(app, client, teacher):
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/login", data={"email": teacher.email, "password": TEACHER_PASSWORD, "csrf_token": token})
    assert response.status_code == 302


# ---- rate limits (an app of their own: the limiter reads its switch when the app is made) ----

@pytest.fixture
def limited_client(database_uri):
    from fixtures_web import _config

    from webapp.app import create_app
    from webapp.extensions import db

    app = create_app({**_config(database_uri), "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        teacher = accounts.create_teacher(db.session, "teacher@example.org", "Ms Rivera", TEACHER_PASSWORD)
        classroom = accounts.create_classroom(db.session, teacher, "Period 3")
        accounts.add_student(db.session, classroom, "Ada", "1234")
        db.session.commit()
        client = app.test_client()
        client.join_code = classroom.join_code
        yield client
        db.session.remove()
        db.engine.dispose()


def test_after_five_failed_logins_on_one_account_the_next_waits(limited_client):
    """The per-account limit (webapp.services.throttle): five free failures, then a wait of 30 s."""
    statuses = [limited_client.post("/login", data={"email": "teacher@example.org", "password": f"wrong {n}"}).status_code
                for n in range(6)]
    assert statuses == [200] * 5 + [429]
    assert "Too many attempts" in limited_client.post("/login", data={"email": "teacher@example.org",
                                                                     "password": "p"}).get_data(as_text=True)


def test_failed_logins_on_many_accounts_from_one_address_are_limited(limited_client):
    statuses = [limited_client.post("/login", data={"email": f"t{n}@example.org", "password": "wrong"}).status_code
                for n in range(11)]
    assert statuses[-1] == 429


def test_successful_logins_do_not_use_up_the_limit(limited_client):
    for _ in range(12):
        response = limited_client.post("/login", data={"email": "teacher@example.org", "password": TEACHER_PASSWORD})
        assert response.status_code == 302
        limited_client.post("/logout")


def test_after_five_wrong_pins_for_one_student_the_next_waits(limited_client):
    statuses = [_join(limited_client, limited_client.join_code, "Ada", f"{9000 + n}").status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]


def test_a_whole_class_joining_from_one_address_is_not_limited(limited_client):
    for n in range(15):
        response = _join(limited_client, limited_client.join_code, f"Student {n}", "2468")
        assert response.status_code == 302
        limited_client.post("/logout")


def test_the_teacher_sign_in_page_passes_next_on_to_the_student_page(client):
    page = client.get("/login?next=/work/3").get_data(as_text=True)
    assert 'href="/join?next=/work/3"' in page


def test_a_student_sign_in_follows_a_local_next(client, classroom, student):
    response = client.post("/join?next=/work/3", data={"join_code": classroom.join_code, "display_name": "Ada", "pin": "1234"})
    assert response.headers["Location"].endswith("/work/3")


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(make_app):
    from flask import request

    app = make_app(FRAMELAB_TRUSTED_PROXIES=1)
    app.add_url_rule("/_whoami", "whoami", lambda: request.remote_addr)
    response = app.test_client().get("/_whoami", headers={"X-Forwarded-For": "10.1.2.3"})
    assert response.get_data(as_text=True) == "10.1.2.3"
