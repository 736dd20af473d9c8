"""The classroom burst, as parts the load test (``loadtest.py``) and the crash-safety test share:
a fresh database with a class, a real server in a child process, simulated students and a
teacher speaking HTTP to it as the browser does, and the check of every acknowledged label.

Setup goes through the services (no UI), everything after it through the real forms and the
JSON API: sign-in with the class code, name and PIN and the form's CSRF token; label saves with
the page's token in ``X-CSRFToken``; the hand-in form.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
TEACHER_EMAIL = "loadtest-teacher@example.org"
TEACHER_PASSWORD = "burst of a whole class"
_FORM_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_PAGE_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


# --- the database --------------------------------------------------------------------------

@dataclass(frozen=True)
class Classroom:
    """What the clients need to know: the class code, students' names and PINs, the assignment."""

    url: str
    join_code: str
    students: list[tuple[str, str]]
    assignment_id: int
    cues: list[str]
    spans: list[tuple[int, int]]  # word spans of the article, where labels go


@contextmanager
def fresh_database(engine: str, postgres_server: str, workdir: Path):
    """A new, empty database: a SQLite file in ``workdir`` or a PostgreSQL database that is
    dropped afterwards. Yields its SQLAlchemy URL."""
    if engine == "sqlite":
        yield f"sqlite:///{workdir / 'loadtest.sqlite'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    server = postgres_server.rstrip("/").replace("postgresql://", "postgresql+psycopg://", 1)
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT", poolclass=NullPool, hide_parameters=True)
    name = f"framelab_load_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield f"{server}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


_PINS = [f"{4096 + 731 * n}" for n in range(12)]  # twelve different four-digit PINs


@contextmanager
def _pins_hashed_once(accounts):
    """Setup hashes each distinct PIN once (300 scrypt hashes made setup slow); the server still
    checks every sign-in at the real cost."""
    from functools import lru_cache

    original = accounts.hash_pin
    accounts.hash_pin = lru_cache(maxsize=None)(original)
    try:
        yield
    finally:
        accounts.hash_pin = original


def prepare_class(url: str, students: int, mode: str = "graded", enrolled: bool = True) -> Classroom:
    """Migrate, load the shipped content, then a teacher, a class of ``students`` with PINs and
    one assignment of the first exercise in ``mode``: all through the services. With
    ``enrolled=False`` the names are only chosen, not created: each student's first sign-in joins
    the class (a new account), as on the first day."""
    from flask_migrate import upgrade
    from sqlalchemy import select

    from webapp import paths
    from webapp.app import create_app
    from webapp.extensions import db
    from webapp.models import Assignment, Exercise
    from webapp.services import accounts
    from webapp.services.article_text import token_spans
    from webapp.services.content import load_content
    from webapp.services.model import current_detector

    app = create_app({"SECRET_KEY": "setup-only", "SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        upgrade()
        load_content(db.session, paths.corpus_dir(), paths.lessons_dir(), *current_detector())
        teacher = accounts.create_teacher(db.session, TEACHER_EMAIL, "Load Test Teacher", TEACHER_PASSWORD)
        classroom = accounts.create_classroom(db.session, teacher, "Burst class")
        names = [(f"Student {n:03d}", _PINS[n % len(_PINS)]) for n in range(students)]
        if enrolled:
            with _pins_hashed_once(accounts):
                names = [(s.display_name, pin) for s, pin in
                         (accounts.add_student(db.session, classroom, name, pin) for name, pin in names)]
        exercise = db.session.scalars(select(Exercise).where(Exercise.mode == mode).order_by(Exercise.id)).first()
        assignment = Assignment(classroom=classroom, exercise_id=exercise.id)
        db.session.add(assignment)
        db.session.commit()
        result = Classroom(url, classroom.join_code, names, assignment.id,
                           list(exercise.cues), token_spans(exercise.article.text))
        db.session.remove()
        db.engine.dispose()
    return result


def saved_labels(url: str, assignment_id: int) -> dict[str, set[str]]:
    """Every label in the database for the assignment: student name -> client ids."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session
    from sqlalchemy.pool import NullPool

    from webapp.models import Label, Student, Submission

    engine = create_engine(url, poolclass=NullPool, hide_parameters=True)
    found: dict[str, set[str]] = defaultdict(set)
    with Session(engine) as session:
        rows = session.execute(select(Student.display_name, Label.client_id)
                               .join(Submission, Submission.student_id == Student.id)
                               .join(Label, Label.submission_id == Submission.id)
                               .where(Submission.assignment_id == assignment_id))
        for name, client_id in rows:
            found[name].add(client_id)
    engine.dispose()
    return found


# --- the server ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A server in a child process (its own process group), with its output in a log file."""

    process: subprocess.Popen
    base_url: str
    log: Path

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the children of the master process."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def serve_command(port: int, workers: int | None) -> list[str]:
    """``framelab serve`` as a user runs it, with this checkout's code."""
    command = [sys.executable, "-c", "from webapp.cli import main; main()", "serve", "--host", "127.0.0.1",
               "--port", str(port)]
    return command + (["--workers", str(workers)] if workers else [])


@contextmanager
def running(command: list[str], port: int, env: dict[str, str], log: Path, wait_s: float = 60,
            ready_path: str = "/health"):
    """Start ``command``, wait until ``ready_path`` answers 200, yield the Server, stop it."""
    full_env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}", **env}
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=full_env, stdout=out, stderr=subprocess.STDOUT,
                                   cwd=ROOT, start_new_session=True)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        _wait_ready(server, ready_path, wait_s)
        yield server
    finally:
        server.stop()


