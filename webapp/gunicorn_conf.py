"""gunicorn configuration for running FrameLab with gunicorn's own command:

    gunicorn -c python:webapp.gunicorn_conf 'webapp.app:create_app()'

The same settings as ``framelab serve``; ``FRAMELAB_HOST``, ``FRAMELAB_PORT`` and
``FRAMELAB_WORKERS`` change the address and the number of workers.
"""

from webapp import config
from webapp.serving import gunicorn_settings

_host, _port, _workers = config.server_address()
_settings = gunicorn_settings(host=_host, port=_port, workers=_workers)
globals().update(_settings)
