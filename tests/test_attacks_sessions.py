"""Sessions and sign-in under attack: the session cookie's flags (HttpOnly, SameSite, Secure behind
HTTPS, directly or through a trusted proxy) and brute-force sign-ins hitting the rate limit, also
when the attacker forges X-Forwarded-For or spreads guesses over many addresses.

These tests build the app from the environment, as ``framelab serve`` does (CSRF on, the cookie
settings of ``webapp.config``), not from the test configuration.
"""

from __future__ import annotations

import pytest
from fixtures_attacks import page_token
from fixtures_web import TEACHER_PASSWORD

from webapp.services import accounts

EMAIL = "rivera@example.org"


@pytest.fixture
def environment_app(database_uri, monkeypatch):
    """make(**environment) -> an app configured from these environment variables, with one teacher."""
    from webapp.app import create_app
    from webapp.extensions import db, limiter

    made = []

    def make(**environment):
        monkeypatch.setenv("FRAMELAB_SECRET_KEY", "attack-test-secret")
        monkeypatch.setenv("DATABASE_URL", database_uri)
        for name in ("FRAMELAB_SECURE_COOKIES", "FRAMELAB_TRUSTED_PROXIES"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        # The limiter is one object shared by every app of the run, and init_app takes its default
        # from the previous app (the tests' apps turn it off): start from the fresh default, as a
        # server process does.
        monkeypatch.setattr(limiter, "enabled", True)
        app = create_app()
        context = app.app_context()
        context.push()
        made.append(context)
        if accounts.authenticate_teacher(db.session, EMAIL, TEACHER_PASSWORD) is None:
            accounts.create_teacher(db.session, EMAIL, "Ms Rivera", TEACHER_PASSWORD)
            db.session.commit()
        return app

    yield make
    for context in reversed(made):
        db.session.remove()
        db.engine.dispose()
        context.pop()


def _sign_in(client, headers: dict | None = None, base_url: str = "http://localhost"):
    """Sign in through the real form; over HTTPS Flask-WTF also checks the Referer, as a browser sends it."""
    headers = {"Referer": f"{base_url}/login", **(headers or {})}
    token = page_token(client, "/login", headers=headers, base_url=base_url)
    return client.post("/login", data={"email": EMAIL, "password": TEACHER_PASSWORD, "csrf_token": token},
                       headers=headers, base_url=base_url)


def _session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, "the response set no session cookie"
    return cookies[-1]


def _flags(cookie: str) -> set[str]:
    return {part.strip().lower() for part in cookie.split(";")[1:]}


def test_the_session_cookie_is_httponly_and_samesite(environment_app):
    client = environment_app().test_client()
    response = _sign_in(client)
    assert response.status_code == 302
    flags = _flags(_session_cookie(response))
    assert "httponly" in flags and "samesite=lax" in flags
    assert "secure" not in flags  # plain HTTP on one school machine: a Secure cookie would never come back


def test_secure_cookies_switch_marks_the_cookie_secure(environment_app):
    client = environment_app(FRAMELAB_SECURE_COOKIES="1").test_client()
    response = _sign_in(client, base_url="https://localhost")
    assert response.status_code == 302
    assert {"secure", "httponly", "samesite=lax"} <= _flags(_session_cookie(response))


def test_behind_a_trusted_https_proxy_the_cookie_is_secure(environment_app):
    client = environment_app(FRAMELAB_TRUSTED_PROXIES="1").test_client()
    response = _sign_in(client, headers={"X-Forwarded-Proto": "https", "Referer": "https://localhost/login"})
    assert response.status_code == 302
    assert {"secure", "httponly", "samesite=lax"} <= _flags(_session_cookie(response))


def test_served_over_https_directly_the_cookie_is_secure(environment_app):
    client = environment_app().test_client()
    response = _sign_in(client, base_url="https://localhost")
    assert "secure" in _flags(_session_cookie(response))


def test_a_forged_forwarded_proto_is_ignored_without_a_trusted_proxy(environment_app):
    """Nothing trusts X-Forwarded-Proto unless FRAMELAB_TRUSTED_PROXIES says a proxy sets it."""
    from flask import request

    app = environment_app()
    app.add_url_rule("/_scheme", "scheme", lambda: request.scheme)
    assert app.test_client().get("/_scheme", headers={"X-Forwarded-Proto": "https"}).get_data(as_text=True) == "http"


def test_signing_in_starts_a_new_session(environment_app):
    """Session fixation: a cookie planted before sign-in does not carry over."""
    client = environment_app().test_client()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    _sign_in(client)
    with client.session_transaction() as session:
        assert "planted" not in session and session.get("_user_id", "").startswith("teacher:")


# ---- brute force --------------------------------------------------------------------------------

def _limited(environment_app, **environment):
    app = environment_app(**environment)
    app.config["WTF_CSRF_ENABLED"] = False  # the limiter is what is under test here
    return app.test_client()


def _wrong_login(client, n: int, email: str = EMAIL, address: str | None = None):
    headers = {"X-Forwarded-For": address} if address else {}
    return client.post("/login", data={"email": email, "password": f"guess {n}"}, headers=headers).status_code


def test_forging_x_forwarded_for_does_not_escape_the_limit(environment_app):
    """Without a trusted proxy the header is the attacker's own text: the socket address counts."""
    client = _limited(environment_app)
    statuses = [_wrong_login(client, n, email=f"t{n}@example.org", address=f"203.0.113.{n}") for n in range(11)]
    assert statuses == [200] * 10 + [429]


def test_guessing_one_account_from_many_addresses_is_limited(environment_app):
    """Behind a trusted proxy each guess may come from a new address: the account's own limit stops it
    (five free failures, then a wait: webapp.services.throttle)."""
    client = _limited(environment_app, FRAMELAB_TRUSTED_PROXIES="1")
    statuses = [_wrong_login(client, n, address=f"198.51.100.{n}") for n in range(6)]
    assert statuses == [200] * 5 + [429]


def test_the_limit_answers_with_a_readable_page_and_the_right_password_waits_too(environment_app):
    client = _limited(environment_app)
    for n in range(10):
        _wrong_login(client, n)
    response = client.post("/login", data={"email": EMAIL, "password": TEACHER_PASSWORD})
    assert response.status_code == 429 and "Too many attempts" in response.get_data(as_text=True)


def test_guessing_a_students_pin_from_many_addresses_is_limited(environment_app, db_session_for_join):
    client = _limited(environment_app, FRAMELAB_TRUSTED_PROXIES="1")
    code = db_session_for_join()
    statuses = [client.post("/join", data={"join_code": code, "display_name": "Ada", "pin": f"{9000 + n}"},
                            headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]


@pytest.fixture
def db_session_for_join():
    """join_code() -> the code of a class with Ada (PIN 1234) in it, in the current app's database."""
    def make() -> str:
        from webapp.extensions import db

        teacher = accounts.authenticate_teacher(db.session, EMAIL, TEACHER_PASSWORD)
        classroom = accounts.create_classroom(db.session, teacher, "Period 3")
        accounts.add_student(db.session, classroom, "Ada", "1234")
        db.session.commit()
        return classroom.join_code

    return make


# ---- redirects and stolen sessions (the tests' own app: CSRF off, no limiter) ----------------------

HOSTILE_NEXT = ["//evil.example/", "https://evil.example/", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)",
                " //evil.example", "/\t/evil.example", "http:evil.example", "///evil.example", "%2F%2Fevil.example"]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_signing_in_never_redirects_to_another_site(client, teacher, target):
    from urllib.parse import urlsplit

    response = client.post("/login", query_string={"next": target},
                           data={"email": teacher.email, "password": TEACHER_PASSWORD})
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.netloc in ("", "localhost") and location.path.startswith("/")
    assert "evil" not in location.netloc and not location.path.startswith("//")


@pytest.mark.parametrize(("action", "status"), [(None, 200), ("pin", 401), ("remove", 401)])
def test_a_students_session_ends_when_the_teacher_resets_the_pin_or_removes_them(client, world, switch_to, action,
                                                                               status):
    """A session cookie copied from a shared computer stops working once the teacher acts (and,
    the control, works until then)."""
    from fixtures_exercise import change, post_change
    from flask import g

    switch_to(client, world.mine.student)
    stolen = client.get_cookie("session").value
    switch_to(client, world.mine.teacher)
    if action:
        url = f"/classes/{world.mine.classroom.id}/students/{world.mine.student.id}/{action}"
        form = {"confirm": "y"} if action == "remove" else {}  # removing asks for a ticked box
        assert client.post(url, data=form).status_code in (200, 302)
    client.set_cookie("session", stolen, domain="localhost")
    g.pop("_login_user", None)
    response = post_change(client, world.mine.graded.id, change(start=193, end=218, cue="loaded-language"))
    assert response.status_code == status and response.is_json
