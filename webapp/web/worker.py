"""``framelab worker``: runs the queued background jobs (retraining) from Redis.

Start it on one machine (or several) beside ``framelab serve`` when ``FRAMELAB_REDIS_URL`` (or a
``redis://`` ``FRAMELAB_RATELIMIT_STORAGE``) is set; without Redis the web workers start each
job as a child process instead and no worker is needed. The jobs run in this process (RQ's
SimpleWorker, no fork per job), inside an app context, on the app's database.
"""

from __future__ import annotations

import click


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the jobs waiting now, then stop (for cron and tests).")
def worker_command(burst: bool) -> None:
    """Run queued retraining jobs from Redis (needs FRAMELAB_REDIS_URL)."""
    from rq import SimpleWorker

    from webapp.services.retrain_queue import queue, queue_name, redis_url
    from webapp.web.commands import _app

    app = _app()
    url = redis_url(app.config)
    if not url:
        raise click.ClickException("No Redis configured: set FRAMELAB_REDIS_URL=redis://host:6379/0. Without "
                                   "Redis the web server runs retraining as a child process and needs no worker.")
    jobs = queue(url, queue_name(app.config))
    with app.app_context():
        click.echo(f"FrameLab worker on queue {jobs.name} ({'until it is empty' if burst else 'Ctrl+C stops it'})")
        SimpleWorker([jobs], connection=jobs.connection).work(burst=burst, logging_level="WARNING")
