"""Crash safety: a worker killed with SIGKILL in the middle of a class's work loses no label the
server acknowledged, and the server keeps serving (gunicorn's master replaces the worker).

This runs the real ``framelab serve`` (gunicorn) in a child process against a database of its
own, with simulated students from the load test (benchmarks/burst.py).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import burst  # the benchmarks folder is put on the path just above

pytestmark = pytest.mark.skipif(os.name != "posix" and not os.environ.get("CI"),
                                reason="gunicorn runs on POSIX systems only")

STUDENTS = 16
PACE = burst.Pace(labels=8, label_every=0.4, ramp=1.0)
WORKERS = 2


def _engine() -> tuple[str, str]:
    """SQLite, or the PostgreSQL server the web tests use when the suite runs on it."""
    url = os.environ.get("FRAMELAB_TEST_DATABASE_URL", "")
    return ("postgresql", url.rsplit("/", 1)[0]) if url else ("sqlite", "")


@pytest.fixture
def server(tmp_path):
    engine, postgres = _engine()
    with burst.fresh_database(engine, postgres, tmp_path) as url:
        classroom = burst.prepare_class(url, STUDENTS)
        port = burst.free_port()
        with burst.running(burst.serve_command(port, WORKERS), port, burst.server_env(url),
                           tmp_path / "server.log") as running:
            yield running, classroom, url


async def _burst_with_a_kill(server: burst.Server, classroom: burst.Classroom) -> tuple[burst.Record, int]:
    async def kill_a_worker() -> int:
        await asyncio.sleep(PACE.ramp + 2 * PACE.label_every)  # every student is labelling by now
        victim = server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        return victim

    record, victim = await asyncio.gather(burst.classroom_burst(server.base_url, classroom, PACE),
                                          kill_a_worker())
    return record, victim


def _replaced(server: burst.Server, victim: int, timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = server.worker_pids()
        if len(pids) == WORKERS and victim not in pids:
            return pids
        time.sleep(0.2)
    return server.worker_pids()


def _errors(record: burst.Record) -> str:
    return "; ".join(f"{kind}: {messages[:3]}" for kind, messages in record.errors.items() if messages)


def test_a_killed_worker_loses_no_acknowledged_label_and_the_server_keeps_serving(server):
    running, classroom, url = server
    # A thread of its own: Playwright's sync API (the browser tests' session fixture) keeps an event
    # loop running in the main thread, where asyncio.run() refuses to start another.
    with ThreadPoolExecutor(max_workers=1) as pool:
        record, victim = pool.submit(asyncio.run, _burst_with_a_kill(running, classroom)).result()

    in_database = burst.saved_labels(url, classroom.assignment_id)
    assert sum(len(ids) for ids in record.acknowledged.values()) > 0
    assert burst.lost_labels(record, in_database) == 0
    # The page sends a change again when it got no answer: every label ends up saved once.
    assert record.acknowledged == {name: ids for name, ids in in_database.items()}
    assert sum(len(ids) for ids in in_database.values()) == STUDENTS * PACE.labels, _errors(record)

    assert running.process.poll() is None, "the gunicorn master died with its worker"
    assert victim not in _replaced(running, victim)
    assert httpx.get(f"{running.base_url}/health", timeout=5).status_code == 200
    assert record.submitted == STUDENTS
