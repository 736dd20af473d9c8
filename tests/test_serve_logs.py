"""Request logs: one JSON line per request with the route template, never what a user typed."""

from __future__ import annotations

import json
import logging

import pytest
from fixtures_exercise import change, post_change


@pytest.fixture
def lines(caplog, monkeypatch):
    """The JSON request lines logged so far, parsed."""
    caplog.set_level(logging.INFO, logger="framelab.requests")
    # Alembic's fileConfig (run when the template database is migrated) disables the loggers
    # that existed then; a server process never migrates, so re-enable ours as it would be.
    monkeypatch.setattr(logging.getLogger("framelab.requests"), "disabled", False)

    def read() -> list[dict]:
        return [json.loads(r.getMessage()) for r in caplog.records if r.name == "framelab.requests"]

    return read


def test_one_line_per_request_with_the_fields(client, lines):
    client.get("/health")
    (line,) = lines()
    assert set(line) == {"time", "request_id", "method", "route", "status", "duration_ms", "role"}
    assert (line["method"], line["route"], line["status"], line["role"]) == ("GET", "/health", 200, "anonymous")
    assert line["duration_ms"] >= 0


def test_the_route_template_is_logged_not_the_ids(client, login, setup, lines):
    login(client, setup.student)
    post_change(client, setup.graded.id, change(note="my private note about Ada"))
    (line,) = lines()
    assert line["route"] == "/api/assignments/<int:assignment_id>/changes"
    assert line["role"] == "student"
    assert str(setup.graded.id) not in json.dumps(line["route"])


def test_unmatched_paths_are_not_echoed(client, lines):
    client.get("/wp-admin/<script>alert(1)</script>?token=abc")
    (line,) = lines()
    assert line["route"] == "<unmatched>" and line["status"] == 404


def test_no_pin_password_or_label_text_is_logged(client, make_teacher, make_classroom, caplog, lines):
    classroom = make_classroom(make_teacher())
    client.post("/login", data={"email": "teacher@example.org", "password": "secret-password-typed"})
    client.post("/join", data={"join_code": classroom.join_code, "display_name": "Ada Lovelace", "pin": "9876"})
    assert len(lines()) == 2
    logged = caplog.text
    for secret in ("secret-password-typed", "9876", "Ada Lovelace", "teacher@example.org", classroom.join_code):
        assert secret not in logged


def test_the_request_id_is_echoed_and_a_well_formed_one_is_kept(client, lines):
    mine = client.get("/health", headers={"X-Request-ID": "lb-1234abcd"})
    fresh = client.get("/health", headers={"X-Request-ID": "bad id; forged=1"})
    assert mine.headers["X-Request-ID"] == "lb-1234abcd"
    assert fresh.headers["X-Request-ID"] != "bad id; forged=1"
    assert [line["request_id"] for line in lines()] == ["lb-1234abcd", fresh.headers["X-Request-ID"]]


def test_requests_refused_before_the_view_are_logged(app, client, lines):
    app.config["WTF_CSRF_ENABLED"] = True
    client.post("/login", data={"email": "x@example.org", "password": "y"})
    (line,) = lines()
    assert line["status"] == 400 and line["route"] == "/login"


def test_the_server_sends_request_lines_to_stdout_as_they_are():
    from webapp.serving import request_log_config

    config = request_log_config()
    assert config["loggers"]["framelab.requests"]["handlers"] == ["requests"]
    assert config["handlers"]["requests"]["stream"] == "ext://sys.stdout"
    assert config["formatters"]["json_line"]["format"] == "%(message)s"
