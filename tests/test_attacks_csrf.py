"""Cross-site request forgery: every POST route of the app, found in ``app.url_map`` so that a new
route is covered the day it is added, refuses a request without a CSRF token and one with a wrong
token, answers with a readable message (JSON for the API) and changes nothing.

A route that must take POSTs without a token would go into CSRF_EXEMPT with the reason; there is
none today. ROLE says who is signed in for a route (the account that could otherwise use it);
``_values`` fills each URL variable with an id that account really owns.
"""

from __future__ import annotations

import pytest
from fixtures_attacks import page_token, plain, sign_out, snapshot
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
    "auth.signup": {"email": "new@example.org", "name": "New", "password": "a long password here",
                    "confirm": "a long password here"},
    "classes.new": {"name": "Forged class"},
    "classes.add_student": {"display_name": "Forged"},
    "classes.import_roster": {"roster": ""},
    "exercises.review": {"comment": "Forged comment"},
    "lessons.assign": {"target": "lesson", "classroom": ""},
    "results.grade": {"grade": "100"},
    "classes.remove_student": {"confirm": "y"},
    "authoring.new": {"pasted": "A pasted article. " * 40},
    "authoring.draft": {"headline": "Forged", "outlet": "Forged", "outlet_kind": "newspaper",
                        "published": "2024-03-19", "story": "__new__", "new_story_title": "Forged", "derived_from": ""},
    "authoring.removal": {"removal": "", "action": "undo"},  # the draft's first removal, see _form
    "auth.change_password": {"current": "correct horse battery", "new": "a forged new password",
                             "confirm": "a forged new password"},
    "auth.time_zone": {"time_zone": "Asia/Tokyo"},
    "builder.new_exercise": {"title": "Forged", "article": "iraq-2021-001", "cues": ["scare-quotes"],
                             "mode": "practice", "instructions": "Forged."},
}
# Endpoints whose form above, with a valid token, changes the database. The others sign in or out,
# start or decide a retraining run (kept in files), refuse for a reason of their own (the roster
# file is empty, Ada's work is not submitted so there is nothing to reopen, Ms Rivera's exercise is
# already assigned to her only class and so cannot be assigned again nor deleted), or copy a corpus
# key where the article is her own.
WRITES = {"api.changes", "auth.signup", "classes.new", "classes.add_student", "classes.regenerate_code",
          "classes.reset_pin", "classes.remove_student", "classes.delete_class", "exercises.review",
          "exercises.submit", "lessons.assign", "results.grade", "authoring.new", "authoring.draft",
          "authoring.removal", "authoring.discard", "authoring_api.key_changes", "builder.new_exercise",
          "builder.new_lesson", "builder.edit_lesson", "builder.delete_lesson", "auth.logout", "auth.change_password",
          "auth.sign_out_everywhere", "auth.time_zone", "auth.roster_lock"}
# Endpoints that take JSON and their CSRF token in the X-CSRFToken header, as the pages' scripts send them.
JSON_ENDPOINTS = ("api.changes", "authoring_api.key_changes")
# URL variables only a teacher's authored content (the ``authored`` fixture) gives a value to.
AUTHORED_ARGUMENTS = {"draft_id", "article_id", "exercise_id"}


def post_endpoints(app) -> list[str]:
    """Every endpoint that accepts POST."""
    return sorted({rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods})


def _url_map_endpoints() -> list[str]:
    """The POST endpoints of an app made here, at collection time, so each gets its own test id."""
    from webapp.app import create_app

    return post_endpoints(create_app(_config("sqlite://")))


def _role(endpoint: str) -> str | None:
    return ROLE.get(endpoint, ROLE.get(endpoint.split(".")[0], "teacher"))


def _values(world, lesson, authored) -> dict:
    values = {"classroom_id": world.mine.classroom.id, "assignment_id": world.mine.graded.id,
              "submission_id": world.ada_work.id, "student_id": world.mine.student.id, "lesson_id": lesson.id,
              "teacher_id": world.mine.teacher.id}
    if authored is not None:  # her own lesson: the builder edits and deletes only a teacher's own
        values.update(draft_id=authored.draft_id, article_id=authored.article_id, exercise_id=authored.exercise_id,
                      lesson_id=authored.lesson_id)
    return values


def _post_rule(app, endpoint: str):
    return next(r for r in app.url_map.iter_rules(endpoint) if "POST" in r.methods)


def needs_authored(app, endpoint: str) -> bool:
    """Whether the endpoint's URL takes an id of a teacher's own upload, article, exercise or lesson."""
    return (bool(_post_rule(app, endpoint).arguments & AUTHORED_ARGUMENTS)
            or endpoint in ("builder.new_lesson", "builder.edit_lesson", "builder.delete_lesson"))


def _target(app, endpoint: str, world, lesson, authored=None) -> str:
    from flask import url_for

    rule = _post_rule(app, endpoint)
    values = _values(world, lesson, authored)
    missing = rule.arguments - values.keys()
    assert not missing, f"{endpoint}: add a value for {missing} to _values in this test"
    with app.test_request_context():
        return url_for(endpoint, **{name: values[name] for name in rule.arguments})


