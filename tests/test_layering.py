"""The NLP core and the command line never load the web stack."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("service.nlp", ["flask", "werkzeug", "marshmallow"]),
        ("service.cli", ["flask", "werkzeug"]),
        ("service.web.schemas", ["flask", "werkzeug"]),
        ("service", ["flask", "werkzeug", "marshmallow", "stanza", "torch"]),
    ],
)
def test_importing_loads_nothing_it_should_not(module: str, forbidden: list[str]) -> None:
    code = f"import sys, {module}; print(','.join(m for m in {forbidden!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "", f"{module} loaded {done.stdout.strip()}"
