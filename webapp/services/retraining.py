"""Retraining the classifier with teachers' keys, in the background, one run per server.

A run is a child process (``python -m webapp.services.retrain_job``), never work in a request:
training with cross-validation takes minutes. Its state lives in files under one folder
(``run.json``, written atomically) so every web worker, and a reloaded page, sees the same run;
a lock file created with O_EXCL makes "one run at a time" hold across workers. The new model is
only a candidate in ``models/versions/``: :func:`accept` switches to it, :func:`decline` drops it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from webapp.classifier.artifact import atomic_write
from webapp.corpus.articles import Article
from webapp.corpus.keys import AnswerKey

RUNNING, DONE, FAILED, ACCEPTED, DECLINED = "running", "done", "failed", "accepted", "declined"
RUN_FILE, JOB_FILE, LOCK_FILE, LOG_FILE, PID_FILE = "run.json", "job.json", "lock", "log.txt", "pid"
STARTING = dt.timedelta(seconds=60)  # between writing run.json and the process id: not yet dead
DECISION_WAIT = dt.timedelta(hours=24)  # an undecided candidate stops blocking new runs after this
STALE_AFTER = dt.timedelta(hours=3)  # a run this old that still says "running" died with its server
# The worker that started a run keeps its Popen object: dropping it while the child runs would
# warn, and polling it reaps the child when it ends (no zombie left behind).
_CHILDREN: list[subprocess.Popen] = []
_ENDED: dict[int, int] = {}  # pid -> exit status of our children that ended, to say why a run died


class RetrainError(ValueError):
    """A request the retraining action cannot carry out; the message is for the teacher."""


def now_text() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def write_state(folder: Path, state: dict) -> None:
    """Replace run.json atomically: a reader sees the old state or the new one, never half (a
    temporary file of its own per write, so two threads of one worker cannot mix theirs)."""
    atomic_write(folder / RUN_FILE, json.dumps(state, indent=1))


def release(folder: Path) -> None:
    (folder / LOCK_FILE).unlink(missing_ok=True)


def _pid(folder: Path) -> int | None:
    try:
        return int((folder / PID_FILE).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None


def _reap() -> None:
    for child in list(_CHILDREN):
        if child.poll() is not None:
            _ENDED[child.pid] = child.returncode
            _CHILDREN.remove(child)


def _how_it_ended(pid: int | None) -> str:
    status = _ENDED.get(pid) if pid is not None else None
    if status is None:
        return "the server restarted, or it ran out of memory"
    return f"killed by signal {-status}" if status < 0 else f"exit status {status}"


def _alive(pid: int) -> bool:
    if pid in _ENDED:
        return False
    try:
        finished, status = os.waitpid(pid, os.WNOHANG)  # reaps our own child if it has exited
        if finished:
            _ENDED[pid] = os.waitstatus_to_exitcode(status)
            return False
    except ChildProcessError:
        pass  # started by another worker: not ours to reap
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A reused pid belongs to another program. An empty command line is no proof: it reads empty
    # for a moment while the child is still inside exec(), just after Popen returns.
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc here: trust the signal check
    return not cmdline or b"retrain_job" in cmdline


def _read(folder: Path) -> dict | None:
    try:
        return json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def current_run(folder: Path) -> dict | None:
    """The latest run's state; a run whose process has died is marked failed here."""
    _reap()
    state = _read(folder)
    if state is not None and state.get("state") == RUNNING:
        age, pid = _age(state.get("started_at")), _pid(folder)
        if age > STALE_AFTER or (pid is None and age > STARTING) or (pid is not None and not _alive(pid)):
            fresh = _read(folder)  # the job may have written its outcome just before it exited
            if fresh is not None and fresh.get("state") != RUNNING:
                return fresh
            state.update(state=FAILED, finished_at=now_text(),
                         message=f"The run stopped before it finished ({_how_it_ended(pid)}).")
            write_state(folder, state)
            release(folder)
    return state


def _serialise(extra_keys: Sequence[tuple[Article, AnswerKey]]) -> list[dict]:
    return [{"article": {**article.metadata(), "text": article.text, "credits": list(article.credits)},
             "labels": [asdict(label) for label in key.labels]} for article, key in extra_keys]


