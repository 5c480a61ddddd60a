"""One JSON log line per request, with its id, and never the article text."""

from __future__ import annotations

import json
import logging

import pytest

from service.logs import JsonFormatter

MARKER_WORD = "Xylophonequartz"


def _request_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "service.request"]


def test_one_summary_line_per_request(client, caplog) -> None:
    caplog.set_level(logging.INFO)
    text = f"Angela Merkel met {MARKER_WORD} in Berlin."
    response = client.post("/v1/annotate", data=text, content_type="text/plain")
    (record,) = _request_lines(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert line["msg"] == "request"
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert line["route"] == "/v1/annotate"
    assert line["method"] == "POST"
    assert line["status"] == 200
    assert line["ms"] >= 0
    assert line["text_chars"] == len(text)


def test_article_text_never_reaches_the_log(client, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    text = f"{MARKER_WORD} spoke."
    client.post("/v1/annotate", data=text, content_type="text/plain")
    client.post("/v1/annotate", json={"text": text, "bogus": 1})
    client.post("/v1/annotate/batch", json={"documents": [{"text": text}, {"text": 5}]})
    formatter = JsonFormatter()
    assert caplog.records
    for record in caplog.records:
        assert MARKER_WORD not in formatter.format(record)


@pytest.mark.parametrize(
    ("given", "echoed"),
    [("abc-123", True), ("x" * 200, False), ("bad id; forged=1", False), ("", False)],
)
def test_client_request_id_is_echoed_only_when_plain(client, given: str, echoed: bool) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": given} if given else {})
    rid = response.headers["X-Request-ID"]
    assert (rid == given) is echoed
    assert rid


def test_unmatched_routes_are_logged_too(client, caplog) -> None:
    caplog.set_level(logging.INFO)
    client.get("/nowhere")
    (record,) = _request_lines(caplog)
    assert (record.status, record.route, record.path) == (404, None, "/nowhere")


def test_formatter_writes_one_json_object_per_line() -> None:
    record = logging.makeLogRecord({"msg": "hello\nworld", "levelname": "INFO", "name": "x"})
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["msg"] == "hello\nworld"
