"""How a retraining job is started: an RQ job on Redis when Redis is configured (any app
machine's run is then picked up by whichever machine runs ``framelab worker``), else a child
process of the web worker, as on a single school machine.

Redis comes from ``FRAMELAB_REDIS_URL``, or from the rate limiter's storage
(``FRAMELAB_RATELIMIT_STORAGE``) when that is a ``redis://`` URL: one Redis serves both.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from flask import current_app

QUEUE = "framelab-retrain"
JOB_TIMEOUT_S = 2 * 60 * 60  # a full retraining takes minutes; this only stops a stuck one
_CHILDREN: list[subprocess.Popen] = []  # kept so that the child is reaped, not left a zombie


def redis_url(config) -> str | None:
    """The Redis URL retraining jobs are queued on, or None for the child process."""
    url = config.get("FRAMELAB_REDIS_URL")
    if url:
        return str(url)
    storage = str(config.get("RATELIMIT_STORAGE_URI") or "")
    return storage if storage.startswith(("redis://", "rediss://")) else None


def queue_name(config) -> str:
    """The queue's name: FRAMELAB_RETRAIN_QUEUE, else ``framelab-retrain`` (tests give their own)."""
    return str(config.get("FRAMELAB_RETRAIN_QUEUE") or QUEUE)


def queue(url: str, name: str = QUEUE):
    from redis import Redis
    from rq import Queue

    return Queue(name, connection=Redis.from_url(url))


def launch_rq(run_id: int) -> str:
    """Queue the run's job on Redis; ``framelab worker`` runs it."""
    url = redis_url(current_app.config)
    job = queue(url, queue_name(current_app.config)).enqueue("webapp.services.retrain_job.run_queued", run_id, job_timeout=JOB_TIMEOUT_S,
                             result_ttl=24 * 60 * 60, failure_ttl=7 * 24 * 60 * 60)
    return f"rq:{job.id}"


def launch_process(run_id: int) -> str:
    """The job as a child process in its own session (a page reload or a worker restart cannot stop it)."""
    from webapp.extensions import db
    from webapp.services.retrain_job import DATABASE_ENV

    log = Path(current_app.instance_path) / "retraining.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, DATABASE_ENV: db.engine.url.render_as_string(hide_password=False),
           "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    with open(log, "ab") as out:
        process = subprocess.Popen([sys.executable, "-m", "webapp.services.retrain_job", str(run_id)],
                                   stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True, env=env)
    _CHILDREN[:] = [child for child in _CHILDREN if child.poll() is None] + [process]
    return f"process:{socket.gethostname()}:{process.pid}"


def launcher():
    """The launch the app is configured for (the tests may set FRAMELAB_RETRAIN_LAUNCH)."""
    configured = current_app.config.get("FRAMELAB_RETRAIN_LAUNCH")
    if configured is not None:
        return configured
    return launch_rq if redis_url(current_app.config) else launch_process


def job_alive(job_id: str) -> bool | None:
    """Whether the queued job is waiting or running; None when Redis cannot be asked."""
    from redis import RedisError
    from rq.exceptions import NoSuchJobError
    from rq.job import Job, JobStatus

    url = redis_url(current_app.config)
    if not url:
        return None
    try:
        status = Job.fetch(job_id, connection=queue(url).connection).get_status()
    except NoSuchJobError:
        return False
    except RedisError:
        return None
    return status in (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED, JobStatus.SCHEDULED)
