"""gunicorn configuration, from the same ``ANNOTATE_*`` settings as everything else.

Used as ``gunicorn -c python:service.web.gunicorn_conf``. There is no
``preload_app``: stanza and torch loaded before fork hang the workers
(stanza#570), so each worker loads its own pipeline in ``service.web.wsgi``.
"""

import os

from service.logs import logging_config
from service.settings import Settings

_settings = Settings.from_env()

wsgi_app = "service.web.wsgi:app"
bind = [_settings.bind]
workers = _settings.workers
worker_class = "gthread"
threads = _settings.threads
timeout = _settings.timeout
graceful_timeout = 30
keepalive = 5
preload_app = False
# Our own request log (service.web.requestlog) replaces gunicorn's access log.
accesslog = None
errorlog = "-"
loglevel = _settings.log_level.lower()
logconfig_dict = logging_config(_settings.log_level)
# A heartbeat file on disk can stall under container I/O limits; use memory when there is some.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# gunicorn's runtime control socket lives at one path per user ($HOME/.gunicorn), so two
# services on one machine would collide; nothing here uses it.
control_socket_disable = True
