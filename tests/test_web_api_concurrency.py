"""Two tabs saving at once: real threads against the test's database file (or PostgreSQL), each
request in its own app context and database session, as under a threaded server."""

from __future__ import annotations

import threading
import uuid

from fixtures_exercise import change, post_change
from sqlalchemy import func, select

from webapp.models import AppliedChange, Label, Submission

# Distinct one-word spans, far enough apart to never overlap.
SPANS = [(m, m + 4) for m in range(600, 600 + 40 * 20, 40)]


def _run(jobs) -> list:
    """Start every job at once (a barrier), wait for all, return their results in order."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def worker(i, job):
        barrier.wait()
        results[i] = job()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _tab(app, login, student):
    client = app.test_client()
    login(client, student)
    return client


def _status(response) -> int:
    return response.status_code


def _counts(db_session, assignment_id: int):
    db_session.expire_all()
    labels = db_session.scalar(select(func.count()).select_from(Label).join(Submission)
                               .where(Submission.assignment_id == assignment_id))
    applied = db_session.scalar(select(func.count()).select_from(AppliedChange))
    version = db_session.scalar(select(Submission.version).where(Submission.assignment_id == assignment_id))
    return labels, applied, version


def test_two_tabs_saving_different_labels_lose_nothing(app, login, setup, db_session):
    aid = setup.graded.id
    tabs = [_tab(app, login, setup.student) for _ in range(2)]
    jobs = [lambda c=tabs[i % 2], s=span: _status(post_change(
        c, aid, change("loaded-language", *s))) for i, span in enumerate(SPANS)]
    statuses = _run(jobs)
    assert statuses == [200] * len(SPANS)
    assert _counts(db_session, aid) == (len(SPANS), len(SPANS), len(SPANS))


def test_the_same_change_sent_from_many_threads_is_applied_once(app, login, setup, db_session):
    aid = setup.graded.id
    body = change(change_id=str(uuid.uuid4()))
    tabs = [_tab(app, login, setup.student) for _ in range(6)]
    responses = _run([lambda c=c: post_change(c, aid, body) for c in tabs])
    assert [r.status_code for r in responses] == [200] * 6
    assert sum(not r.json["replayed"] for r in responses) == 1
    assert _counts(db_session, aid) == (1, 1, 1)


def test_the_same_cue_on_one_passage_from_two_tabs_is_kept_once(app, login, setup, db_session):
    aid = setup.graded.id
    tabs = [_tab(app, login, setup.student) for _ in range(2)]
    responses = _run([lambda c=c: post_change(c, aid, change("scare-quotes", 56, 64)) for c in tabs])
    assert sorted(r.status_code for r in responses) == [200, 409]
    assert _counts(db_session, aid)[0] == 1


def test_saving_while_submitting_never_adds_a_label_after_the_lock(app, login, setup, db_session):
    aid = setup.graded.id
    tabs = [_tab(app, login, setup.student) for _ in range(3)]
    post_change(tabs[0], setup.graded.id, change("scare-quotes", 56, 64))
    jobs = [lambda c=tabs[i % 2], s=span: post_change(c, aid, change("loaded-language", *s))
            for i, span in enumerate(SPANS[:8])]
    jobs.append(lambda: tabs[2].post(f"/work/{aid}/submit"))
    results = _run(jobs)
    accepted = sum(r.status_code == 200 for r in results[:-1])
    assert all(r.status_code in (200, 409) for r in results[:-1])
    assert _counts(db_session, aid)[0] == 1 + accepted
    refused = post_change(tabs[0], setup.graded.id, change("loaded-language", 3000, 3004))
    assert refused.status_code == 409
