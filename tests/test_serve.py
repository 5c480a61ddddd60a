"""``python -m service serve`` under a real gunicorn, on loopback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import SEEDS
from tests.conftest import read_seed
from tests.invariants import check_annotation

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 5) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_ready(base: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited before it was ready"
        try:
            if get(f"{base}/readyz", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{base}/readyz never answered 200")


def stop(process: subprocess.Popen) -> tuple[int, str]:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return process.returncode, err


def test_serve_flags_win_over_environment_and_logs_are_json(model_dir) -> None:
    port, other = free_port(), free_port()
    env = {**os.environ, "ANNOTATE_PORT": str(other), "ANNOTATE_MODEL_DIR": model_dir}
    env["ANNOTATE_WORKERS"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "service", "serve", "--port", str(port), "--threads", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process)
        assert get(f"{base}/healthz")[0] == 200
        text = read_seed(SEEDS[0])
        request = urllib.request.Request(
            f"{base}/v1/annotate",
            data=text.encode("utf-8"),
            headers={"Content-Type": "text/plain; charset=utf-8", "X-Request-ID": "serve-test-1"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.headers["X-Request-ID"] == "serve-test-1"
            body = json.loads(response.read())
        check_annotation(body, text)
        assert body["entities"]
        with pytest.raises(OSError):
            get(f"http://127.0.0.1:{other}/healthz", timeout=1)
    finally:
        status, err = stop(process)

    assert status == 0
    lines = [json.loads(line) for line in err.splitlines() if line.strip()]
    requests = [line for line in lines if line["msg"] == "request"]
    annotate = [line for line in requests if line["route"] == "/v1/annotate"]
    assert annotate == [
        {**annotate[0], "request_id": "serve-test-1", "status": 200, "text_chars": len(text)}
    ]
    assert any(line["msg"] == "models loaded" for line in lines)
    # The article itself never reaches the log.
    assert text.splitlines()[1] not in err


def test_worker_without_models_stops_gunicorn_with_the_fix(tmp_path) -> None:
    missing = tmp_path / "no-models"
    env = {**os.environ, "ANNOTATE_MODEL_DIR": str(missing), "ANNOTATE_PORT": str(free_port())}
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "python:service.web.gunicorn_conf"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert f"{missing} does not exist" in done.stderr
    assert "python -m service models download" in done.stderr
