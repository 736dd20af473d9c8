"""Hostile input: NUL in every form field and URL, oversized bodies and uploads, malformed JSON,
wrong types and out-of-range offsets and ids. Each gets a clear 4xx page or JSON message on both
engines, never a 500, and changes nothing. (Other control characters: tests/test_web_auth.py and
tests/test_web_api.py.)
"""

from __future__ import annotations

import io

import pytest
from fixtures_attacks import sign_in_as, snapshot
from fixtures_exercise import change, post_change
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from webapp.config import MAX_UPLOAD_BYTES

NUL = "bad\x00value"
METADATA = {"headline": "H", "outlet": "O", "outlet_kind": "newspaper", "published": "2024-03-19", "story": "__new__",
            "new_story_title": "S", "derived_from": "", "byline": "B", "source_note": ""}
METADATA_FIELDS = ("headline", "outlet", "byline", "new_story_title", "source_note")
# (endpoint path, role, form fields): every text field a user can type into.
FORM_FIELDS = [
    ("/login", None, {"email": NUL, "password": "whatever password"}),
    ("/login", None, {"email": "rivera@example.org", "password": NUL}),
    ("/join", None, {"join_code": NUL, "display_name": "Ada", "pin": "1234"}),
    ("/join", None, {"join_code": "{code}", "display_name": NUL, "pin": "1234"}),
    ("/signup", None, {"email": NUL + "@example.org", "name": "N", "password": "a long password", "confirm":
                       "a long password"}),
    ("/signup", None, {"email": "n@example.org", "name": NUL, "password": "a long password", "confirm":
                       "a long password"}),
    ("/classes/new", "teacher", {"name": NUL}),
    ("/classes/{class_id}/students", "teacher", {"display_name": NUL}),
    ("/work/review/{ada_work}", "teacher", {"comment": NUL}),
    ("/results/{graded}/submissions/{ada_work}/grade", "teacher", {"grade": NUL}),
    ("/lessons/{lesson}/assign", "teacher", {"target": NUL, "classroom": "{class_id}"}),
    ("/lessons/{lesson}/assign", "teacher", {"target": "lesson", "classroom": NUL}),
    ("/lessons/{lesson}/assign", "teacher", {"target": "lesson", "classroom": "{class_id}", "due_at": NUL}),
    ("/classes/{class_id}/delete", "teacher", {"name": NUL}),
    ("/authoring/new", "teacher", {"pasted": "A pasted article with a NUL. " * 30 + NUL}),
    *(("/authoring/drafts/{draft}", "teacher", {**METADATA, field: NUL})
      for field in METADATA_FIELDS),
    ("/builder/exercises/new", "teacher", {"title": NUL, "article": "iraq-2021-001", "cues": "scare-quotes",
                                           "mode": "practice", "instructions": "Find them."}),
    ("/builder/exercises/new", "teacher", {"title": "T", "article": "iraq-2021-001", "cues": "scare-quotes",
                                           "mode": "practice", "instructions": NUL}),
    *(("/builder/lessons/new", "teacher", {"title": "L", "notes": "N", "objectives": "a\nb", field: NUL})
      for field in ("title", "objectives", "standards", "materials", "warm_up", "notes", "exercises-0-activity")),
]


def _fill(value: str, world, lesson, draft: int = 0) -> str:
    return value.format(code=world.mine.classroom.join_code, class_id=world.mine.classroom.id,
                        ada_work=world.ada_work.id, graded=world.mine.graded.id, lesson=lesson.id, draft=draft)


@pytest.mark.parametrize(("path", "role", "form"), FORM_FIELDS,
                         ids=[f"{p}:{'+'.join(k for k, v in f.items() if NUL in v)}" for p, _, f in FORM_FIELDS])
def test_a_nul_character_in_a_form_field_is_refused_cleanly(client, switch_to, world, lesson, db_session, request,
                                                           path, role, form):
    """PostgreSQL refuses NUL in text, and no name or comment needs one: a message, not a 500."""
    draft = request.getfixturevalue("authored").draft_id if "{draft}" in path else 0
    sign_in_as(client, switch_to, world, role)
    before = snapshot(db_session)
    response = client.post(_fill(path, world, lesson, draft),
                           data={k: _fill(v, world, lesson, draft) for k, v in form.items()})
    assert response.status_code == 400 and "NUL character" in response.get_data(as_text=True)
    assert snapshot(db_session) == before


@pytest.mark.parametrize("field", ["change_id", "client_id", "cue"])
def test_a_nul_character_in_a_key_changes_ids_gets_a_json_400(client, switch_to, world, authored, db_session, field):
    """The key editor's API: an id or cue holding NUL (which PostgreSQL cannot store) is refused."""
    from fixtures_authoring import key_change

    switch_to(client, world.mine.teacher)
    body = key_change("rhetorical-question", 0, 8, "A rationale.")
    where = body["label"] if field == "cue" else body
    where[field] = f"bad\x00{where[field]}"
    before = snapshot(db_session)
    response = client.post(f"/api/keys/{authored.article_id}/changes", json=body)
    assert response.status_code == 400 and response.is_json and response.json["error"]
    assert snapshot(db_session) == before


