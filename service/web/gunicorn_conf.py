"""gunicorn configuration, from the same ``ANNOTATE_*`` settings as everything else.

Used as ``gunicorn -c python:service.web.gunicorn_conf``. There is no
``preload_app``: stanza and torch loaded before fork hang the workers
(stanza#570), so each worker loads its own pipeline in ``service.web.wsgi``.
"""

import os

from gunicorn import util

from service.logs import logging_config
from service.settings import Settings
from service.web.problems import PROBLEM_MEDIA_TYPE
from service.web.schemas import problem_body
from service.web.schemas import to_json

_settings = Settings.from_env()

wsgi_app = "service.web.wsgi:app"
bind = [_settings.bind]
workers = _settings.workers
worker_class = "gthread"
threads = _settings.threads
# Requests stop themselves at ANNOTATE_TIMEOUT (service.nlp.budget); gunicorn's own
# timeout only restarts a worker whose main loop has hung, so it is set well above that.
timeout = _settings.timeout + 30
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


def _write_problem(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's own answer to a request it cannot parse, as problem+json, not HTML.

    gunicorn answers malformed HTTP (a bad request line or header, an oversized
    header, a bad chunk) itself, before the app sees it, through this one
    function; replacing it keeps every error the service sends in one format.
    """
    detail = mesg or "The server could not handle this request; it has been logged."
    body = to_json(problem_body(status_int, detail)).encode("utf-8")
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: {PROBLEM_MEDIA_TYPE}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


# Set in the master before the workers fork, so every worker answers this way.
util.write_error = _write_problem
