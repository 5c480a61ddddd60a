"""JSON logging: one object per line, with the request id when there is one."""

from __future__ import annotations

import contextvars
import json
import logging
import sys
import time
from typing import Any

#: The id of the request being handled in this context, or None outside requests.
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# Attributes every LogRecord has; anything else was passed through ``extra=`` and is logged.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object: time, level, logger, message and extras."""

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` as a single line of JSON."""
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        # Records made during a request carry its id (``_record_with_request_id``).
        rid = getattr(record, "request_id", None)
        if rid is not None:
            entry["request_id"] = rid
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


_make_record = logging.getLogRecordFactory()


def _record_with_request_id(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _make_record(*args, **kwargs)
    rid = request_id.get()
    if rid is not None:
        record.request_id = rid
    return record


# Stamp the id when a record is made, not when it is formatted: a handler may
# format later, after the request is over.
logging.setLogRecordFactory(_record_with_request_id)


class StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record is emitted.

    A plain StreamHandler keeps the stream it was built with, which breaks
    when stderr is swapped later (test capture, daemon threads outliving it).
    """

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # type: ignore[override]
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def logging_config(level: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` mapping that sends JSON lines to stderr.

    gunicorn takes the same mapping (``logconfig_dict``), so its own messages are
    JSON too.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stderr": {"()": StderrHandler, "formatter": "json"}},
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": ["stderr"], "propagate": False},
            # Our request log replaces gunicorn's access log.
            "gunicorn.access": {"level": "WARNING", "handlers": ["stderr"], "propagate": False},
            # stanza logs every processor it loads at INFO; keep it to warnings.
            "stanza": {"level": "WARNING"},
        },
    }


def configure_logging(level: str) -> None:
    """Send every log record of this process to stderr as JSON lines."""
    import logging.config

    logging.config.dictConfig(logging_config(level))