def start(folder: Path, teacher_id: int, teacher_name: str, extra_keys: Sequence[tuple[Article, AnswerKey]],
          corpus_root: Path, models_root: Path, params: dict | None = None, launch=None) -> dict:
    """Start a run with these keys added to the corpus keys; refused while another run holds the lock."""
    if not extra_keys:
        raise RetrainError("You have not written any answer keys yet, so a new model would learn nothing new. "
                           "Write a key for an article first.")
    folder.mkdir(parents=True, exist_ok=True)
    _clear_stale_lock(folder)
    try:
        os.close(os.open(folder / LOCK_FILE, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise RetrainError("A retraining run is already in progress or waiting for a decision; one run at a "
                           "time per server.") from None
    try:
        job = {"corpus_root": str(corpus_root), "models_root": str(models_root), "params": params,
               "extra": _serialise(extra_keys)}
        (folder / JOB_FILE).write_text(json.dumps(job), encoding="utf-8")
        state = {"state": RUNNING, "teacher_id": teacher_id, "teacher_name": teacher_name, "started_at": now_text(),
                 "articles": len(extra_keys), "labels": sum(len(key.labels) for _, key in extra_keys)}
        (folder / PID_FILE).unlink(missing_ok=True)
        write_state(folder, state)
        pid = (launch or launch_process)(folder)
        (folder / PID_FILE).write_text(str(pid), encoding="ascii")
    except Exception:
        release(folder)
        raise
    return current_run(folder) or state


def _age(stamp: str | None) -> dt.timedelta:
    if not stamp:
        return dt.timedelta(0)
    return dt.datetime.now(dt.UTC) - dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)


def _clear_stale_lock(folder: Path) -> None:
    """Free the server from a lock nobody will release: one left by a crash between taking the
    lock and writing the run (older than a minute, no run in progress), or a finished run its
    teacher has not decided on within a day (its candidate is discarded, the model in use kept)."""
    lock = folder / LOCK_FILE
    if not lock.exists():
        return
    state = current_run(folder) or {}
    if state.get("state") == DONE and _age(state.get("finished_at")) > DECISION_WAIT:
        shutil.rmtree(state["version_dir"], ignore_errors=True)
        state.update(state=DECLINED, decided_at=now_text(),
                     message="Nobody accepted it within a day, so it was discarded.")
        write_state(folder, state)
        release(folder)
    elif state.get("state") not in (RUNNING, DONE):
        locked_at = dt.datetime.fromtimestamp(lock.stat().st_mtime, dt.UTC)
        if dt.datetime.now(dt.UTC) - locked_at > STARTING:
            release(folder)


def launch_process(folder: Path) -> int:
    """The background job as its own process, in its own session (a page reload cannot stop it)."""
    with open(folder / LOG_FILE, "ab") as log:
        process = subprocess.Popen([sys.executable, "-m", "webapp.services.retrain_job", str(folder)],
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
                                   env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [
                                       str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH")]))})
    _CHILDREN.append(process)
    return process.pid


def _decidable(folder: Path, teacher_id: int) -> dict:
    state = current_run(folder)
    if state is None or state.get("state") != DONE:
        raise RetrainError("There is no finished run waiting for a decision.")
    if state.get("teacher_id") != teacher_id:
        raise RetrainError("Only the teacher who started this run may accept or decline it.")
    return state


def accept(folder: Path, teacher_id: int, models_root: Path) -> dict:
    """Make the run's model the one in use (new analyses use it from now on)."""
    from webapp.classifier.retrain import activate

    state = _decidable(folder, teacher_id)
    activate(Path(state["version_dir"]), models_root)
    state.update(state=ACCEPTED, decided_at=now_text())
    write_state(folder, state)
    release(folder)
    return state


def decline(folder: Path, teacher_id: int) -> dict:
    """Drop the candidate model; the model in use is not touched."""
    state = _decidable(folder, teacher_id)
    shutil.rmtree(state["version_dir"], ignore_errors=True)
    state.update(state=DECLINED, decided_at=now_text())
    write_state(folder, state)
    release(folder)
    return state