def _wait_ready(server: Server, path: str, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server stopped at start:\n{server.log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{server.base_url}{path}", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {wait_s} s:\n{server.log.read_text()[-3000:]}")


def server_env(url: str) -> dict[str, str]:
    return {"DATABASE_URL": url, "FRAMELAB_SECRET_KEY": uuid.uuid4().hex}


# --- the clients ---------------------------------------------------------------------------

@dataclass
class Record:
    """What the clients saw: latencies per request kind, errors, and the labels acknowledged."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    acknowledged: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    submitted: int = 0


@dataclass(frozen=True)
class Pace:
    """How a student works: a label every ``label_every`` seconds (with jitter), ``labels`` of them,
    arriving at a random moment within the first ``ramp`` seconds."""

    labels: int = 6
    label_every: float = 5.0
    ramp: float = 20.0


async def timed(record: Record, kind: str, client: httpx.AsyncClient, method: str, url: str,
                expect: tuple[int, ...] = (200,), attempts: int = 3, **kwargs) -> httpx.Response | None:
    """Send one request, note its latency under ``kind``. A connection that fails (a worker
    killed, a server restarting) is an error and is tried again, as a student reloads or the
    page resends a change under the same change id; an unexpected status is an error and ``None``."""
    for attempt in range(attempts):
        start = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)
        except httpx.TransportError as error:
            record.errors[kind].append(f"{type(error).__name__}: {error}")
            await asyncio.sleep(0.5 * (attempt + 1))
            continue
        record.latencies[kind].append((time.perf_counter() - start) * 1000)
        if response.status_code not in expect:
            record.errors[kind].append(f"HTTP {response.status_code}: {response.text[:200]}")
            return None
        return response
    return None


def browser(base_url: str) -> httpx.AsyncClient:
    """A client that keeps its cookies and, like a browser, reuses a connection only while the
    server still keeps it open (gunicorn closes idle ones after 5 s; a browser that loses that
    race resends the request, which here would count as an error)."""
    return httpx.AsyncClient(base_url=base_url, timeout=30, follow_redirects=False,
                             limits=httpx.Limits(keepalive_expiry=2.0))


def _token(pattern: re.Pattern, response: httpx.Response | None) -> str | None:
    match = pattern.search(response.text) if response is not None else None
    return match.group(1) if match else None


async def sign_in_student(record: Record, client: httpx.AsyncClient, classroom: Classroom, name: str,
                          pin: str) -> bool:
    """The student sign-in form, as a browser fills it in: page, token, post, redirect."""
    page = await timed(record, "join page", client, "GET", "/join")
    token = _token(_FORM_TOKEN, page)
    if token is None:
        return False
    form = {"csrf_token": token, "join_code": classroom.join_code, "display_name": name, "pin": pin}
    return await timed(record, "join", client, "POST", "/join", data=form, expect=(302, 303)) is not None


def label_change(classroom: Classroom, student_index: int, k: int) -> dict:
    """The ``k``th label of a student: a one-word span of its own, a cue from the exercise."""
    start, end = classroom.spans[(7 * k + 3 * student_index) % len(classroom.spans)]
    client_id = uuid.uuid4().hex
    return {"change_id": str(uuid.uuid4()), "op": "save", "client_id": client_id,
            "label": {"client_id": client_id, "cue": classroom.cues[k % len(classroom.cues)], "start": start,
                      "end": end, "note": None, "confidence": "sure"}}


async def save_label(record: Record, client: httpx.AsyncClient, classroom: Classroom, name: str, token: str,
                     body: dict) -> None:
    """Save through the JSON API; a 200 carrying the label is the acknowledgement the page shows."""
    response = await timed(record, "save label", client, "POST", f"/api/assignments/{classroom.assignment_id}/changes",
                           json=body, headers={"X-CSRFToken": token})
    if response is not None and (response.json().get("label") or {}).get("client_id") == body["client_id"]:
        record.acknowledged[name].add(body["client_id"])


async def student(record: Record, base_url: str, classroom: Classroom, index: int, pace: Pace,
                  rng: random.Random) -> None:
    """One student's lesson: sign in, open the exercise, label, reload once, hand in."""
    name, pin = classroom.students[index]
    work = f"/work/{classroom.assignment_id}"
    await asyncio.sleep(rng.uniform(0, pace.ramp))
    async with browser(base_url) as client:
        if not await sign_in_student(record, client, classroom, name, pin):
            return
        await timed(record, "assignments", client, "GET", "/work/")
        token = _token(_PAGE_TOKEN, await timed(record, "exercise page", client, "GET", work))
        if token is None:
            return
        for k in range(pace.labels):
            await asyncio.sleep(pace.label_every * rng.uniform(0.5, 1.5))
            await save_label(record, client, classroom, name, token, label_change(classroom, index, k))
            if k == pace.labels // 2:  # the reload every class has: a tab closed, a laptop woken up
                token = _token(_PAGE_TOKEN, await timed(record, "exercise page", client, "GET", work)) or token
        submit_page = await timed(record, "submit page", client, "GET", f"{work}/submit")
        form_token = _token(_FORM_TOKEN, submit_page)
        if form_token and await timed(record, "submit", client, "POST", f"{work}/submit",
                                      data={"csrf_token": form_token}, expect=(302, 303)):
            record.submitted += 1


async def teacher(record: Record, base_url: str, classroom: Classroom, every: float, stop: asyncio.Event) -> None:
    """The teacher signs in and refreshes the assignment's dashboard until the class is done."""
    async with browser(base_url) as client:
        token = _token(_FORM_TOKEN, await timed(record, "teacher sign-in page", client, "GET", "/login"))
        form = {"csrf_token": token, "email": TEACHER_EMAIL, "password": TEACHER_PASSWORD}
        if token is None or await timed(record, "teacher sign-in", client, "POST", "/login", data=form,
                                        expect=(302, 303)) is None:
            return
        while not stop.is_set():
            await timed(record, "dashboard", client, "GET", f"/results/{classroom.assignment_id}")
            try:
                await asyncio.wait_for(stop.wait(), timeout=every)
            except TimeoutError:
                pass


async def classroom_burst(base_url: str, classroom: Classroom, pace: Pace, dashboard_every: float = 5.0,
                          seed: int = 7) -> Record:
    """Every student of the class at once, and their teacher watching the dashboard."""
    record, stop, rng = Record(), asyncio.Event(), random.Random(seed)
    watcher = asyncio.create_task(teacher(record, base_url, classroom, dashboard_every, stop))
    await asyncio.gather(*(student(record, base_url, classroom, i, pace, random.Random(rng.random()))
                           for i in range(len(classroom.students))))
    stop.set()
    await watcher
    return record


def lost_labels(record: Record, in_database: dict[str, set[str]]) -> int:
    """Labels the server acknowledged that the database does not hold: must be 0."""
    return sum(len(ids - in_database.get(name, set())) for name, ids in record.acknowledged.items())
