"""Load test: concurrent clients against gunicorn on loopback, with locust.

Starts the service as the container does (gunicorn, ``ANNOTATE_*`` settings),
sends every text once and the longest as one batch, runs ``--warm-up`` seconds
of the same load unmeasured, takes each worker's
resident memory, then lets ``--users`` locust clients (bench/locustfile.py) post the seeds and the
PolNeAR dev articles as fast as the answers come, for ``--duration`` seconds or
``--max-requests`` requests, whichever ends first. Memory is sampled every
second during the run.

Reports requests, failures (anything but a 200 with the right ``text_length``),
throughput, latency percentiles per route, and worker memory after warm-up, at
the peak and at the end. Exits 1 if any request failed, any 5xx reached the
server log, or a worker's memory grew by more than ``--max-growth`` percent.

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/load.py

runs the documented load test (8 clients, 3 minutes); the test suite runs a
short one (tests/live/test_load.py) against its own server with ``--url``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"
PERCENTILES = (50, 90, 95, 99)

sys.path.insert(0, str(ROOT))

from tests.live.server import LiveServer  # noqa: E402
from tests.live.server import http_request  # noqa: E402
from tests.live.server import rss_kib  # noqa: E402


def corpus(limit: int | None = None) -> list[str]:
    """The seeds, then the PolNeAR dev articles (when ../shared is there), as sent."""
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    if POLNEAR_DEV.is_dir():
        paths += sorted(POLNEAR_DEV.rglob("*.txt"))
    texts = [path.read_bytes().decode("utf-8") for path in paths]
    return texts[:limit] if limit else texts


def percentile(histogram: dict[str, int], share: float) -> float:
    """The ``share`` percentile of locust's histogram of rounded milliseconds."""
    points = sorted((float(ms), count) for ms, count in histogram.items())
    total = sum(count for _, count in points)
    seen = 0
    for ms, count in points:
        seen += count
        if seen >= share / 100 * total:
            return ms
    return points[-1][0] if points else 0.0


def summarise(stats: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    """Requests, failures, throughput and latency percentiles, per route and in all."""
    routes = {}
    merged: dict[str, int] = {}
    for entry in stats:
        histogram = entry["response_times"]
        for ms, count in histogram.items():
            merged[ms] = merged.get(ms, 0) + count
        routes[f"{entry['method']} {entry['name']}"] = _figures(
            entry["num_requests"], entry["num_failures"], histogram, entry["max_response_time"]
        )
    requests = sum(e["num_requests"] for e in stats)
    failures = sum(e["num_failures"] for e in stats)
    longest = max((e["max_response_time"] for e in stats), default=0)
    return {
        "seconds": round(seconds, 1),
        "all": _figures(requests, failures, merged, longest),
        "requests_per_s": round(requests / seconds, 2) if seconds else 0.0,
        "routes": routes,
    }


def _figures(requests: int, failures: int, histogram: dict[str, int], longest: float) -> dict:
    figures = {"requests": requests, "failures": failures}
    figures.update({f"p{p}_ms": percentile(histogram, p) for p in PERCENTILES})
    figures["max_ms"] = round(longest)
    return figures


class MemorySampler(threading.Thread):
    """Samples the resident memory of ``pids`` every second until stopped."""

    def __init__(self, pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.pids = pids
        self.peak = {pid: 0 for pid in pids}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(1.0):
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], rss_kib(pid))


def prime(base: str, texts: list[str], batch: int = 4) -> None:
    """Send every text once, then the longest ones as one batch: the largest shapes first."""
    port = int(base.rsplit(":", 1)[1])
    longest = sorted(texts, key=len)[-batch:]
    bodies = [("/v1/annotate", {"text": text}) for text in texts]
    bodies.append(("/v1/annotate/batch", {"documents": [{"text": t} for t in longest]}))
    for path, body in bodies:
        data = json.dumps(body).encode("utf-8")
        reply = http_request(port, "POST", path, data, {"Content-Type": "application/json"})
        if reply.status != 200:
            raise SystemExit(f"warm-up request failed with {reply.status}: {reply.body[:300]!r}")


