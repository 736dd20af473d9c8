"""The health endpoint: answers without a sign-in, says whether the database answers, leaks nothing."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from webapp.extensions import db


def test_health_is_ok_without_signing_in(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_health_sets_no_session_cookie(client):
    response = client.get("/health")
    assert "Set-Cookie" not in response.headers


def test_health_is_503_when_the_database_does_not_answer(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "database": "unavailable"}
    assert "refused" not in response.get_data(as_text=True)  # no driver detail for the public


def test_health_answers_only_get(client):
    assert client.post("/health").status_code == 405
