"""Faults under a real gunicorn: killed workers, bad model directories, SIGTERM.

Each test starts its own server, since each breaks it on purpose.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.conftest import news_text
from tests.conftest import read_seed
from tests.invariants import check_annotation
from tests.live.server import LiveServer
from tests.live.server import linked_models

pytestmark = [pytest.mark.slow, pytest.mark.models]


def test_a_killed_worker_is_replaced_and_the_next_requests_succeed(
    model_dir: str, tmp_path: Path
) -> None:
    server = LiveServer.gunicorn(tmp_path / "log", model_dir=model_dir)
    try:
        server.wait_ready()
        [worker] = server.worker_pids()
        outcome: list[object] = []

        def in_flight() -> None:
            try:
                outcome.append(server.annotate(news_text(120_000), timeout=60).status)
            except OSError as exc:  # the connection dies with the worker
                outcome.append(exc)

        thread = threading.Thread(target=in_flight)
        thread.start()
        time.sleep(1.0)  # the request is being annotated
        os.kill(worker, signal.SIGKILL)
        thread.join(30)
        assert not thread.is_alive(), "the in-flight request hung after its worker died"
        assert outcome and isinstance(outcome[0], OSError), outcome

        server.wait_ready(seconds=120)
        [replacement] = server.worker_pids()
        assert replacement != worker
        text = read_seed(SEEDS[0])
        for _ in range(3):
            reply = server.annotate(text)
            assert reply.status == 200
            check_annotation(reply.json(), text)
    finally:
        assert server.stop() == 0


def _damage_ner(models: Path, keep_md5: bool) -> None:
    resources = json.loads((models / "resources.json").read_text())
    package = resources["en"]["default_processors"]["ner"]
    model = models / "en" / "ner" / f"{package}.pt"
    model.unlink()
    model.write_bytes(b"not a torch file" * 100)
    if not keep_md5:
        resources["en"]["ner"][package].pop("md5", None)
        (models / "resources.json").write_text(json.dumps(resources))


def _broken_models(kind: str, real: Path, tmp: Path) -> tuple[Path, str]:
    """A model directory broken in one way, and words /readyz must say about it."""
    if kind == "missing":
        return tmp / "nowhere", "does not exist"
    models = linked_models(real, tmp / "models", copied={"resources.json"})
    if kind == "no-resources":
        (models / "resources.json").unlink()
        return models, "resources.json is missing"
    if kind == "garbled-resources":
        (models / "resources.json").write_text("{not json")
        return models, "resources.json is unreadable"
    if kind == "model-file-missing":
        next((models / "en" / "ner").glob("*.pt")).unlink()
        return models, "is missing"
    if kind == "model-file-damaged":
        _damage_ner(models, keep_md5=True)
        return models, "is damaged"
    # A damaged file that no checksum catches: it fails only when torch loads it.
    _damage_ner(models, keep_md5=False)
    return models, "failed to load"


@pytest.mark.parametrize(
    "kind",
    [
        "missing",
        "no-resources",
        "garbled-resources",
        "model-file-missing",
        "model-file-damaged",
        "damaged-without-checksum",
    ],
)
def test_broken_models_leave_the_server_up_unready_and_saying_why(
    kind: str, model_dir: str, tmp_path: Path
) -> None:
    models, words = _broken_models(kind, Path(model_dir), tmp_path)
    server = LiveServer.gunicorn(tmp_path / "log", model_dir=str(models))
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.process.poll() is None, server.log()
            try:
                ready = server.request("GET", "/readyz", timeout=2)
                if "still loading" not in ready.json()["detail"]:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, server.log()
            time.sleep(0.2)
        assert ready.status == 503 and ready.media_type == "application/problem+json"
        assert words in ready.json()["detail"], ready.json()
        assert "Fix:" in ready.json()["detail"] or kind == "damaged-without-checksum"
        assert server.request("GET", "/healthz").status == 200
        reply = server.annotate("Tony Blair spoke.")
        assert reply.status == 503 and reply.headers["retry-after"] == "5"

        # No crash loop: the same worker stays, and the failure is logged once.
        workers = server.worker_pids()
        time.sleep(3)
        assert server.worker_pids() == workers and len(workers) == 1
        log = server.log()
        assert log.count("Booting worker") == 1, log
        ours = [line for line in log.splitlines() if '"logger": "service.' in line]
        assert sum('"level": "ERROR"' in line for line in ours) == 1, log
    finally:
        assert server.stop() == 0


def test_sigterm_lets_in_flight_requests_finish(model_dir: str, tmp_path: Path) -> None:
    server = LiveServer.gunicorn(tmp_path / "log", model_dir=model_dir)
    server.wait_ready()
    text = news_text(60_000)  # a few seconds of work
    outcome: list[object] = []

    def in_flight() -> None:
        try:
            reply = server.annotate(text, timeout=60)
            outcome.append((reply.status, reply.json()))
        except OSError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=in_flight)
    thread.start()
    time.sleep(1.0)
    began = time.monotonic()
    status = server.stop(signal.SIGTERM)
    thread.join(5)
    [(code, body)] = outcome
    assert code == 200
    check_annotation(body, text)
    assert status == 0
    assert time.monotonic() - began < 30  # inside gunicorn's graceful_timeout
    assert "Shutting down" in server.log()
