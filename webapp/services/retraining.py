"""Retraining the classifier with a teacher's keys, in the background, its state in the database.

A run is a background job (an RQ job on Redis when Redis is configured, else a child process
``python -m webapp.services.retrain_job``), never work in a request: training with
cross-validation takes minutes. The run's row (:class:`webapp.models.RetrainRun`) is what every
worker on every machine reads. One run trains at a time (a unique "running slot" in the table);
a finished run only waits for an administrator's decision and blocks nobody: other teachers may
start their own meanwhile. The new model is a candidate in the model registry until an
administrator accepts it.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from webapp.corpus.articles import Article
from webapp.corpus.keys import AnswerKey
from webapp.models import ModelVersion, RetrainRun, Teacher
from webapp.models.base import utcnow
from webapp.services import model_registry

RUNNING, DONE, FAILED, ACCEPTED, DECLINED = "running", "done", "failed", "accepted", "declined"
STARTING = dt.timedelta(seconds=60)  # between inserting the run and its job being known: not yet dead
STALE_AFTER = dt.timedelta(hours=3)  # a run this old that still says "running" died with its server
Launch = Callable[[int], str]  # starts the job for a run id; returns the runner ("process:host:pid", "rq:id")


class RetrainError(ValueError):
    """A request the retraining action cannot carry out; the message is for the teacher."""


def _serialise(extra_keys: Sequence[tuple[Article, AnswerKey]]) -> list[dict]:
    return [{"article": {**article.metadata(), "text": article.text, "credits": list(article.credits)},
             "labels": [asdict(label) for label in key.labels]} for article, key in extra_keys]


def running_run(session: Session) -> RetrainRun | None:
    return session.scalar(select(RetrainRun).where(RetrainRun.state == RUNNING).order_by(RetrainRun.id.desc()))


def waiting_runs(session: Session) -> list[RetrainRun]:
    """Finished runs waiting for an administrator's decision, oldest first."""
    return list(session.scalars(select(RetrainRun).where(RetrainRun.state == DONE).order_by(RetrainRun.id)))


def last_run(session: Session, teacher_id: int) -> RetrainRun | None:
    """The teacher's latest run, whatever its state."""
    return session.scalar(select(RetrainRun).where(RetrainRun.teacher_id == teacher_id)
                          .order_by(RetrainRun.id.desc()).limit(1))


def _end(run: RetrainRun, state: str, message: str | None = None) -> None:
    run.state, run.running_slot = state, None
    if message:
        run.message = message
    if state in (DONE, FAILED):
        run.finished_at = utcnow()
    else:
        run.decided_at = utcnow()


def check_running(session: Session, alive: Callable[[str], bool | None] | None = None) -> RetrainRun | None:
    """The running run, after marking it failed (and committing) when its job has died."""
    run = running_run(session)
    if run is None:
        return None
    age = utcnow() - run.started_at
    verdict = (alive or runner_alive)(run.runner) if run.runner else None
    if age > STALE_AFTER or verdict is False or (run.runner is None and age > STARTING):
        session.refresh(run)  # the job may have written its outcome just now
        if run.state == RUNNING:
            _end(run, FAILED, "The run stopped before it finished (the server restarted, or it ran out of memory).")
            session.commit()
            return None
    return run if run.state == RUNNING else None


def runner_alive(runner: str) -> bool | None:
    """Whether the job behind ``runner`` still lives; None when this machine cannot tell."""
    kind, _, rest = runner.partition(":")
    if kind == "process":
        host, _, pid = rest.rpartition(":")
        return _process_alive(int(pid)) if host == socket.gethostname() and pid.isdigit() else None
    if kind == "rq":
        from webapp.services.retrain_queue import job_alive

        return job_alive(rest)
    return None


def _process_alive(pid: int) -> bool:
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)  # reaps our own child if it has exited
        if finished:
            return False
    except ChildProcessError:
        pass  # started by another worker: not ours to reap
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc here: trust the signal check
    # A reused pid belongs to another program; an empty command line reads so inside exec().
    return not cmdline or b"retrain_job" in cmdline


def start(session: Session, teacher: Teacher, extra_keys: Sequence[tuple[Article, AnswerKey]],
          corpus_root: Path, models_root: Path, params: dict | None, launch: Launch) -> RetrainRun:
    """Start a run with the teacher's keys; refused only while another run is training.

    The teacher's own earlier run still waiting for a decision is replaced (declined): its
    figures would be measured on fewer of their keys than the new one's.
    """
    if not extra_keys:
        raise RetrainError("You have not written any answer keys yet, so a new model would learn nothing new. "
                           "Write a key for an article first.")
    check_running(session)
    run = RetrainRun(state=RUNNING, running_slot=1, teacher_id=teacher.id, teacher_name=teacher.name,
                     articles=len(extra_keys), labels=sum(len(key.labels) for _, key in extra_keys),
                     job={"corpus_root": str(corpus_root), "models_root": str(models_root), "params": params,
                          "extra": _serialise(extra_keys)})
    session.add(run)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise RetrainError("Another retraining run is training right now; one run trains at a time. "
                           "Start yours when it has finished (a few minutes).") from None
    for earlier in waiting_runs(session):
        if earlier.teacher_id == teacher.id and earlier.id != run.id:
            _discard(session, earlier, "Replaced by a newer run of the same teacher.")
    session.commit()
    try:
        runner = launch(run.id)
    except Exception:
        session.rollback()
        _end(run, FAILED, "The run could not be started.")
        session.commit()
        raise
    session.refresh(run)
    if run.state == RUNNING:
        run.runner = runner
        session.commit()
    return run


def _discard(session: Session, run: RetrainRun, message: str | None = None) -> None:
    candidate = run.candidate
    run.candidate_id = None
    _end(run, DECLINED, message)
    if candidate is not None and candidate.accepted_at is None:
        session.delete(candidate)


def _decidable(session: Session, run_id: int) -> RetrainRun:
    run = session.get(RetrainRun, run_id)
    if run is None or run.state != DONE or run.candidate is None:
        raise RetrainError("There is no finished run waiting for a decision.")
    return run


def accept(session: Session, admin: Teacher, run_id: int) -> RetrainRun:
    """An administrator makes the run's model the one every machine uses for new analyses.

    Other runs still waiting were measured against the model that was in use before: they are
    declined, and their teachers can start again to compare with the new one."""
    run = _decidable(session, run_id)
    model_registry.accept(session, run.candidate, admin.id)
    _end(run, ACCEPTED)
    run.decided_by_id = admin.id
    for other in waiting_runs(session):
        if other.id != run.id:
            _discard(session, other, "Another new model was accepted first; start again to compare with it.")
    session.commit()
    return run


def decline(session: Session, admin: Teacher, run_id: int) -> RetrainRun:
    """An administrator drops the candidate; the model in use is not touched."""
    run = _decidable(session, run_id)
    _discard(session, run)
    run.decided_by_id = admin.id
    session.commit()
    return run


def finish(session: Session, run: RetrainRun, artifact: str, evaluation: dict, outcome: dict) -> None:
    """The job's success: the candidate goes into the registry (not accepted), the run waits."""
    candidate: ModelVersion = model_registry.register(session, artifact, evaluation)
    run.candidate_id, run.outcome = candidate.id, outcome
    _end(run, DONE)
    session.commit()


def fail(session: Session, run: RetrainRun, message: str) -> None:
    _end(run, FAILED, message)
    session.commit()
