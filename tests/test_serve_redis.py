"""Several app machines (or workers) share the sign-in rate limiter's counts through Redis
(``FRAMELAB_RATELIMIT_STORAGE=redis://...``): failures on one count on the other."""

from __future__ import annotations

import uuid

import pytest
from fixtures_web import REDIS_URL, needs_redis

pytestmark = needs_redis


@pytest.fixture
def two_machines(database_uri):
    """Two separate apps on one database and one Redis, as two machines behind a load balancer."""
    from fixtures_web import _config

    from webapp.app import create_app
    from webapp.extensions import db

    shared = {**_config(database_uri), "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": REDIS_URL,
              "RATELIMIT_KEY_PREFIX": f"framelab-test-{uuid.uuid4().hex}"}
    apps = [create_app(shared), create_app(shared)]
    yield [app.test_client() for app in apps]
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def test_failed_sign_ins_on_one_machine_count_on_the_other(two_machines):
    first, second = two_machines
    # Different e-mails: the per-address limit (in Redis) is under test, not the per-account one (in the database).
    statuses = [client.post("/login", data={"email": f"t{n}@example.org", "password": f"wrong {n}"}).status_code
                for n, client in zip(range(11), [first, second] * 6, strict=False)]
    assert statuses == [200] * 10 + [429]


def test_the_config_takes_the_storage_from_the_environment(monkeypatch, tmp_path):
    from webapp import config

    monkeypatch.setenv("FRAMELAB_RATELIMIT_STORAGE", REDIS_URL)
    monkeypatch.setenv("FRAMELAB_SECRET_KEY", "k")
    assert config.settings(tmp_path)["RATELIMIT_STORAGE_URI"] == REDIS_URL
