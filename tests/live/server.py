"""A real gunicorn server on loopback for tests: start, wait until ready, talk HTTP, stop.

Everything here speaks plain HTTP through ``http.client``, so the tests see
exactly what a client would: status, headers and bytes, with nothing between.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The container's entrypoint, as a module run by this interpreter.
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "python:service.web.gunicorn_conf"]


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Reply:
    """One HTTP answer: status, headers (lower-case names), body and seconds taken."""

    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    def json(self) -> Any:
        return json.loads(self.body)


def http_request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> Reply:
    """Send one request to ``127.0.0.1:port`` and read the whole answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    began = time.monotonic()
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    headers_seen = {name.lower(): value for name, value in response.getheaders()}
    return Reply(response.status, headers_seen, data, time.monotonic() - began)


class LiveServer:
    """A server process started from ``command`` with ``env``, logging to ``log_path``.

    It listens on ``port``, by default the ``ANNOTATE_PORT`` of ``env``.
    """

    def __init__(
        self,
        command: list[str],
        env: dict[str, str],
        log_path: Path,
        port: int | None = None,
    ) -> None:
        self.port = port or int(env["ANNOTATE_PORT"])
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            command, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    @classmethod
    def gunicorn(cls, log_path: Path, **settings: str) -> LiveServer:
        """gunicorn as the container runs it, with ``ANNOTATE_*`` settings on top of ours."""
        # The developer's own ANNOTATE_* variables must not change what is tested.
        env = {k: v for k, v in os.environ.items() if not k.startswith("ANNOTATE_")}
        env.update(ANNOTATE_PORT=str(free_port()), ANNOTATE_WORKERS="1")
        env.update({f"ANNOTATE_{name.upper()}": value for name, value in settings.items()})
        return cls(GUNICORN, env, log_path)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> Reply:
        return http_request(self.port, method, path, body, headers, timeout)

    def post_json(self, path: str, body: Any, timeout: float = 60) -> Reply:
        data = json.dumps(body).encode("utf-8")
        return self.request("POST", path, data, {"Content-Type": "application/json"}, timeout)

    def annotate(self, text: str, timeout: float = 60) -> Reply:
        return self.post_json("/v1/annotate", {"text": text}, timeout)

    def wait_ready(self, seconds: float = 120) -> None:
        """Block until ``/readyz`` answers 200; fail if the process exits first."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server exited early:\n{self.log()}"
            try:
                if self.request("GET", "/readyz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{self.base}/readyz never answered 200:\n{self.log()}")

    def worker_pids(self) -> list[int]:
        """The pids of the master's child processes (the gunicorn workers)."""
        children = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name may hold spaces and brackets; the fields after it do not.
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.process.pid:
                children.append(int(entry.name))
        return sorted(children)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        """Send ``sig`` to the master, wait for it to exit and return its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        return self.process.returncode

    def log(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def rss_kib(pid: int) -> int:
    """Resident memory of a process, in KiB, from ``/proc``."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for {pid}")


def linked_models(source: Path, target: Path, copied: Collection[str] = ()) -> Path:
    """A model directory of links to ``source``'s files, so a file written there would show.

    Files named in ``copied`` are copies instead, safe to edit or damage.
    """
    for path in source.rglob("*"):
        if path.is_file():
            link = target / path.relative_to(source)
            link.parent.mkdir(parents=True, exist_ok=True)
            if path.name in copied:
                link.write_bytes(path.read_bytes())
            else:
                link.symlink_to(path)
    return target