def test_a_nul_character_in_a_rationale_is_dropped_like_in_a_note(client, switch_to, world, authored, db_session):
    """Control characters in typed text are dropped (as in a label's note), never stored."""
    from fixtures_authoring import key_change

    from webapp.models import KeyLabel

    switch_to(client, world.mine.teacher)
    body = key_change("rhetorical-question", 0, 8, "Asks\x00 to steer.")
    response = client.post(f"/api/keys/{authored.article_id}/changes", json=body)
    assert response.status_code == 200, response.get_json()
    db_session.expire_all()
    saved = db_session.scalars(select(KeyLabel).where(KeyLabel.client_id == body["client_id"])).one()
    assert saved.rationale == "Asks to steer."


def test_a_nul_character_in_a_roster_file_is_refused_cleanly(client, switch_to, world, db_session):
    sign_in_as(client, switch_to, world, "teacher")
    before = snapshot(db_session)
    response = client.post(f"/classes/{world.mine.classroom.id}/import",
                           data={"roster": (io.BytesIO(b"display_name\nBad\x00Name\n"), "roster.csv")})
    assert response.status_code == 400 and "not a text file" in response.get_data(as_text=True)
    assert snapshot(db_session) == before


@pytest.mark.parametrize("path", [
    "/results/{graded}?sort=%00", "/results/{graded}?cue=a%00b", "/classes/{class_id}/assignments/{graded}?sort=%00",
    "/work/review/{ada_work}?sentence=%00", "/lessons/%00", "/lessons/{lesson}%00/print", "/stories/%00",
    "/join?code=%00", "/login?next=/%00",
])
def test_a_nul_character_in_a_url_gets_a_400_page(client, switch_to, world, lesson, path):
    sign_in_as(client, switch_to, world, "anonymous" if path.startswith(("/join", "/login")) else "teacher")
    response = client.get(_fill(path, world, lesson))
    assert response.status_code == 400 and "NUL character" in response.get_data(as_text=True)


def test_a_nul_character_in_an_api_url_gets_a_json_400(client, switch_to, world):
    sign_in_as(client, switch_to, world, "student")
    response = client.get(f"/api/assignments/{world.mine.graded.id}/labels?x=%00")
    assert response.status_code == 400 and "NUL character" in response.json["error"]


# ---- oversized bodies and uploads -----------------------------------------------------------------

@pytest.fixture
def limited_app(app, world):
    """The production upload limit (tests run without MAX_CONTENT_LENGTH unless they set it)."""
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES
    return app


def _post_stream(client, url: str, body: bytes, content_type: str):
    """POST a ready-made body: given a big ``data=`` the test client spools it to a temporary file
    that it never closes (a ResourceWarning, an error under our warning filter)."""
    return client.post(url, input_stream=io.BytesIO(body), content_length=len(body), content_type=content_type)


def test_an_oversized_upload_gets_a_readable_413_page(limited_app, client, switch_to, world, db_session):
    sign_in_as(client, switch_to, world, "teacher")
    before = snapshot(db_session)
    big = io.BytesIO(b"display_name\n" + b"A" * (MAX_UPLOAD_BYTES + 1))
    boundary, body = encode_multipart({"roster": FileStorage(big, "roster.csv", content_type="text/csv")})
    response = _post_stream(client, f"/classes/{world.mine.classroom.id}/import", body,
                            f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413 and response.mimetype == "text/html"
    assert "too large" in response.get_data(as_text=True)
    assert snapshot(db_session) == before


def test_an_oversized_form_gets_a_readable_413_page(limited_app, client, switch_to, world, db_session):
    sign_in_as(client, switch_to, world, "teacher")
    before = snapshot(db_session)
    body = b"comment=" + b"x" * (MAX_UPLOAD_BYTES + 1)
    response = _post_stream(client, f"/work/review/{world.ada_work.id}", body, "application/x-www-form-urlencoded")
    assert response.status_code == 413 and "too large" in response.get_data(as_text=True)
    assert snapshot(db_session) == before


@pytest.mark.parametrize("size", [16 * 1024 + 1, MAX_UPLOAD_BYTES + 1])
def test_an_oversized_api_body_gets_a_json_413(limited_app, client, switch_to, world, db_session, size):
    sign_in_as(client, switch_to, world, "student")
    before = snapshot(db_session)
    body = change(note="x" * size)
    response = post_change(client, world.mine.graded.id, body)
    assert response.status_code == 413 and response.is_json and response.json["error"]
    assert snapshot(db_session) == before


def test_a_long_comment_is_refused_with_a_message_and_the_old_one_kept(client, switch_to, world, db_session):
    sign_in_as(client, switch_to, world, "teacher")
    client.post(f"/work/review/{world.ada_work.id}", data={"comment": "Good start."})
    before = snapshot(db_session)
    response = client.post(f"/work/review/{world.ada_work.id}", data={"comment": "x" * 100_000})
    assert response.status_code in (200, 400) and "at most" in response.get_data(as_text=True)
    assert snapshot(db_session) == before


# ---- the JSON API: malformed bodies, wrong types, offsets out of range -----------------------------

def _api(client, world, data, content_type="application/json"):
    return client.post(f"/api/assignments/{world.mine.graded.id}/changes", data=data, content_type=content_type)


@pytest.mark.parametrize("data", [
    b"", b"{", b"[1, 2", b"\xff\xfe\x00", b"null", b"true", b"42", b'"text"', b"[]", b"{}",
    b"[" * 5000, b'{"a":' * 3000, b"NaN", b'{"change_id": Infinity}', b"9" * 5000, b'"\\ud800"',
], ids=lambda data: repr(data[:12]))
def test_malformed_json_gets_a_json_400(client, switch_to, world, db_session, data):
    sign_in_as(client, switch_to, world, "student")
    before = snapshot(db_session)
    response = _api(client, world, data)
    assert response.status_code == 400 and response.is_json and response.json["error"]
    assert snapshot(db_session) == before


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                          "application/xml", "application/json-patch+json"])
def test_a_change_in_the_wrong_content_type_gets_a_json_400(client, switch_to, world, db_session, content_type):
    import json

    sign_in_as(client, switch_to, world, "student")
    before = snapshot(db_session)
    response = _api(client, world, json.dumps(change(start=193, end=218)), content_type)
    assert response.status_code == 400 and response.is_json and "JSON" in response.json["error"]
    assert snapshot(db_session) == before


