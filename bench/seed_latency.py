"""Time to annotate each seed over HTTP with one gunicorn worker, and that worker's memory.

Usage (models as for the service):

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/seed_latency.py --runs 20

Starts ``python -m service serve --workers 1`` on a free loopback port, waits for
``/readyz``, sends each seed as text/plain ``--runs`` times (after two warm-up
calls), and prints the median and p95 latency per seed, the service's own
``meta.elapsed_ms`` median, and the worker's resident memory after warm-up and
its peak (VmHWM) at the end. With ``--corpus DIR`` it also sends the first 16
texts of DIR (default: the PolNeAR dev texts, when present) one by one and as
one batch, ``--runs`` // 5 times each, and prints the throughput ratio. The
machine is shared: read medians, not means.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def _memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of ``pid`` in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def _post(url: str, body: bytes) -> tuple[float, dict]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "text/plain; charset=utf-8"}
    )
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        payload = json.loads(response.read())
    return (time.perf_counter() - began) * 1000, payload


def _batch_versus_single(base: str, corpus: Path, runs: int) -> None:
    texts = [p.read_bytes() for p in sorted(corpus.iterdir())[:16]]
    batch = json.dumps({"documents": [{"text": t.decode("utf-8")} for t in texts]}).encode()
    single, together = [], []
    for _ in range(runs):
        began = time.perf_counter()
        for text in texts:
            _post(f"{base}/v1/annotate", text)
        single.append(time.perf_counter() - began)
        request = urllib.request.Request(
            f"{base}/v1/annotate/batch", data=batch, headers={"Content-Type": "application/json"}
        )
        began = time.perf_counter()
        with urllib.request.urlopen(request, timeout=300) as response:
            response.read()
        together.append(time.perf_counter() - began)
    one, many = statistics.median(single), statistics.median(together)
    chars = sum(len(t.decode("utf-8")) for t in texts)
    print(
        f"\n{len(texts)} texts of {corpus} ({chars} chars): one by one {one:.2f} s, "
        f"as one batch {many:.2f} s (median of {runs}); batch throughput x{one / many:.2f}"
    )


def main() -> int:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--torch-threads", type=int, default=None)
    default_corpus = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
    parser.add_argument("--corpus", type=Path, default=default_corpus)
    args = parser.parse_args()

    port = _free_port()
    command = [sys.executable, "-m", "service", "serve", "--port", str(port), "--workers", "1"]
    if args.torch_threads:
        command += ["--torch-threads", str(args.torch_threads)]
    master = subprocess.Popen(command, stderr=subprocess.DEVNULL, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.perf_counter()
        while True:
            if master.poll() is not None:
                raise SystemExit("the service exited; run `python -m service models check`")
            try:
                with urllib.request.urlopen(f"{base}/readyz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        ready_s = time.perf_counter() - started
        worker = _worker_pid(master.pid)
        rss_ready, _ = _memory_mb(worker)

        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, 1 worker")
        print(f"ready after {ready_s:.1f} s; worker RSS when ready {rss_ready:.0f} MiB\n")
        print("| seed | chars | median ms | p95 ms | service elapsed_ms median |")
        print("|---|---:|---:|---:|---:|")
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            body = seed.read_bytes()
            for _ in range(2):
                _post(f"{base}/v1/annotate", body)
            wall, inner = [], []
            for _ in range(args.runs):
                ms, payload = _post(f"{base}/v1/annotate", body)
                wall.append(ms)
                inner.append(payload["meta"]["elapsed_ms"])
            p95 = statistics.quantiles(wall, n=20)[-1] if len(wall) > 1 else wall[0]
            print(
                f"| {seed.name} | {payload['text_length']} | {statistics.median(wall):.1f} "
                f"| {p95:.1f} | {statistics.median(inner):.1f} |"
            )
        if args.corpus.is_dir():
            _batch_versus_single(base, args.corpus, max(1, args.runs // 5))
        rss, peak = _memory_mb(worker)
        print(f"\nworker RSS after the runs {rss:.0f} MiB, peak (VmHWM) {peak:.0f} MiB")
    finally:
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
