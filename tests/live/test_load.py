"""A short load test in CI: bench/load.py against the session's live server.

Four locust clients post the seeds and the PolNeAR dev articles for 45 seconds
after a warm-up; every answer must be a 200 with the right body, and the worker's
memory must stay flat. The long run (8 clients, 3 minutes) is ``bench/load.py``
on its own; its figures are in the README.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.live.server import LiveServer


def test_concurrent_clients_get_no_errors_and_memory_stays_flat(
    live: LiveServer, tmp_path: Path
) -> None:
    [worker] = live.worker_pids()
    report = tmp_path / "load.json"
    command = [
        *(sys.executable, str(ROOT / "bench" / "load.py"), "--url", live.base),
        *("--worker-pid", str(worker), "--users", "4", "--warm-up", "15", "--duration", "45"),
        *("--json", str(report)),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert report.exists(), done.stdout + done.stderr
    figures = json.loads(report.read_text())
    assert figures["all"]["failures"] == 0 and figures["warm_up_failures"] == 0, figures
    assert figures["all"]["requests"] >= 40, figures
    assert figures["memory_growth_percent"] <= 5.0, figures
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert live.worker_pids() == [worker], "the worker was replaced under load"
