"""Two `framelab serve` instances, each from its own working folder, on one PostgreSQL database:
requests alternate between them as a load balancer would send them, and what one machine changes
the other shows at once (no state may live on one machine's disk or in one process's memory)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from fixtures_web import PG_URL, TEACHER_PASSWORD, _config

from webapp.paths import PROJECT_ROOT

pytestmark = pytest.mark.skipif(not PG_URL, reason="two app machines share a PostgreSQL database")

FOLDERS = ("webapp", "corpus", "lessons", "models")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _working_folder(root: Path) -> Path:
    """A copy of the application, as on a second machine: its own code, data and instance/."""
    for name in FOLDERS:
        shutil.copytree(PROJECT_ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _start(folder: Path, database_uri: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(folder), "DATABASE_URL": database_uri,
           "FRAMELAB_SECRET_KEY": "one key for every machine of the district"}
    env.pop("FRAMELAB_RATELIMIT_STORAGE", None)
    server = subprocess.Popen(
        [sys.executable, "-c", "from webapp.cli import main; main()", "serve", "--port", str(port),
         "--workers", "1", "--threads", "2"],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if requests.get(f"{base}/health", timeout=2).status_code == 200:
                return server, base
        except requests.ConnectionError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.2)
    server.kill()
    output = server.stdout.read().decode()[-2000:]
    server.stdout.close()
    raise AssertionError(f"framelab serve did not start: {output}")


def _csrf(page: requests.Response) -> str:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


@pytest.fixture
def two_servers(database_uri, tmp_path):
    from webapp.app import create_app
    from webapp.extensions import db
    from webapp.services import accounts

    app = create_app(_config(database_uri))
    with app.app_context():
        accounts.create_teacher(db.session, "rivera@example.org", "Ms Rivera", TEACHER_PASSWORD)
        db.session.commit()
        db.engine.dispose()
    started = [_start(_working_folder(tmp_path / machine), database_uri) for machine in ("a", "b")]
    yield [base for _, base in started]
    for server, _ in started:
        server.terminate()
        server.wait(timeout=20)
        server.stdout.close()


def test_two_machines_on_one_database_see_each_others_changes(two_servers):
    a, b = two_servers
    teacher = requests.Session()
    # The sign-in form comes from one machine and is posted to the other.
    signed_in = teacher.post(f"{b}/login", data={
        "csrf_token": _csrf(teacher.get(f"{a}/login")), "email": "rivera@example.org",
        "password": TEACHER_PASSWORD, "time_zone": "Europe/Madrid"})
    assert signed_in.status_code == 200 and "/login" not in signed_in.url

    created = teacher.post(f"{a}/classes/new", data={
        "csrf_token": _csrf(teacher.get(f"{b}/classes/new")), "name": "Period 3 civics"})
    assert created.status_code == 200
    class_page = re.search(r"/classes/(\d+)$", created.url)
    assert class_page, created.url
    assert "Period 3 civics" in teacher.get(f"{b}/classes/").text

    code = re.search(r'class="join-code"[^>]*>\s*([A-Z0-9-]+)', teacher.get(f"{b}{class_page.group(0)}").text)
    assert code, "the class page shows its join code"
    student = requests.Session()
    joined = student.post(f"{a}/join", data={
        "csrf_token": _csrf(student.get(f"{b}/join")), "join_code": code.group(1),
        "display_name": "Ada", "pin": "4821"})
    assert joined.status_code == 200 and "/join" not in joined.url
    assert student.get(f"{b}/").status_code == 200  # the student's session holds on the other machine

    roster = teacher.get(f"{a}{class_page.group(0)}").text
    assert "Ada" in roster
    # Signing out on one machine ends the session on both.
    teacher.post(f"{b}/logout", data={"csrf_token": _csrf(teacher.get(f"{a}/classes/"))})
    assert "/login" in teacher.get(f"{a}/classes/").url
