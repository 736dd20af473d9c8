"""A whole class joining at the same moment: every new name gets an account, none a 500.

Real threads, each request in its own app context and database session as under a threaded
server, all released together by a barrier, against the test's database file (or PostgreSQL).
On SQLite a deferred transaction that read before writing failed with ``database is locked``
without waiting (23-25 of 30); write requests now begin ``BEGIN IMMEDIATE`` and queue.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from webapp.models import Student

JOINERS = 60


def _all_at_once(jobs) -> list:
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def worker(i, job):
        barrier.wait()
        try:
            results[i] = job()
        except Exception as error:  # noqa: BLE001 - an exception is a failed join, reported below
            results[i] = error

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _join(app, code: str, name: str):
    client = app.test_client()
    return client.post("/join", data={"join_code": code, "display_name": name, "pin": "4821"})


def test_sixty_students_joining_at_once_all_get_in(app, make_teacher, make_classroom, db_session):
    app.testing = False  # a server answers 500 where a test would raise: count them as a server would
    app.config["PROPAGATE_EXCEPTIONS"] = False
    classroom = make_classroom(make_teacher())
    code, classroom_id = classroom.join_code, classroom.id
    db_session.commit()
    names = [f"Student {n:02d}" for n in range(JOINERS)]
    results = _all_at_once([lambda name=name: _join(app, code, name) for name in names])
    statuses = [getattr(r, "status_code", repr(r)) for r in results]
    assert statuses == [302] * JOINERS
    db_session.expire_all()
    joined = db_session.scalars(select(Student.display_name).where(Student.classroom_id == classroom_id)).all()
    assert sorted(joined) == names
    assert db_session.scalar(select(func.count(func.distinct(Student.session_token)))
                             .where(Student.classroom_id == classroom_id)) == JOINERS


def test_returning_students_signing_in_at_once_while_others_join(app, make_teacher, make_classroom,
                                                                 make_student, db_session):
    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    classroom = make_classroom(make_teacher())
    code = classroom.join_code
    returning = [f"Back {n:02d}" for n in range(20)]
    for name in returning:
        make_student(classroom, name, "4821")
    new = [f"New {n:02d}" for n in range(20)]
    results = _all_at_once([lambda name=name: _join(app, code, name) for name in returning + new])
    assert [getattr(r, "status_code", repr(r)) for r in results] == [302] * 40


def test_a_server_error_is_not_counted_as_a_failed_sign_in(app, make_teacher, make_classroom, make_student,
                                                           monkeypatch):
    from sqlalchemy.exc import OperationalError

    from webapp.auth import routes

    app.testing = False
    app.config.update(PROPAGATE_EXCEPTIONS=False, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://",
                      FRAMELAB_LOGIN_LIMIT="2 per minute")
    from webapp.extensions import limiter

    monkeypatch.setattr(limiter, "enabled", True)
    limiter.init_app(app)  # the limiter reads RATELIMIT_ENABLED when bound to an app
    classroom = make_classroom(make_teacher())
    make_student(classroom, "Ada", "4821")
    real = routes.accounts.sign_in_or_join

    def busy(*args, **kwargs):
        raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))

    monkeypatch.setattr(routes.accounts, "sign_in_or_join", busy)
    form = {"join_code": classroom.join_code, "display_name": "Ada", "pin": "4821"}
    client = app.test_client()
    assert [client.post("/join", data=form).status_code for _ in range(3)] == [500] * 3
    monkeypatch.setattr(routes.accounts, "sign_in_or_join", real)
    assert client.post("/join", data=form).status_code == 302
