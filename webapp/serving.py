"""Production serving: the gunicorn settings FrameLab runs with, and the server that
``framelab serve`` starts in-process.

The settings live in one function so that ``framelab serve``, a district's own
``gunicorn -c python:webapp.gunicorn_conf`` and the tests all see the same values.
"""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication

# A worker that has not answered its master for this long is killed and replaced: long enough
# for the slowest page (a class export), short enough that a stuck worker does not linger.
TIMEOUT_S = 60
# On a restart (SIGHUP, SIGTERM) a worker finishes the requests it holds for up to this long.
GRACEFUL_TIMEOUT_S = 30
# Each worker is replaced after about this many requests (plus jitter so they do not all
# restart together): a slow leak in a library can never grow without bound.
MAX_REQUESTS = 5000
MAX_REQUESTS_JITTER = 500
# Threads per worker: a thread waiting on the database lets another render a page.
THREADS = 4


def default_workers(cores: int | None = None) -> int:
    """gunicorn's rule of thumb, 2 x cores + 1, capped at 9: beyond that a single machine's
    database (SQLite above all) gains nothing from more processes."""
    cores = cores or os.cpu_count() or 1
    return min(2 * cores + 1, 9)


def request_log_config(stream: str = "ext://sys.stdout") -> dict:
    """Logging setup for a server process: request lines (already JSON) as they are, on stdout;
    gunicorn's own messages stay on stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json_line": {"format": "%(message)s"},
            "server": {"format": "%(asctime)s [%(process)d] %(levelname)s %(message)s"},
        },
        "handlers": {
            "requests": {"class": "logging.StreamHandler", "formatter": "json_line", "stream": stream},
            "server": {"class": "logging.StreamHandler", "formatter": "server", "stream": "ext://sys.stderr"},
        },
        "loggers": {
            "framelab.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
            "gunicorn.error": {"handlers": ["server"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
        "root": {"handlers": ["server"], "level": "WARNING"},
    }


def gunicorn_settings(host: str = "127.0.0.1", port: int = 5000, workers: int | None = None,
                      threads: int = THREADS, timeout: int = TIMEOUT_S) -> dict[str, Any]:
    """The gunicorn settings for FrameLab on ``host``:``port``."""
    return {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers or default_workers(),
        "worker_class": "gthread",
        "threads": threads,
        "timeout": timeout,
        "graceful_timeout": GRACEFUL_TIMEOUT_S,
        "keepalive": 5,
        "max_requests": MAX_REQUESTS,
        "max_requests_jitter": MAX_REQUESTS_JITTER,
        # Each worker builds its own app (and database engine) after the fork: no connection
        # is ever shared between processes, and a replaced worker starts clean.
        "preload_app": False,
        # Our own JSON request lines replace gunicorn's access log (see webapp.web.requestlog).
        "accesslog": None,
        "errorlog": "-",
        "logconfig_dict": request_log_config(),
        "proc_name": "framelab",
        # gunicorn's runtime control socket is one fixed path per user: two servers on one machine
        # would fight over it, and FrameLab is managed with signals (HUP, TERM) instead.
        "control_socket_disable": True,
        # Limits on the request line and headers; bodies are limited by the app (MAX_CONTENT_LENGTH).
        "limit_request_line": 8190,
        "limit_request_fields": 100,
    }


class FrameLabServer(BaseApplication):
    """gunicorn run from Python with our settings; each worker calls ``create_app()``."""

    def __init__(self, settings: dict[str, Any], app_factory=None):
        self._settings = settings
        self._factory = app_factory
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._settings.items():
            self.cfg.set(key, value)

    def load(self):
        if self._factory is not None:
            return self._factory()
        from webapp.app import create_app

        return create_app()


def serve(settings: dict[str, Any]) -> None:
    """Run gunicorn until it is stopped (SIGINT or SIGTERM: a graceful shutdown)."""
    FrameLabServer(settings).run()
