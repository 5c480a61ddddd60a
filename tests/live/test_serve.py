"""``python -m service serve`` under a real gunicorn, on loopback."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.conftest import read_seed
from tests.invariants import check_annotation
from tests.live.server import LiveServer
from tests.live.server import free_port
from tests.live.server import http_request

pytestmark = [pytest.mark.slow, pytest.mark.models]


def test_serve_flags_win_over_environment_and_logs_are_json(model_dir, tmp_path: Path) -> None:
    port, other = free_port(), free_port()
    env = {**os.environ, "ANNOTATE_PORT": str(other), "ANNOTATE_MODEL_DIR": model_dir}
    env["ANNOTATE_WORKERS"] = "1"
    command = [sys.executable, "-m", "service", "serve", "--port", str(port), "--threads", "2"]
    server = LiveServer(command, env, tmp_path / "log", port=port)
    try:
        server.wait_ready()
        assert server.request("GET", "/healthz").status == 200
        text = read_seed(SEEDS[0])
        headers = {"Content-Type": "text/plain; charset=utf-8", "X-Request-ID": "serve-test-1"}
        reply = server.request("POST", "/v1/annotate", text.encode("utf-8"), headers)
        assert reply.headers["x-request-id"] == "serve-test-1"
        body = reply.json()
        check_annotation(body, text)
        assert body["entities"]
        with pytest.raises(OSError):
            http_request(other, "GET", "/healthz", timeout=1)
    finally:
        status = server.stop()

    assert status == 0
    log = server.log()
    lines = [json.loads(line) for line in log.splitlines() if line.strip()]
    requests = [line for line in lines if line["msg"] == "request"]
    annotate = [line for line in requests if line["route"] == "/v1/annotate"]
    assert annotate == [
        {**annotate[0], "request_id": "serve-test-1", "status": 200, "text_chars": len(text)}
    ]
    assert any(line["msg"] == "models loaded" for line in lines)
    # The article itself never reaches the log.
    assert text.splitlines()[1] not in log
