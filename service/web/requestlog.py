"""Request ids and one summary log line per request (never the article text)."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask
from flask import Response
from flask import g
from flask import request

from service.logs import request_id

log = logging.getLogger("service.request")

REQUEST_ID_HEADER = "X-Request-ID"
# A client's id is echoed only if it is short and plain, so it cannot forge log lines.
_CLIENT_ID = re.compile(r"[A-Za-z0-9._:@-]{1,128}")


def init_app(app: Flask) -> None:
    """Give every request an id and log one JSON line when it ends."""

    @app.before_request
    def _start() -> None:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = given if _CLIENT_ID.fullmatch(given) else uuid.uuid4().hex
        g.started = time.perf_counter()
        g.text_chars = None
        g.token = request_id.set(g.request_id)

    @app.after_request
    def _finish(response: Response) -> Response:
        rid = g.get("request_id")
        if rid is None:  # the request failed before _start ran
            return response
        response.headers[REQUEST_ID_HEADER] = rid
        extra = {
            "method": request.method,
            "route": request.url_rule.rule if request.url_rule else None,
            "path": request.path,
            "status": response.status_code,
            "ms": round((time.perf_counter() - g.started) * 1000, 1),
            "text_chars": g.get("text_chars"),
        }
        # A 500 is our bug; a 503 while models load is expected; 4xx are the client's.
        status = response.status_code
        level = logging.INFO
        if status >= 500:
            level = logging.ERROR if status == 500 else logging.WARNING
        log.log(level, "request", extra=extra)
        return response

    @app.teardown_request
    def _forget(_exc: BaseException | None) -> None:
        token = g.pop("token", None)
        if token is not None:
            request_id.reset(token)
