"""Cross-site request forgery: every POST route of the app, found in ``app.url_map`` so that a new
route is covered the day it is added, refuses a request without a CSRF token and one with a wrong
token, answers with a readable message (JSON for the API) and changes nothing.

A route that must take POSTs without a token would go into CSRF_EXEMPT with the reason; there is
none today. ROLE says who is signed in for a route (the account that could otherwise use it);
``_values`` fills each URL variable with an id that account really owns.
"""

from __future__ import annotations

import pytest
from fixtures_attacks import page_token, sign_out, snapshot
from fixtures_exercise import change
from fixtures_web import _config

CSRF_EXEMPT: dict[str, str] = {}  # endpoint -> why it may be posted to without a token

# Who posts to an endpoint (or to every endpoint of a blueprint); teachers by default.
ROLE = {"api": "student", "exercises.submit": "student", "auth.login": None, "auth.join": None,
        "auth.signup": None}
# A form a real user would send, so that only the missing token stands in the way.
FORMS = {
    "api.changes": change("loaded-language", 193, 218),  # a passage no world label covers
    "auth.login": {"email": "rivera@example.org", "password": "correct horse battery"},
    "auth.join": {"join_code": "", "display_name": "Ada", "pin": "0000"},
    "auth.signup": {"email": "new@example.org", "name": "New", "password": "a long password here"},
    "classes.new": {"name": "Forged class"},
    "classes.add_student": {"display_name": "Forged"},
    "classes.import_roster": {"roster": ""},
    "exercises.review": {"comment": "Forged comment"},
    "lessons.assign": {"target": "lesson", "classroom": ""},
    "results.grade": {"grade": "100"},
}


def post_endpoints(app) -> list[str]:
    """Every endpoint that accepts POST."""
    return sorted({rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods})


def _url_map_endpoints() -> list[str]:
    """The POST endpoints of an app made here, at collection time, so each gets its own test id."""
    from webapp.app import create_app

    return post_endpoints(create_app(_config("sqlite://")))


def _role(endpoint: str) -> str | None:
    return ROLE.get(endpoint, ROLE.get(endpoint.split(".")[0], "teacher"))


def _values(world, lesson) -> dict:
    return {"classroom_id": world.mine.classroom.id, "assignment_id": world.mine.graded.id,
            "submission_id": world.ada_work.id, "student_id": world.mine.student.id, "lesson_id": lesson.id}


def _target(app, endpoint: str, world, lesson) -> str:
    from flask import url_for

    rule = next(r for r in app.url_map.iter_rules(endpoint) if "POST" in r.methods)
    values = _values(world, lesson)
    missing = rule.arguments - values.keys()
    assert not missing, f"{endpoint}: add a value for {missing} to _values in this test"
    with app.test_request_context():
        return url_for(endpoint, **{name: values[name] for name in rule.arguments})


def _form(endpoint: str, world) -> dict:
    form = dict(FORMS.get(endpoint, {}))
    if endpoint == "auth.join":
        form["join_code"] = world.mine.classroom.join_code
    if endpoint == "lessons.assign":
        form["classroom"] = str(world.mine.classroom.id)
    return form


def _sign_in_as(client, switch_to, world, endpoint: str) -> None:
    role = _role(endpoint)
    sign_out(client)
    if role is not None:
        switch_to(client, world.mine.teacher if role == "teacher" else world.mine.student)


def _send(client, endpoint: str, url: str, form: dict, token: str | None):
    headers = {"X-CSRFToken": token} if token is not None and endpoint.startswith("api.") else {}
    if endpoint.startswith("api."):
        return client.post(url, json=form, headers=headers)
    if token is not None:
        form = {**form, "csrf_token": token}
    return client.post(url, data=form)


@pytest.fixture
def csrf_app(app, world):
    """The app with CSRF checks on, switched on once the world's labels are saved."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def test_every_post_route_is_checked_here(app):
    """The list the tests below run over is the app's own, less the documented exemptions."""
    assert set(CSRF_EXEMPT) <= set(post_endpoints(app))
    assert "api.changes" in post_endpoints(app) and "auth.logout" in post_endpoints(app)


def test_csrf_protection_is_on_outside_tests(tmp_path, monkeypatch):
    """The tests switch the check off for convenience; the settings a server runs with never do."""
    from webapp import config

    monkeypatch.setenv("FRAMELAB_SECRET_KEY", "x")
    assert config.settings(tmp_path).get("WTF_CSRF_ENABLED", True) is True


@pytest.mark.parametrize("endpoint", [e for e in _url_map_endpoints() if e not in CSRF_EXEMPT])
@pytest.mark.parametrize("token", [None, "forged-token", "other-session"])
def test_a_post_without_a_valid_token_is_refused_and_changes_nothing(csrf_app, client, switch_to, world, lesson,
                                                                   db_session, endpoint, token):
    url, form = _target(csrf_app, endpoint, world, lesson), _form(endpoint, world)
    if token == "other-session":  # a real token, but from another visitor's session
        other = csrf_app.test_client()
        token = page_token(other, "/login")
    _sign_in_as(client, switch_to, world, endpoint)
    before = snapshot(db_session)
    response = _send(client, endpoint, url, form, token)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    if endpoint.startswith("api."):
        assert response.is_json and "expired" in response.json["error"]
    else:
        assert "This form has expired or was sent from elsewhere" in body
    assert snapshot(db_session) == before


@pytest.mark.parametrize("endpoint", [e for e in _url_map_endpoints() if e not in CSRF_EXEMPT])
def test_the_same_post_with_the_pages_token_gets_past_the_check(csrf_app, client, switch_to, world, lesson,
                                                              endpoint):
    """The control: the refusals above are the token's doing, not a broken URL or form."""
    url, form = _target(csrf_app, endpoint, world, lesson), _form(endpoint, world)
    _sign_in_as(client, switch_to, world, endpoint)
    role = _role(endpoint)
    token = page_token(client, {"teacher": "/classes/", "student": f"/work/{world.mine.graded.id}",
                                None: "/login"}[role])
    response = _send(client, endpoint, url, form, token)
    assert "expired or was sent from elsewhere" not in response.get_data(as_text=True)
    assert response.status_code < 500
    if endpoint.startswith("api."):
        assert response.status_code == 200