def _form(endpoint: str, world, authored=None) -> dict:
    form = dict(FORMS.get(endpoint, {}))
    if endpoint == "auth.join":
        form["join_code"] = world.mine.classroom.join_code
    if endpoint in ("lessons.assign", "builder.assign_exercise_view"):
        form["classroom"] = str(world.mine.classroom.id)
    if endpoint == "classes.delete_class":
        form["name"] = world.mine.classroom.name
    if endpoint == "authoring_api.key_changes":
        form = _key_change(authored)
    if endpoint == "authoring.removal":
        form["removal"] = _first_removal(authored)
    if endpoint in ("builder.new_lesson", "builder.edit_lesson"):
        form = _lesson_form(authored)
    return form


def _key_change(authored) -> dict:
    """A key label on a passage of her article that her key does not cover yet."""
    from fixtures_authoring import key_change

    from webapp.extensions import db
    from webapp.models import Article

    words = "nowhere quiet to study"
    start = db.session.get(Article, authored.article_id).text.index(words)
    return key_change("rhetorical-question", start, start + len(words), "Forged rationale.")


def _first_removal(authored) -> str:
    from webapp.extensions import db
    from webapp.models import ArticleDraft
    from webapp.services.authoring import drafts

    return drafts.review(db.session.get(ArticleDraft, authored.draft_id)).cleaned.removals[0].id


def _lesson_form(authored) -> dict:
    return {"title": "Forged lesson", "grade_band": "9-12", "objectives": "one\ntwo",
            "standards": "CCSS.ELA-LITERACY.RI.9-10.6 Forged.", "materials": "Forged", "warm_up_minutes": "5",
            "warm_up": plain("w"), "mini_lesson_minutes": "5", "mini_lesson": plain("m"), "discussion_minutes": "5",
            "discussion": plain("d"), "exit_ticket_minutes": "5", "exit_ticket": plain("e"), "notes": plain("n"),
            "exercises-0-exercise": authored.exercise_id if authored else "what-is-framing-defence-report",
            "exercises-0-minutes": "20", "exercises-0-activity": plain("a")}


def _sign_in_as(client, switch_to, world, endpoint: str) -> None:
    role = _role(endpoint)
    sign_out(client)
    if role is not None:
        switch_to(client, world.mine.teacher if role == "teacher" else world.mine.student)


def _send(client, endpoint: str, url: str, form: dict, token: str | None):
    headers = {"X-CSRFToken": token} if token is not None and endpoint in JSON_ENDPOINTS else {}
    if endpoint in JSON_ENDPOINTS:
        return client.post(url, json=form, headers=headers)
    if token is not None:
        form = {**form, "csrf_token": token}
    return client.post(url, data=form)


@pytest.fixture
def csrf_app(app, world, request):
    """The app with CSRF checks on, switched on once the world's labels are saved (and, for a
    route taking an id of a teacher's own content, once she has authored it)."""
    _authored(app, request)
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def _authored(app, request):
    """Ms Rivera's authored content (made once per test, with CSRF still off) if the endpoint needs it."""
    endpoint = request.node.callspec.params["endpoint"]
    return request.getfixturevalue("authored") if needs_authored(app, endpoint) else None


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
                                                                   db_session, request, endpoint, token):
    authored = _authored(csrf_app, request)
    url, form = _target(csrf_app, endpoint, world, lesson, authored), _form(endpoint, world, authored)
    if token == "other-session":  # a real token, but from another visitor's session
        other = csrf_app.test_client()
        token = page_token(other, "/login")
    _sign_in_as(client, switch_to, world, endpoint)
    before = snapshot(db_session)
    response = _send(client, endpoint, url, form, token)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    if endpoint in JSON_ENDPOINTS:
        assert response.is_json and "expired" in response.json["error"]
    else:
        assert "This form has expired or was sent from elsewhere" in body
    assert snapshot(db_session) == before


@pytest.mark.parametrize("endpoint", [e for e in _url_map_endpoints() if e not in CSRF_EXEMPT])
def test_the_same_post_with_the_pages_token_gets_past_the_check(csrf_app, client, switch_to, world, lesson,
                                                              db_session, request, endpoint):
    """The control: the refusals above are the token's doing, not a broken URL or form."""
    authored = _authored(csrf_app, request)
    url, form = _target(csrf_app, endpoint, world, lesson, authored), _form(endpoint, world, authored)
    before = snapshot(db_session)
    _sign_in_as(client, switch_to, world, endpoint)
    role = _role(endpoint)
    token = page_token(client, {"teacher": "/classes/", "student": f"/work/{world.mine.graded.id}",
                                None: "/login"}[role])
    response = _send(client, endpoint, url, form, token)
    assert "expired or was sent from elsewhere" not in response.get_data(as_text=True)
    assert response.status_code < 500
    if endpoint in JSON_ENDPOINTS:
        assert response.status_code == 200
    if endpoint in WRITES:  # the form really did its work once the token was right
        assert snapshot(db_session) != before, response.get_data(as_text=True)[:3000]
