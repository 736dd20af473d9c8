"""gunicorn configuration for running FrameLab with gunicorn's own command:

    gunicorn -c python:webapp.gunicorn_conf 'webapp.app:create_app()'

The same settings as ``framelab serve``; ``FRAMELAB_HOST``, ``FRAMELAB_PORT`` and
``FRAMELAB_WORKERS`` change the address and the number of workers.
"""

import os

from webapp.serving import gunicorn_settings

_settings = gunicorn_settings(
    host=os.environ.get("FRAMELAB_HOST", "127.0.0.1"),
    port=int(os.environ.get("FRAMELAB_PORT", "8000")),
    workers=int(os.environ["FRAMELAB_WORKERS"]) if os.environ.get("FRAMELAB_WORKERS") else None,
)
globals().update(_settings)