def run_locust(
    base: str, texts_file: Path, users: int, seconds: int, max_requests: int, out: Path
) -> float:
    """Run locust headless; its stats go to ``out``. Returns the seconds it ran."""
    command = [
        *(sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py")),
        *("--headless", "--only-summary", "--host", base, "--users", str(users)),
        *("--spawn-rate", str(users), "--run-time", f"{seconds}s"),
        *("--stop-timeout", "120", "--json-file", str(out.with_suffix(""))),
        *("--texts-file", str(texts_file), "--max-requests", str(max_requests)),
        "--skip-log-setup",
    ]
    began = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - began
    if not out.exists():
        raise SystemExit(
            f"locust wrote no results (exit {done.returncode}):\n{done.stderr[-3000:]}"
        )
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="Test this server instead of starting one.")
    parser.add_argument(
        "--worker-pid", type=int, action="append", help="With --url: a worker to watch."
    )
    parser.add_argument("--workers", type=int, default=1, help="Workers of the started server.")
    parser.add_argument("--users", type=int, default=8, help="Concurrent clients.")
    parser.add_argument("--warm-up", type=int, default=60, help="Seconds of unmeasured load first.")
    parser.add_argument("--duration", type=int, default=180, help="Seconds of load, at most.")
    parser.add_argument("--max-requests", type=int, default=0, help="Requests, at most (0: any).")
    parser.add_argument("--texts", type=int, default=0, help="Use only the first N texts.")
    parser.add_argument("--max-growth", type=float, default=5.0, help="Allowed memory growth, %%.")
    parser.add_argument("--json", type=Path, help="Also write the report here.")
    args = parser.parse_args(argv)

    texts = corpus(args.texts or None)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        texts_file = tmp_dir / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        server = None
        if args.url:
            base, pids = args.url.rstrip("/"), args.worker_pid or []
        else:
            model_dir = os.environ.get("ANNOTATE_MODEL_DIR") or os.environ.get(
                "STANZA_RESOURCES_DIR"
            )
            if not model_dir:
                raise SystemExit("Set STANZA_RESOURCES_DIR (or ANNOTATE_MODEL_DIR) to the models.")
            server = LiveServer.gunicorn(
                tmp_dir / "gunicorn.log", model_dir=model_dir, workers=str(args.workers)
            )
            server.wait_ready()
            base, pids = server.base, server.worker_pids()
        try:
            # Every text and the largest batch once, then the same load unmeasured: memory
            # grows until every shape has been seen, and "flat" is about what comes after.
            prime(base, texts)
            warm = tmp_dir / "warm-up.json"
            run_locust(base, texts_file, args.users, args.warm_up, 0, warm)
            warm_failures = sum(e["num_failures"] for e in json.loads(warm.read_text()))
            before = {pid: rss_kib(pid) for pid in pids}
            sampler = MemorySampler(pids)
            sampler.start()
            seconds = run_locust(
                base,
                texts_file,
                args.users,
                args.duration,
                args.max_requests,
                tmp_dir / "locust.json",
            )
            sampler.stopped.set()
            after = {pid: rss_kib(pid) for pid in pids}
            stats = json.loads((tmp_dir / "locust.json").read_text())
            server_errors = _server_errors(server.log()) if server else None
        finally:
            if server:
                server.stop()

    report = summarise(stats, seconds)
    report.update(
        users=args.users,
        texts=len(texts),
        warm_up_failures=warm_failures,
        server_5xx=server_errors,
        memory_kib={
            str(pid): {"after_warm_up": before[pid], "peak": sampler.peak[pid], "end": after[pid]}
            for pid in pids
        },
    )
    growth = max((after[p] / before[p] - 1) * 100 for p in pids) if pids else 0.0
    report["memory_growth_percent"] = round(growth, 2)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    failures = report["all"]["failures"] + warm_failures + (server_errors or 0)
    failed = failures > 0 or growth > args.max_growth
    return 1 if failed else 0


def _server_errors(log: str) -> int:
    """5xx answers in the server's request log; /readyz says 503 while loading, by design."""
    lines = (json.loads(line) for line in log.splitlines() if line.startswith("{"))
    requests = (line for line in lines if line.get("msg") == "request")
    return sum(1 for line in requests if line["status"] >= 500 and line["path"] != "/readyz")


if __name__ == "__main__":
    sys.exit(main())