WRONG_LABELS = [
    ("start", -1), ("start", -(2**63)), ("end", 10**30), ("start", 2**31), ("end", 2**63), ("start", 1.5),
    ("start", "56"), ("start", None), ("start", True), ("start", [56]), ("end", {"n": 64}), ("end", 1e308),
    ("cue", ["scare-quotes"]), ("cue", None), ("cue", 7), ("cue", "scare-quotes\x00"), ("cue", "<script>"),
    ("confidence", ["sure"]), ("confidence", {"a": 1}), ("note", 5), ("note", ["x"]), ("note", {"x": 1}),
]


@pytest.mark.parametrize(("field", "value"), WRONG_LABELS, ids=[f"{f}={v!r}"[:40] for f, v in WRONG_LABELS])
def test_a_label_field_of_the_wrong_type_or_range_gets_a_json_400(client, switch_to, world, db_session, field,
                                                                value):
    sign_in_as(client, switch_to, world, "student")
    before = snapshot(db_session)
    body = change(start=193, end=218)
    body["label"][field] = value
    response = post_change(client, world.mine.graded.id, body)
    assert response.status_code == 400 and response.is_json and response.json["error"]
    assert snapshot(db_session) == before


WRONG_CHANGES = [
    ("change_id", None), ("change_id", 12), ("change_id", ""), ("change_id", "x" * 65), ("change_id", "a b"),
    ("change_id", "\x00"), ("op", "update"), ("op", None), ("op", ["save"]), ("client_id", {"a": 1}),
    ("client_id", "é"), ("label", "scare-quotes"), ("label", None), ("label", [56, 64]),
]


@pytest.mark.parametrize(("field", "value"), WRONG_CHANGES, ids=[f"{f}={v!r}"[:40] for f, v in WRONG_CHANGES])
def test_a_change_field_of_the_wrong_type_gets_a_json_400(client, switch_to, world, db_session, field, value):
    sign_in_as(client, switch_to, world, "student")
    before = snapshot(db_session)
    body = change(start=193, end=218)
    body[field] = value
    if field == "client_id":
        body["label"]["client_id"] = value
    response = post_change(client, world.mine.graded.id, body)
    assert response.status_code == 400 and response.is_json and response.json["error"]
    assert snapshot(db_session) == before


@pytest.mark.parametrize("assignment", ["-1", "0", "99999999999999999999", "abc", "1.5"])
def test_odd_assignment_ids_in_api_urls_are_a_json_404(client, switch_to, world, assignment):
    sign_in_as(client, switch_to, world, "student")
    for response in (client.get(f"/api/assignments/{assignment}/labels"),
                     client.post(f"/api/assignments/{assignment}/changes", json=change())):
        assert response.status_code == 404 and response.is_json


@pytest.mark.parametrize("path", ["/work/{n}", "/work/{n}/feedback", "/work/review/{n}", "/results/{n}",
                                  "/classes/{n}", "/classes/{n}/assignments/{n}"])
def test_huge_ids_in_page_urls_are_a_404_page(client, switch_to, world, path):
    sign_in_as(client, switch_to, world, "student" if path.startswith("/work/") and "review" not in path else "teacher")
    response = client.get(path.format(n=2**63))
    assert response.status_code == 404 and "nothing at this address" in response.get_data(as_text=True)
