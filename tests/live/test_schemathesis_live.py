"""schemathesis against the live gunicorn server: every check, thousands of cases.

The in-process run (tests/contract/test_schemathesis.py) takes 25 examples per
operation; this one sends ``MAX_EXAMPLES`` per operation over real HTTP with
every check schemathesis has (``--checks all``: server errors, status codes,
media types, headers, schemas, negative data rejected, positive data accepted,
unsupported methods...) plus our own span check, and must find nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.live.server import LiveServer

MAX_EXAMPLES = 1000
SEED = 20261121
HERE = Path(__file__).parent


def test_schemathesis_finds_nothing_against_the_live_server(live: LiveServer) -> None:
    command = [
        *(sys.executable, "-m", "schemathesis.cli"),
        *("--config-file", str(HERE / "schemathesis.toml")),
        *("run", str(ROOT / "openapi.yaml"), "--url", live.base),
        *("--checks", "all", "--max-examples", str(MAX_EXAMPLES), "--seed", str(SEED)),
        *("--generation-database", "none", "--request-timeout", "60", "--no-color"),
    ]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.live.schemathesis_hooks",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-6000:]
    generated, passed = map(int, re.search(r"(\d+) generated, (\d+) passed", output).groups())
    assert generated == passed
    # Thousands of cases, not a token run (the count is in the README).
    assert generated >= 2000, output[-3000:]
    print(f"schemathesis: {generated} cases, all passed")
