"""Throughput of the service against raw stanza, batch gains, cost by length, memory, startup.

Usage (models as for the service; about 5 minutes on 2 cores, ``--quick`` about 1.5):

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/throughput.py \\
        [--quick] [--json out.json] [--only SECTIONS] [--requests N]

Everything is measured on this machine in one run:

- **service vs raw stanza**: the seeds and the PolNeAR dev texts annotated by a plain
  ``stanza.Pipeline`` (tokenize, mwt, ner; built by ``service.nlp.loader``), by the in-process
  annotator (``load_annotator``; with and without building the JSON body), and by the service
  over HTTP (``python -m service serve``, one gunicorn worker). The three are interleaved text by
  text, so a neighbour's load falls on all of them alike. Headline: service throughput over raw
  stanza throughput (target at least 0.9).
- **batch**: the 16 shortest PolNeAR dev texts one by one versus as one batch, for raw stanza,
  the annotator and ``POST /v1/annotate/batch`` (target: batch at least 2x).
- **length**: 1k, 10k, 100k and 200k-character texts built from the PolNeAR dev texts, cut at
  a paragraph or sentence end: time per character (target: 100k within 1.2x of 1k) and the
  worker's peak memory, plus where the in-process time goes at each length.
- **memory**: the worker's RSS after warm-up, 100 and 1,000 short requests (target: flat within
  5% from 100 to 1,000), and the RSS of two workers together.
- **startup**: process start to the first ``/readyz`` 200.
- **profile**: the shares of tokenizer, MWT, NER, our own steps, JSON and HTTP.

With ``--tuning`` (about 5 minutes) it instead runs the experiments behind
``bench/PERFORMANCE.md``: stanza options (tokenizer and NER batch sizes, ``tokenize_no_ssplit``,
``tokenize_pretokenized`` after a regex tokenizer, no MWT) with their agreement with the default
output, torch threads, batch gains by text length, a long text whole or in chunks, and workers
and torch threads of the service under one and two concurrent clients.

The machine may be shared: read medians and ratios, not single timings.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import http.client
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
COMMAND = (
    "STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/throughput.py "
    "[--quick] [--json out.json]"
)
LENGTHS = (1_000, 10_000, 100_000, 200_000)
SECTIONS = ("throughput", "batch", "length", "memory", "workers")
TUNING_SECTIONS = ("options", "threads", "batch", "long", "workers")

# ---------------------------------------------------------------- pure helpers (tested)


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) with linear interpolation between ranks.

    The same definition as numpy's default and ``statistics.quantiles(method="inclusive")``.

    Raises:
        ValueError: no values, or ``q`` outside 0-100.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0-100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    """The median (the 50th percentile)."""
    return percentile(values, 50)


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, or NaN when the denominator is zero."""
    return numerator / denominator if denominator else float("nan")


@dataclass
class Timings:
    """Per-call times (seconds) of one way of annotating a set of texts."""

    seconds: list[float] = field(default_factory=list)
    tokens: int = 0
    chars: int = 0

    def add(self, seconds: float, tokens: int, chars: int) -> None:
        """Record one call that annotated ``tokens`` tokens in ``chars`` characters."""
        self.seconds.append(seconds)
        self.tokens += tokens
        self.chars += chars

    def summary(self) -> dict[str, float]:
        """Calls, articles/s, tokens/s, characters/s, median and p95 latency in ms."""
        total = sum(self.seconds)
        return {
            "calls": len(self.seconds),
            "seconds": total,
            "articles_per_s": ratio(len(self.seconds), total),
            "tokens_per_s": ratio(self.tokens, total),
            "chars_per_s": ratio(self.chars, total),
            "median_ms": median(self.seconds) * 1000,
            "p95_ms": percentile(self.seconds, 95) * 1000,
        }


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
# A sentence end: terminal punctuation, any closing quotes or brackets, then whitespace.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s)")


def cut_at_boundary(text: str, limit: int, min_fill: float = 0.9) -> str:
    """``text`` cut to at most ``limit`` characters at a paragraph or sentence end.

    The last paragraph end within the limit wins if it keeps at least ``min_fill`` of
    ``limit``; otherwise the last sentence end; otherwise the last whitespace; otherwise
    a plain cut. Trailing whitespace is dropped. A text within the limit is returned whole.
    """
    if len(text) <= limit:
        return text
    window = text[: limit + 1]
    paragraphs = [m.start() for m in _PARAGRAPH_BREAK.finditer(window) if m.start() > 0]
    if paragraphs and paragraphs[-1] >= min_fill * limit:
        return text[: paragraphs[-1]].rstrip()
    sentences = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() <= limit]
    if sentences:
        return text[: sentences[-1]]
    spaces = [i for i, char in enumerate(window) if char.isspace() and i > 0]
    if spaces:
        return text[: spaces[-1]].rstrip()
    return text[:limit]


def build_text(texts: Sequence[str], target: int, separator: str = "\n\n") -> str:
    """Join ``texts`` (stripped) with ``separator`` up to ``target`` characters, cut at a boundary.

    Shorter than ``target`` only by the cut, or when all the texts together are shorter.
    """
    parts: list[str] = []
    length = 0
    for text in texts:
        if length > target:
            break
        parts.append(text.strip())
        length += len(parts[-1]) + len(separator)
    return cut_at_boundary(separator.join(parts), target)


def md_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], align: str = "") -> str:
    """A Markdown table; ``align`` holds one ``l`` or ``r`` per column (default: all ``l``)."""
    align = align or "l" * len(headers)
    if len(align) != len(headers) or any(len(row) != len(headers) for row in rows):
        raise ValueError("every row and the alignment need one entry per header")
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = [headers, rule, *[[str(cell) for cell in row] for row in rows]]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def fmt(value: float | None, digits: int = 1) -> str:
    """A number with ``digits`` decimals and thousands separators; ``n/a`` for None or NaN."""
    if value is None or value != value:
        return "n/a"
    return f"{value:,.{digits}f}"


def verdict(value: float | None, goal: float, at_least: bool = True) -> str:
    """``met`` or ``not met`` for ``value`` against ``goal``; ``n/a`` when not measured."""
    if value is None or value != value:
        return "n/a"
    return "met" if (value >= goal if at_least else value <= goal) else "not met"


def shares(parts: dict[str, float]) -> list[tuple[str, float, float]]:
    """``(name, seconds, share of the total)`` for each part, in the given order.

    Negative parts (differences of noisy timings) count as zero.
    """
    clean = {name: max(0.0, seconds) for name, seconds in parts.items()}
    total = sum(clean.values())
    return [(name, seconds, ratio(seconds, total)) for name, seconds in clean.items()]


def parse_proc_status(text: str) -> dict[str, float]:
    """VmRSS and VmHWM (MiB) from the text of ``/proc/<pid>/status``."""
    found = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def parse_pss(text: str) -> float | None:
    """The Pss (MiB) from the text of ``/proc/<pid>/smaps_rollup``, if it has one."""
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key == "Pss":
            return int(value.split()[0]) / 1024
    return None


def paired_speed(base: Sequence[float], other: Sequence[float]) -> float:
    """The median over calls of ``base[i] / other[i]``: ``other``'s speed relative to ``base``.

    For times of the same texts, call by call; robust to a neighbour's load spike that
    hits a few calls of one path, which a ratio of sums is not.

    Raises:
        ValueError: the sequences differ in length or are empty.
    """
    if len(base) != len(other) or not base:
        raise ValueError("paired times need the same, non-zero number of calls")
    return median([ratio(b, o) for b, o in zip(base, other, strict=True)])


def parse_pressure(text: str) -> float | None:
    """The ``some avg60`` share (percent) from the text of ``/proc/pressure/cpu``.

    The share of the last minute in which some runnable task waited for a CPU: how
    much a neighbour's load may have slowed the run.
    """
    for line in text.splitlines():
        kind, *fields = line.split()
        if kind == "some":
            values = dict(f.split("=", 1) for f in fields)
            return float(values["avg60"]) if "avg60" in values else None
    return None


def _cpu_pressure() -> str:
    try:
        value = parse_pressure(Path("/proc/pressure/cpu").read_text())
    except OSError:
        value = None
    return "n/a" if value is None else f"{value:.0f}%"


def growth(before: float, after: float) -> float:
    """Relative growth from ``before`` to ``after`` (0.05 is 5%)."""
    return ratio(after - before, before)


def f1(reference: set[Any], other: set[Any]) -> float:
    """F1 of ``other`` against ``reference`` (1.0 when both are empty)."""
    if not reference and not other:
        return 1.0
    both = len(reference & other)
    return ratio(2 * both, len(reference) + len(other))


# A token for the regex tokenizer experiment: initialisms (U.S.), numbers with inner
# separators, words with inner apostrophes (Clinton's), else one non-space character.
_REGEX_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,:]\d+)*|\w+(?:['\u2019]\w+)*|\S")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_CLOSERS = frozenset("\"')]\u201d\u2019")


def regex_sentences(text: str) -> list[list[tuple[int, int]]]:
    """A cheap stand-in for stanza's tokenizer: sentences of ``(start, end)`` token spans.

    A sentence ends after ``.``, ``!`` or ``?`` (and any closing quotes) when the next
    token starts with a capital or opens a quote, and at every line break. A straight
    quote opens when it follows whitespace (or starts the text) and precedes a non-space.
    """
    tokens = [(m.start(), m.end()) for m in _REGEX_TOKEN.finditer(text)]

    def opens(index: int) -> bool:
        start, end = tokens[index]
        word = text[start:end]
        if word == "\u201c":
            return True
        before = start == 0 or text[start - 1].isspace()
        after = end < len(text) and not text[end].isspace()
        return word in "\"'" and before and after

    def closes(index: int) -> bool:
        start, end = tokens[index]
        return text[start:end] in _CLOSERS and not opens(index)

    sentences: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    terminal = False  # the sentence so far ends in . ! or ? (and closers)
    for index, (start, end) in enumerate(tokens):
        if current and "\n" in text[current[-1][1] : start]:
            sentences.append(current)
            current, terminal = [], False
        elif terminal and not closes(index) and (text[start].isupper() or opens(index)):
            sentences.append(current)
            current = []
        current.append((start, end))
        word = text[start:end]
        terminal = word in ".!?" or (terminal and closes(index))
    if current:
        sentences.append(current)
    return sentences


def paragraph_chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """``text`` split at line breaks into ``(offset, chunk)`` pieces of at most ``limit``.

    Lines are packed greedily; a line longer than ``limit`` is a chunk of its own. Each
    chunk is ``text[offset:offset + len(chunk)]``.
    """
    breaks = list(_LINE_BREAKS.finditer(text))
    starts = [0, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), len(text)]
    chunks: list[tuple[int, str]] = []
    chunk_start = chunk_end = None
    for start, end in zip(starts, ends, strict=True):
        if chunk_start is not None and end - chunk_start > limit:
            chunks.append((chunk_start, text[chunk_start:chunk_end]))
            chunk_start = None
        if chunk_start is None:
            chunk_start = start
        chunk_end = end
    if chunk_start is not None:
        chunks.append((chunk_start, text[chunk_start:chunk_end]))
    return chunks


# ---------------------------------------------------------------- processes and HTTP


def _memory(pid: int) -> dict[str, float | None]:
    status = parse_proc_status(Path(f"/proc/{pid}/status").read_text())
    try:
        pss = parse_pss(Path(f"/proc/{pid}/smaps_rollup").read_text())
    except OSError:
        pss = None
    return {"rss_mib": status["VmRSS"], "peak_mib": status["VmHWM"], "pss_mib": pss}


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return sorted(found)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One keep-alive HTTP connection to the service."""

    def __init__(self, port: int) -> None:
        self._port = port
        self._conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def post(self, path: str, body: bytes, content_type: str) -> tuple[float, bytes]:
        """POST ``body``; (seconds until the whole response was read, the response body).

        A connection the server closed while idle is reopened once; only the attempt
        that succeeds is timed.
        """
        headers = {"Content-Type": content_type}
        for attempt in range(2):
            try:
                began = time.perf_counter()
                self._conn.request("POST", path, body=body, headers=headers)
                response = self._conn.getresponse()
                data = response.read()
                seconds = time.perf_counter() - began
            except (http.client.RemoteDisconnected, ConnectionError, BrokenPipeError):
                self._conn.close()
                self._conn = http.client.HTTPConnection("127.0.0.1", self._port, timeout=600)
                if attempt:
                    raise
                continue
            if response.status != 200:
                raise RuntimeError(f"POST {path}: {response.status} {data[:300]!r}")
            return seconds, data
        raise AssertionError("not reached")

    def annotate(self, text: str) -> tuple[float, float]:
        """Annotate ``text`` as text/plain; (wall seconds, the service's ``elapsed_ms`` in s)."""
        seconds, data = self.post("/v1/annotate", text.encode("utf-8"), "text/plain; charset=utf-8")
        return seconds, json.loads(data)["meta"]["elapsed_ms"] / 1000

    def batch(self, texts: Sequence[str]) -> float:
        """Annotate ``texts`` in one ``/v1/annotate/batch`` call; wall seconds."""
        documents = [{"id": str(i), "text": t} for i, t in enumerate(texts)]
        body = json.dumps({"documents": documents}, ensure_ascii=False).encode("utf-8")
        seconds, data = self.post("/v1/annotate/batch", body, "application/json")
        results = json.loads(data)["results"]
        if any("error" in r for r in results):
            raise RuntimeError("a batch document failed")
        return seconds

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


class Server:
    """``python -m service serve`` as a subprocess on a free loopback port."""

    def __init__(self, workers: int = 1, torch_threads: int = 1, threads: int = 2) -> None:
        self.port = _free_port()
        self.workers = workers
        self._log = tempfile.NamedTemporaryFile(prefix="throughput-", suffix=".log")  # noqa: SIM115
        env = {
            **os.environ,
            "ANNOTATE_HOST": "127.0.0.1",
            "ANNOTATE_PORT": str(self.port),
            "ANNOTATE_WORKERS": str(workers),
            "ANNOTATE_THREADS": str(threads),
            "ANNOTATE_TORCH_THREADS": str(torch_threads),
            "ANNOTATE_LOG_LEVEL": "INFO",  # the per-worker "models loaded" line is INFO
        }
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service", "serve"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        self.ready_s = self._wait_ready()
        self.all_ready_s = self._wait_all_workers()

    def _fail(self, why: str) -> None:
        tail = Path(self._log.name).read_text(errors="replace")[-3000:]
        self.stop()
        raise SystemExit(f"{why}; its log ends:\n{tail}")

    def _wait_ready(self, timeout: float = 300) -> float:
        while time.perf_counter() - self.started < timeout:
            if self.process.poll() is not None:
                self._fail("the service exited; run `python -m service models check`")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", "/readyz")
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                pass
            finally:
                conn.close()
            time.sleep(0.05)
        self._fail("the service was not ready in time")
        raise AssertionError("not reached")

    def _wait_all_workers(self, timeout: float = 300) -> float:
        # Each worker logs "models loaded" once; /readyz answers from whichever worker
        # accepts the connection, so it cannot tell that all of them are ready.
        while time.perf_counter() - self.started < timeout:
            log = Path(self._log.name).read_text(errors="replace")
            if log.count('"models loaded"') >= self.workers:
                return time.perf_counter() - self.started
            time.sleep(0.05)
        self._fail("not every worker loaded its models in time")
        raise AssertionError("not reached")

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the master's children."""
        return _children(self.process.pid)

    def memory(self) -> dict[str, Any]:
        """The master's and each worker's memory, and their totals."""
        master = _memory(self.process.pid)
        workers = [_memory(pid) for pid in self.worker_pids()]
        everyone = [master, *workers]
        pss = [m["pss_mib"] for m in everyone]
        return {
            "master": master,
            "workers": workers,
            "total_rss_mib": sum(m["rss_mib"] for m in everyone),
            "total_pss_mib": None if None in pss else sum(pss),
        }

    def client(self) -> Client:
        """A new keep-alive client."""
        return Client(self.port)

    def stop(self) -> None:
        """SIGTERM the master and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is not None:  # say what the service logged before it failed us
            tail = Path(self._log.name).read_text(errors="replace")[-3000:]
            exited = self.process.poll()
            print(f"the service (exit status {exited}) logged last:\n{tail}", file=sys.stderr)
        self.stop()


# ---------------------------------------------------------------- in-process timing


class StageTimer:
    """Adds up the time spent in wrapped callables, per mode and stage name.

    Only time spent while ``mode`` is set is recorded, and a stage entered again
    from inside itself (``bulk_process`` calling ``process``) is counted once.
    """

    def __init__(self) -> None:
        self.mode: str | None = None
        self.totals: dict[tuple[str, str], float] = defaultdict(float)
        self._active: set[str] = set()
        self._undo: list[Callable[[], None]] = []

    def wrap(self, owner: Any, attribute: str, stage: str) -> None:
        """Replace ``owner.attribute`` by a timed version (undone by ``restore``)."""
        if not hasattr(owner, attribute):
            return
        original = getattr(owner, attribute)
        had_own = attribute in vars(owner)

        def timed(*args: Any, **kwargs: Any) -> Any:
            if self.mode is None or stage in self._active:
                return original(*args, **kwargs)
            self._active.add(stage)
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.totals[(self.mode, stage)] += time.perf_counter() - began
                self._active.discard(stage)

        setattr(owner, attribute, timed)
        if had_own:
            self._undo.append(lambda: setattr(owner, attribute, original))
        else:
            self._undo.append(lambda: delattr(owner, attribute))

    @contextlib.contextmanager
    def recording(self, mode: str) -> Iterator[None]:
        """Record the wrapped stages under ``mode`` while in this block."""
        self.mode = mode
        try:
            yield
        finally:
            self.mode = None

    def stages(self, mode: str) -> dict[str, float]:
        """Seconds per stage recorded under ``mode``."""
        return {stage: s for (m, stage), s in self.totals.items() if m == mode}

    def restore(self) -> None:
        """Undo every wrap."""
        while self._undo:
            self._undo.pop()()


def instrument(annotator: Any, raw: Any) -> StageTimer:
    """Time each stanza processor (of ``annotator`` and of the ``raw`` pipeline), ``parse``,
    ``_build`` and our extractors of ``annotator``."""
    import service.nlp.annotator as annotator_module

    timer = StageTimer()
    for pipeline in (annotator._pipeline, raw):
        for name, processor in pipeline.processors.items():
            timer.wrap(processor, "process", name)
            timer.wrap(processor, "bulk_process", name)
    timer.wrap(annotator, "parse", "parse")
    timer.wrap(annotator, "_build", "build")
    for function in ("extract_entities", "extract_quotes", "extract_claims"):
        timer.wrap(annotator_module, function, function.removeprefix("extract_"))
    return timer


@dataclass
class Context:
    """What every section shares: options, texts, the in-process annotator."""

    args: argparse.Namespace
    seeds: list[tuple[str, str]]
    corpus: list[tuple[str, str]]
    annotator: Any
    #: Raw stanza: its default English pipeline (tokenize, mwt, ner), the annotator's weights.
    pipeline: Any
    timer: StageTimer
    tokens: dict[str, int] = field(default_factory=dict)

    def count_tokens(self, text: str) -> int:
        """Tokens stanza finds in ``text`` (cached; counted by the raw pipeline)."""
        if text not in self.tokens:
            self.tokens[text] = self.pipeline(text).num_tokens
        return self.tokens[text]


def _raw(ctx: Context, text: str) -> float:
    began = time.perf_counter()
    doc = ctx.pipeline(text)
    seconds = time.perf_counter() - began
    ctx.tokens.setdefault(text, doc.num_tokens)
    return seconds


def _in_process(ctx: Context, text: str) -> tuple[float, float, float]:
    """(annotate seconds, annotation_body seconds, to_json seconds)."""
    from service.web.schemas import annotation_body
    from service.web.schemas import to_json

    began = time.perf_counter()
    result = ctx.annotator.annotate(text)
    annotated = time.perf_counter()
    body = annotation_body(result)
    built = time.perf_counter()
    to_json(body)
    return annotated - began, built - annotated, time.perf_counter() - built


# ---------------------------------------------------------------- sections


def section_throughput(ctx: Context, server: Server) -> dict[str, Any]:
    """Raw stanza, the annotator and HTTP, interleaved text by text, on the seeds and corpus."""
    client = server.client()
    seed_repeats = 3 if ctx.args.quick else 10
    passes = 1 if ctx.args.quick else 2
    corpus = ctx.corpus[:12] if ctx.args.quick else ctx.corpus
    sets = {
        "seeds": [text for _, text in ctx.seeds] * seed_repeats,
        "polnear-dev": [text for _, text in corpus] * passes,
    }
    for _, text in ctx.seeds:  # warm-up, all three paths
        _raw(ctx, text)
        _in_process(ctx, text)
        client.annotate(text)
    out: dict[str, Any] = {}
    profile = {"json_body": 0.0, "json_dump": 0.0, "http_elapsed": 0.0, "http_wall": 0.0}
    for name, texts in sets.items():
        runs = {k: Timings() for k in ("raw", "annotator", "annotator+json", "http")}
        for index, text in enumerate(texts):
            tokens, chars = ctx.count_tokens(text), len(text)
            steps = ["raw", "annotator", "http"]
            shift = index % 3  # rotate the order so no path always runs first
            for step in steps[shift:] + steps[:shift]:
                if step == "raw":
                    with ctx.timer.recording(f"raw:{name}"):
                        runs["raw"].add(_raw(ctx, text), tokens, chars)
                elif step == "annotator":
                    with ctx.timer.recording(f"annotator:{name}"):
                        annotate, body, dump = _in_process(ctx, text)
                    runs["annotator"].add(annotate, tokens, chars)
                    runs["annotator+json"].add(annotate + body + dump, tokens, chars)
                    if name == "polnear-dev":
                        profile["json_body"] += body
                        profile["json_dump"] += dump
                else:
                    wall, elapsed = client.annotate(text)
                    runs["http"].add(wall, tokens, chars)
                    if name == "polnear-dev":
                        profile["http_wall"] += wall
                        profile["http_elapsed"] += elapsed
        summaries = {k: v.summary() for k, v in runs.items()}
        raw_rate = summaries["raw"]["articles_per_s"]
        for key, summary in summaries.items():
            summary["vs_raw"] = ratio(summary["articles_per_s"], raw_rate)
            summary["paired_vs_raw"] = paired_speed(runs["raw"].seconds, runs[key].seconds)
        out[name] = {
            "texts": len(set(texts)),
            "calls": len(texts),
            "chars": sum(len(t) for t in set(texts)),
            "paths": summaries,
        }
    client.close()
    stages = ctx.timer.stages("annotator:polnear-dev")
    out["profile"] = _profile(stages, profile)
    out["raw_stages"] = ctx.timer.stages("raw:polnear-dev")
    out["annotator_stages"] = stages
    return out


def _profile(stages: dict[str, float], measured: dict[str, float]) -> dict[str, float]:
    """Seconds per part of a service request, over the profiled text set."""
    stanza = stages.get("tokenize", 0) + stages.get("mwt", 0) + stages.get("ner", 0)
    ours = stages.get("build", 0)
    extractors = {k: stages.get(k, 0.0) for k in ("entities", "quotes", "claims")}
    json_total = measured["json_body"] + measured["json_dump"]
    return {
        "tokenize": stages.get("tokenize", 0.0),
        "mwt": stages.get("mwt", 0.0),
        "ner": stages.get("ner", 0.0),
        "parse, outside stanza's processors": stages.get("parse", 0.0) - stanza,
        **{f"ours: {k}": v for k, v in extractors.items()},
        "ours: sentences, records": ours - sum(extractors.values()),
        "JSON: annotation_body": measured["json_body"],
        "JSON: to_json": measured["json_dump"],
        "HTTP, Flask, validation": measured["http_wall"] - measured["http_elapsed"] - json_total,
    }


def section_batch(ctx: Context, server: Server) -> dict[str, Any]:
    """The 16 shortest corpus texts one by one versus as one batch, on three paths."""
    texts = [t for _, t in sorted(ctx.corpus, key=lambda item: len(item[1]))[:16]]
    repeats = 2 if ctx.args.quick else 7
    client = server.client()
    import stanza

    def raw_batch() -> None:
        ctx.pipeline.process([stanza.Document([], text=t) for t in texts])

    paths: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
        "raw stanza": (lambda: [ctx.pipeline(t) for t in texts], raw_batch),
        "annotator": (
            lambda: [ctx.annotator.annotate(t) for t in texts],
            lambda: ctx.annotator.annotate_many(texts),
        ),
        "HTTP": (lambda: [client.annotate(t) for t in texts], lambda: client.batch(texts)),
    }
    timings: dict[str, dict[str, list[float]]] = {p: {"single": [], "batch": []} for p in paths}
    for _, (single, batch) in paths.items():  # warm-up
        single()
        batch()
    for repeat in range(repeats):
        for path, (single, batch) in paths.items():
            order = [("single", single), ("batch", batch)]
            for kind, run in order if repeat % 2 == 0 else order[::-1]:
                began = time.perf_counter()
                run()
                timings[path][kind].append(time.perf_counter() - began)
    client.close()
    rows = {}
    for path, t in timings.items():
        one, many = median(t["single"]), median(t["batch"])
        # single and batch of one repeat run back to back: their ratio is paired.
        rows[path] = {
            "single_s": one,
            "batch_s": many,
            "speedup": paired_speed(t["single"], t["batch"]),
        }
    return {
        "texts": len(texts),
        "chars": sum(len(t) for t in texts),
        "tokens": sum(ctx.count_tokens(t) for t in texts),
        "repeats": repeats,
        "paths": rows,
    }


def section_memory_and_length(ctx: Context, server: Server) -> dict[str, Any]:
    """On a fresh worker: RSS over many short requests, then cost and peak by text length."""
    quick = ctx.args.quick
    client = server.client()
    worker = server.worker_pids()[0]
    short = [cut_at_boundary(text.strip(), 1000) for _, text in ctx.corpus]
    last = ctx.args.requests or (200 if quick else 1000)
    checkpoints = (10, last // 10, *range(last // 2, last + 1, max(1, last // 2)))
    memory = []
    sent = 0
    for checkpoint in checkpoints:
        while sent < checkpoint:
            client.annotate(short[sent % len(short)])
            sent += 1
        memory.append({"requests": sent, **_memory(worker)})
    base = memory[1]["rss_mib"]
    memory_out = {
        "text_chars": round(statistics.mean(len(t) for t in short)),
        "points": memory,
        "growth": growth(base, memory[-1]["rss_mib"]),
    }

    texts = [text for _, text in ctx.corpus]
    built = {target: build_text(texts, target) for target in LENGTHS}
    # Each round sends every size (several calls of the small ones); the first round goes
    # up in size so the worker's peak after each size is that size's peak, later rounds
    # alternate direction. The 100k / 1k ratio is taken within each round (paired).
    per_round = {1_000: 5, 10_000: 2, 100_000: 1, 200_000: 1}
    if not quick:
        per_round = {1_000: 10, 10_000: 3, 100_000: 1, 200_000: 1}
    walls: dict[int, list[float]] = {target: [] for target in LENGTHS}
    peaks: dict[int, dict[str, float | None]] = {}
    round_ratios = []
    for number in range(1 if quick else 3):
        per_char = {}
        for target in LENGTHS if number % 2 == 0 else LENGTHS[::-1]:
            calls = [client.annotate(built[target])[0] for _ in range(per_round[target])]
            walls[target] += calls
            per_char[target] = median(calls) / len(built[target])
            if number == 0:
                peaks[target] = _memory(worker)
        round_ratios.append(ratio(per_char[100_000], per_char[1_000]))
    client.close()
    rows = []
    for target in LENGTHS:
        text = built[target]
        gc.collect()
        with ctx.timer.recording(f"length:{target}"):
            began = time.perf_counter()
            ctx.annotator.annotate(text)
            in_process = time.perf_counter() - began
        rows.append(
            {
                "target": target,
                "chars": len(text),
                "tokens": ctx.count_tokens(text),
                "repeats": len(walls[target]),
                "median_s": median(walls[target]),
                "us_per_char": median(walls[target]) / len(text) * 1e6,
                "rss_mib": peaks[target]["rss_mib"],
                "peak_mib": peaks[target]["peak_mib"],
                "in_process_s": in_process,
                "stages_s": ctx.timer.stages(f"length:{target}"),
            }
        )
    return {
        "memory": memory_out,
        "length": {
            "rows": rows,
            "round_ratios": round_ratios,
            "ratio_100k_1k": median(round_ratios),
        },
    }


def section_workers(ctx: Context) -> dict[str, Any]:
    """Two workers: the time until both are ready, and their memory after some requests."""
    texts = [text for _, text in ctx.corpus[:8]]
    with Server(workers=2, torch_threads=ctx.args.torch_threads) as server:
        clients = [server.client(), server.client()]

        def run(client: Client) -> None:
            for text in texts:
                client.annotate(text)

        threads = [threading.Thread(target=run, args=(c,)) for c in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for client in clients:
            client.close()
        return {
            "ready_s": server.ready_s,
            "all_ready_s": server.all_ready_s,
            "requests": 2 * len(texts),
            **server.memory(),
        }


# ---------------------------------------------------------------- report


def report(results: dict[str, Any]) -> str:
    """The Markdown summary of a run."""
    env = results["environment"]
    out = [
        "# Throughput benchmark",
        "",
        f"`{env['command']}` (documented: `{COMMAND}`)",
        "",
        f"{env['mode']} run on {env['cores']} cores (load average {env['load_before']} before, "
        f"{env['load_after']} after; CPU pressure, share of the last minute with a task "
        f"waiting for a CPU: {env.get('cpu_pressure', 'n/a')}), Python {env['python']}, "
        f"torch {env['torch']}, stanza {env['stanza']}, models {env['models']}, "
        f"torch threads {env['torch_threads']}; {env['seconds']:.0f} s in all.",
    ]
    targets: list[list[str]] = []
    if "throughput" in results:
        out += _report_throughput(results["throughput"], targets)
    if "batch" in results:
        out += _report_batch(results["batch"], targets)
    if "length" in results:
        out += _report_length(results["length"], targets)
    if "memory" in results:
        out += _report_memory(results["memory"], results.get("workers"), targets)
    out += _report_startup(results)
    if "throughput" in results:
        out += _report_profile(results["throughput"]["profile"])
    if targets:
        out += ["", "## Targets", ""]
        out.append(md_table(["measure", "measured", "target", "verdict"], targets, "lrrl"))
    return "\n".join(out) + "\n"


def _report_throughput(data: dict[str, Any], targets: list[list[str]]) -> list[str]:
    out = ["", "## Service versus raw stanza (one worker)", ""]
    rows = []
    labels = {
        "raw": "raw stanza",
        "annotator": "annotator (in process)",
        "annotator+json": "annotator + JSON body",
        "http": "service over HTTP",
    }
    for name in ("seeds", "polnear-dev"):
        block = data[name]
        for key, label in labels.items():
            s = block["paths"][key]
            rows.append(
                [
                    f"{name} ({block['texts']} texts, {block['calls']} calls)",
                    label,
                    fmt(s["articles_per_s"], 2),
                    fmt(s["tokens_per_s"], 0),
                    fmt(s["median_ms"]),
                    fmt(s["p95_ms"]),
                    fmt(s["vs_raw"], 3),
                    fmt(s["paired_vs_raw"], 3),
                ]
            )
    headers = [
        "texts",
        "path",
        "articles/s",
        "tokens/s",
        "median ms",
        "p95 ms",
        "vs raw",
        "vs raw, paired",
    ]
    out.append(md_table(headers, rows, "llrrrrrr"))
    http = data["polnear-dev"]["paths"]["http"]
    headline = http["vs_raw"]
    out += [
        "",
        f"**Headline: service throughput / raw stanza throughput on the PolNeAR dev texts = "
        f"{fmt(headline, 3)}** (target at least 0.9: {verdict(headline, 0.9)}; text by text, "
        f"the median of raw time / service time is {fmt(http['paired_vs_raw'], 3)}). The paths "
        'run interleaved text by text, in rotating order; tokens are stanza\'s. "vs raw" is '
        'a ratio of throughputs (sums of times); "paired" is the median over calls of raw '
        "time / path time, which a neighbour's load spike moves less.",
        "",
        "stanza's processors, raw `Pipeline(text)` versus the annotator's batch-of-one "
        "`process([Document])` (seconds over the PolNeAR calls):",
        "",
    ]
    stage_rows = []
    for stage in ("tokenize", "mwt", "ner"):
        raw_s = data["raw_stages"].get(stage, 0.0)
        ann_s = data["annotator_stages"].get(stage, 0.0)
        stage_rows.append([stage, fmt(raw_s, 2), fmt(ann_s, 2), fmt(ratio(ann_s, raw_s), 3)])
    out.append(
        md_table(["processor", "raw s", "annotator s", "annotator / raw"], stage_rows, "lrrr")
    )
    targets.append(
        ["service / raw stanza throughput", fmt(headline, 3), ">= 0.9", verdict(headline, 0.9)]
    )
    return out


def _report_batch(data: dict[str, Any], targets: list[list[str]]) -> list[str]:
    out = [
        "",
        f"## Batch versus one by one ({data['texts']} shortest PolNeAR dev texts, "
        f"{data['chars']:,} characters, {data['tokens']:,} tokens; median of {data['repeats']})",
        "",
    ]
    rows = [
        [path, fmt(r["single_s"], 3), fmt(r["batch_s"], 3), f"x{fmt(r['speedup'], 2)}"]
        for path, r in data["paths"].items()
    ]
    out.append(md_table(["path", "one by one s", "one batch s", "batch speed-up"], rows, "lrrr"))
    out += [
        "",
        "Times are medians; the speed-up is the median over repeats of one-by-one time / "
        "batch time, the two run back to back in alternating order.",
    ]
    speedup = data["paths"]["HTTP"]["speedup"]
    targets.append(
        ["batch endpoint / one by one", f"x{fmt(speedup, 2)}", ">= x2", verdict(speedup, 2)]
    )
    return out


_LENGTH_STAGES = ("tokenize", "mwt", "ner", "build", "entities", "quotes", "claims")


def _report_length(data: dict[str, Any], targets: list[list[str]]) -> list[str]:
    out = ["", "## Cost versus text length (service over HTTP, one fresh worker)", ""]
    rows = []
    base = data["rows"][0]["us_per_char"]
    for row in data["rows"]:
        stages = row["stages_s"]
        rows.append(
            [
                f"{row['target']:,}",
                f"{row['chars']:,}",
                f"{row['tokens']:,}",
                row["repeats"],
                fmt(row["median_s"] * 1000),
                fmt(row["us_per_char"], 2),
                f"x{fmt(ratio(row['us_per_char'], base), 2)}",
                fmt(row["peak_mib"], 0),
                " / ".join(fmt(stages.get(k, 0) * 1000, 0) for k in _LENGTH_STAGES),
            ]
        )
    headers = [
        "target",
        "chars",
        "tokens",
        "runs",
        "median ms",
        "us/char",
        "vs 1k",
        "worker peak MiB",
        "in process ms: tokenize / mwt / ner / ours (entities, quotes, claims)",
    ]
    out.append(md_table(headers, rows, "rrrrrrrrl"))
    value = data["ratio_100k_1k"]
    rounds = ", ".join(f"x{fmt(r, 2)}" for r in data["round_ratios"])
    out += [
        "",
        f"Time per character, 100k / 1k: x{fmt(value, 2)}, the median of the ratios within "
        f"each round ({rounds}); target within x1.2. The peak is the worker's VmHWM after the "
        "first round's calls of that size (sizes go up in the first round). The last column "
        'is one in-process call, timed by stage; "ours" is `Annotator._build`, which runs the '
        "three extractors.",
    ]
    targets.append(
        [
            "time per char 100k / 1k",
            f"x{fmt(value, 2)}",
            "<= x1.2",
            verdict(value, 1.2, at_least=False),
        ]
    )
    return out


def _report_memory(
    data: dict[str, Any], workers: dict[str, Any] | None, targets: list[list[str]]
) -> list[str]:
    out = [
        "",
        f"## Memory (one fresh worker, requests of about {data['text_chars']} characters)",
        "",
    ]
    rows = [
        [p["requests"], fmt(p["rss_mib"], 0), fmt(p["peak_mib"], 0), fmt(p["pss_mib"], 0)]
        for p in data["points"]
    ]
    out.append(md_table(["after requests", "RSS MiB", "peak MiB", "PSS MiB"], rows, "rrrr"))
    first, last = data["points"][1]["requests"], data["points"][-1]["requests"]
    value = data["growth"] * 100
    out += ["", f"RSS growth from {first} to {last} requests: {value:+.1f}% (target within 5%)."]
    targets.append(
        [
            f"RSS growth {first} -> {last} requests",
            f"{value:+.1f}%",
            "<= 5%",
            verdict(abs(value), 5, at_least=False),
        ]
    )
    if workers:
        rows = [
            ["master", fmt(workers["master"]["rss_mib"], 0), fmt(workers["master"]["pss_mib"], 0)]
        ]
        rows += [
            [f"worker {i + 1}", fmt(w["rss_mib"], 0), fmt(w["pss_mib"], 0)]
            for i, w in enumerate(workers["workers"])
        ]
        rows.append(["total", fmt(workers["total_rss_mib"], 0), fmt(workers["total_pss_mib"], 0)])
        out += [
            "",
            f"Two workers after {workers['requests']} requests (two clients at once):",
            "",
            md_table(["process", "RSS MiB", "PSS MiB"], rows, "lrr"),
        ]
    return out


def _report_startup(results: dict[str, Any]) -> list[str]:
    rows = [
        [s["server"], fmt(s["ready_s"], 2), fmt(s["all_ready_s"], 2)] for s in results["startup"]
    ]
    if not rows:
        return []
    return [
        "",
        "## Startup (process start to the first /readyz 200; all workers: each logged its load)",
        "",
        md_table(["server", "ready s", "all workers ready s"], rows, "lrr"),
    ]


def _report_profile(profile: dict[str, float]) -> list[str]:
    rows = [[name, fmt(seconds, 2), f"{share:.1%}"] for name, seconds, share in shares(profile)]
    return [
        "",
        "## Where the time of a service request goes (PolNeAR dev texts)",
        "",
        md_table(["stage", "seconds", "share"], rows, "lrr"),
        "",
        "stanza stages, ours and JSON are timed in process (annotator path); HTTP is the wall "
        "time over HTTP minus the service's own `elapsed_ms` minus the JSON time.",
    ]


# ---------------------------------------------------------------- tuning


def _pipeline(info: Any, processors: str = "tokenize,mwt,ner", **options: Any) -> Any:
    """A stanza pipeline built as ``service.nlp.loader.build_pipeline`` builds it, plus options."""
    import stanza

    return stanza.Pipeline(
        lang="en",
        dir=str(info.model_dir),
        processors=processors,
        download_method=None,
        use_gpu=False,
        logging_level="WARN",
        **options,
    )


@dataclass
class Variant:
    """One way of running stanza in the option experiment."""

    pipeline: Any
    regex_tokens: bool = False

    def run(self, text: str) -> dict[str, set[Any]]:
        """Annotate ``text``; its token spans, sentence ends and entities, as sets."""
        if self.regex_tokens:
            return self._run_pretokenized(text)
        doc = self.pipeline(text)
        return {
            "tokens": {(t.start_char, t.end_char) for t in doc.iter_tokens()},
            "sentences": {s.tokens[-1].end_char for s in doc.sentences},
            "entities": {(e.start_char, e.end_char, e.type) for e in doc.ents},
        }

    def _run_pretokenized(self, text: str) -> dict[str, set[Any]]:
        spans = regex_sentences(text)
        doc = self.pipeline([[text[a:b] for a, b in sentence] for sentence in spans])
        flat = [span for sentence in spans for span in sentence]
        # stanza joins pretokenized tokens with single spaces; map its offsets back.
        starts = {t.start_char: flat[i][0] for i, t in enumerate(doc.iter_tokens())}
        ends = {t.end_char: flat[i][1] for i, t in enumerate(doc.iter_tokens())}
        return {
            "tokens": set(flat),
            "sentences": {sentence[-1][1] for sentence in spans},
            "entities": {(starts[e.start_char], ends[e.end_char], e.type) for e in doc.ents},
        }


def _variants(info: Any) -> dict[str, Variant]:
    from service.nlp.loader import build_pipeline

    variants = {
        "stanza default": Variant(build_pipeline(info, 1, run_mwt=True)),
        "no mwt (service)": Variant(build_pipeline(info, 1)),
        "tokenize_no_ssplit": Variant(_pipeline(info, tokenize_no_ssplit=True)),
        "regex tokens + tokenize_pretokenized": Variant(
            _pipeline(info, "tokenize,ner", tokenize_pretokenized=True), regex_tokens=True
        ),
    }
    for size in (8, 128):
        # tokenize_batch_size reaches the processor's config but not the trainer's args,
        # which is what stanza 1.15 batches by; set those to see what the size would do.
        pipeline = _pipeline(info)
        pipeline.processors["tokenize"].trainer.args["batch_size"] = size
        variants[f"tokenizer batch {size} paragraphs"] = Variant(pipeline)
    for size in (8, 128):
        variants[f"ner_batch_size={size}"] = Variant(_pipeline(info, ner_batch_size=size))
    return variants


def tune_options(info: Any, texts: list[str], passes: int) -> dict[str, Any]:
    """Each stanza variant on every text, interleaved; time per stage and agreement."""
    variants = _variants(info)
    timer = StageTimer()
    wrapped: set[int] = set()
    for variant in variants.values():
        if id(variant.pipeline) not in wrapped:
            wrapped.add(id(variant.pipeline))
            for name, processor in variant.pipeline.processors.items():
                timer.wrap(processor, "process", name)
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    agreement: dict[str, dict[str, list[tuple[set[Any], set[Any]]]]] = {
        name: defaultdict(list) for name in names
    }
    for name in names:  # warm-up
        variants[name].run(texts[0])
    calls = 0
    for repeat in range(passes):
        for text in texts:
            shift = calls % len(names)
            calls += 1
            outputs = {}
            for name in names[shift:] + names[:shift]:
                with timer.recording(name):
                    began = time.perf_counter()
                    outputs[name] = variants[name].run(text)
                    times[name].append(time.perf_counter() - began)
            if repeat == 0:
                reference = outputs["stanza default"]
                for name, output in outputs.items():
                    for kind, found in output.items():
                        agreement[name][kind].append((reference[kind], found))
    timer.restore()
    base = times["stanza default"]
    rows = {}
    for name in names:
        stages = timer.stages(name)
        rows[name] = {
            "seconds": sum(times[name]),
            "speed_vs_default": ratio(sum(base), sum(times[name])),
            "paired_speed_vs_default": paired_speed(base, times[name]),
            "stages_s": stages,
            **{f"{kind}_f1": _micro_f1(pairs) for kind, pairs in agreement[name].items()},
        }
    return {"texts": len(texts), "chars": sum(map(len, texts)), "passes": passes, "rows": rows}


def _micro_f1(pairs: list[tuple[set[Any], set[Any]]]) -> float:
    # Texts are told apart by index so that equal spans in two texts do not merge.
    reference = {(i, item) for i, (ref, _) in enumerate(pairs) for item in ref}
    other = {(i, item) for i, (_, found) in enumerate(pairs) for item in found}
    return f1(reference, other)


def _interleaved(
    calls: dict[str, Callable[[], Any]], repeats: int, timer: StageTimer
) -> dict[str, list[float]]:
    """Wall seconds of each call, ``repeats`` times, in rotating order after one warm-up each.

    Stages are recorded in ``timer`` under the call's name.
    """
    names = list(calls)
    for name in names:
        calls[name]()
    walls: dict[str, list[float]] = {name: [] for name in names}
    for repeat in range(repeats):
        shift = repeat % len(names)
        for name in names[shift:] + names[:shift]:
            with timer.recording(name):
                began = time.perf_counter()
                calls[name]()
                walls[name].append(time.perf_counter() - began)
    return walls


def _timed_pipelines(pipelines: Sequence[Any]) -> StageTimer:
    timer = StageTimer()
    for pipeline in pipelines:
        for name, processor in pipeline.processors.items():
            timer.wrap(processor, "process", name)
            timer.wrap(processor, "bulk_process", name)
    return timer


def tune_batch_sizes(info: Any, corpus: list[str], repeats: int) -> dict[str, Any]:
    """16 texts cut to about 250, 1,000 and 4,000 characters: one by one versus one bulk call."""
    import stanza

    pipelines = {
        "default": _pipeline(info),
        "ner_batch_size=128": _pipeline(info, ner_batch_size=128),
    }
    timer = _timed_pipelines(list(pipelines.values()))
    sets = {
        size: [cut_at_boundary(t.strip(), size) for t in corpus if len(t) >= size][:16]
        for size in (250, 1_000, 4_000)
    }

    def single(pipeline: Any, texts: list[str]) -> Callable[[], Any]:
        return lambda: [pipeline(text) for text in texts]

    def bulk(pipeline: Any, texts: list[str]) -> Callable[[], Any]:
        return lambda: pipeline.process([stanza.Document([], text=t) for t in texts])

    calls = {}
    for size, texts in sets.items():
        for label, pipeline in pipelines.items():
            calls[f"{size}|{label}|single"] = single(pipeline, texts)
            calls[f"{size}|{label}|bulk"] = bulk(pipeline, texts)
    walls = _interleaved(calls, repeats, timer)
    timer.restore()
    rows = []
    for key, seconds in walls.items():
        size, label, mode = key.split("|")
        texts = sets[int(size)]
        rows.append(
            {
                "size": int(size),
                "mean_chars": round(statistics.mean(map(len, texts))),
                "pipeline": label,
                "mode": mode,
                "median_s": median(seconds),
                "stages_s": {k: v / repeats for k, v in timer.stages(key).items()},
            }
        )
    return {"texts": 16, "repeats": repeats, "rows": rows}


def tune_long_text(info: Any, corpus: list[str], repeats: int) -> dict[str, Any]:
    """A 100k-character text in one piece versus split at line breaks into chunks."""
    import stanza

    pipeline = _pipeline(info)
    text = build_text(corpus, 100_000)
    timer = _timed_pipelines([pipeline])
    splits = {"whole": [(0, text)]}
    for limit in (20_000, 5_000):
        splits[f"chunks of <= {limit:,}"] = paragraph_chunks(text, limit)
    outputs: dict[str, list[Any]] = {}

    def call(key: str) -> Callable[[], None]:
        def run() -> None:
            docs = [stanza.Document([], text=chunk) for _, chunk in splits[key]]
            outputs[key] = pipeline.process(docs)

        return run

    walls = _interleaved({key: call(key) for key in splits}, repeats, timer)
    timer.restore()

    def found(key: str) -> dict[str, set[Any]]:
        pairs = list(zip(splits[key], outputs[key], strict=True))
        return {
            "sentences": {o + s.tokens[-1].end_char for (o, _), d in pairs for s in d.sentences},
            "entities": {
                (o + e.start_char, o + e.end_char, e.type) for (o, _), d in pairs for e in d.ents
            },
        }

    reference = found("whole")
    rows = []
    for key, seconds in walls.items():
        mine = found(key)
        rows.append(
            {
                "split": key,
                "pieces": len(splits[key]),
                "median_s": median(seconds),
                "us_per_char": median(seconds) / len(text) * 1e6,
                "stages_s": {k: v / repeats for k, v in timer.stages(key).items()},
                "sentences_f1": f1(reference["sentences"], mine["sentences"]),
                "entities_f1": f1(reference["entities"], mine["entities"]),
            }
        )
    return {"chars": len(text), "repeats": repeats, "rows": rows}


def check_no_mwt(info: Any, texts: list[str]) -> dict[str, Any]:
    """Whether the service's annotations stay the same with MWT removed from the pipeline."""
    from service.nlp.annotator import Annotator
    from service.nlp.loader import build_pipeline
    from service.web.schemas import annotation_body
    from service.web.schemas import to_json

    # stanza runs a loaded mwt whenever tokenize runs, whatever processors the call names.
    with_mwt = Annotator(build_pipeline(info, 1, run_mwt=True), info.packages)
    without = Annotator(build_pipeline(info, 1), info.packages)

    def body(annotator: Annotator, text: str) -> str:
        data = annotation_body(annotator.annotate(text))
        data["meta"].pop("elapsed_ms")
        return to_json(data)

    same = sum(body(with_mwt, text) == body(without, text) for text in texts)
    return {"texts": len(texts), "identical": same}


def tune_threads(info: Any, texts: list[str], rounds: int) -> dict[str, Any]:
    """One pipeline with 1 and then 2 torch threads, in alternating blocks over ``texts``."""
    import torch

    from service.nlp.loader import build_pipeline

    pipeline = build_pipeline(info, 1)
    pipeline(texts[0])
    times: dict[int, list[float]] = {1: [], 2: []}
    try:
        for _ in range(rounds):
            for threads in (1, 2):
                torch.set_num_threads(threads)
                pipeline(texts[0])  # the first call after a change starts the thread pool
                for text in texts:
                    began = time.perf_counter()
                    pipeline(text)
                    times[threads].append(time.perf_counter() - began)
    finally:
        torch.set_num_threads(1)
    return {
        "texts": len(texts),
        "rounds": rounds,
        "rows": {
            threads: {"seconds": sum(t), "median_ms": median(t) * 1000}
            for threads, t in times.items()
        },
        "paired_speed_2_vs_1": paired_speed(times[1], times[2]),
    }


def tune_workers(args: argparse.Namespace, corpus: list[str]) -> dict[str, Any]:
    """The service with 1 or 2 workers and 1 or 2 torch threads, under 1 or 2 clients."""
    texts = corpus[: 6 if args.quick else 16]
    short = [cut_at_boundary(t.strip(), 250) for t in corpus if len(t) >= 250][:16]
    rows = []
    for workers, threads in ((1, 1), (1, 2), (2, 1)):
        with Server(workers=workers, torch_threads=threads) as server:
            for clients in (1, 2):
                connections = [server.client() for _ in range(clients)]
                for client in connections:  # warm-up: with two workers, likely both
                    client.annotate(texts[0])
                latencies: list[float] = []
                lock = threading.Lock()

                def run(client: Client, done: list[float], lock: threading.Lock) -> None:
                    for text in texts:
                        seconds = client.annotate(text)[0]
                        with lock:
                            done.append(seconds)

                began = time.perf_counter()
                pool = [
                    threading.Thread(target=run, args=(c, latencies, lock)) for c in connections
                ]
                for thread in pool:
                    thread.start()
                for thread in pool:
                    thread.join()
                wall = time.perf_counter() - began
                row = {
                    "workers": workers,
                    "torch_threads": threads,
                    "clients": clients,
                    "articles_per_s": ratio(len(latencies), wall),
                    "median_ms": median(latencies) * 1000,
                    "p95_ms": percentile(latencies, 95) * 1000,
                    "memory_mib": server.memory()["total_pss_mib"],
                }
                if clients == 1:
                    client = connections[0]
                    single = [sum(client.annotate(t)[0] for t in short) for _ in range(3)]
                    batch = [client.batch(short) for _ in range(3)]
                    row["short_batch_speedup"] = ratio(median(single), median(batch))
                rows.append(row)
                for client in connections:
                    client.close()
    return {"texts": len(texts), "short_chars": sum(map(len, short)), "rows": rows}


def run_tuning(args: argparse.Namespace) -> dict[str, Any]:
    """The experiments behind bench/PERFORMANCE.md; the results and their Markdown."""
    import torch

    from service.nlp.loader import inspect_models
    from service.settings import Settings

    began = time.perf_counter()
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    pressure_before = _cpu_pressure()
    torch.set_num_threads(1)
    info = inspect_models(Settings.from_env().model_dir, verify=False)
    corpus = [text for _, text in _read_texts(sorted(args.corpus.glob("*.txt")))]
    wanted = set(args.only or TUNING_SECTIONS)
    results: dict[str, Any] = {}
    if "options" in wanted:
        texts = corpus[:6] if args.quick else corpus[:24]
        results["options"] = tune_options(info, texts, 1 if args.quick else 2)
    if "options" in wanted:
        texts = corpus[:6] if args.quick else corpus
        results["no_mwt"] = check_no_mwt(info, texts)
    if "threads" in wanted:
        results["threads"] = tune_threads(info, corpus[:8], 1 if args.quick else 3)
    if "batch" in wanted:
        results["batch"] = tune_batch_sizes(info, corpus, 1 if args.quick else 4)
    if "long" in wanted:
        results["long"] = tune_long_text(info, corpus, 1 if args.quick else 3)
    if "workers" in wanted:
        results["workers"] = tune_workers(args, corpus)
    results["environment"] = {
        "command": " ".join(["bench/throughput.py", *sys.argv[1:]]),
        "cores": os.cpu_count(),
        "load_before": load_before,
        "load_after": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "cpu_pressure": f"{pressure_before} before, {_cpu_pressure()} after",
        "seconds": time.perf_counter() - began,
        **_versions(),
    }
    results["markdown"] = tuning_report(results)
    return results


def _stage_ms(stages: dict[str, float]) -> str:
    return " / ".join(fmt(stages.get(k, 0) * 1000, 0) for k in ("tokenize", "mwt", "ner"))


def tuning_report(results: dict[str, Any]) -> str:
    """The Markdown summary of the tuning experiments."""
    env = results["environment"]
    out = [
        "# Tuning experiments",
        "",
        f"`{env['command']}` on {env['cores']} cores (load average {env['load_before']} before, "
        f"{env['load_after']} after; CPU pressure {env['cpu_pressure']}), torch {env['torch']}, "
        f"stanza {env['stanza']}; {env['seconds']:.0f} s.",
    ]
    if "options" in results:
        data = results["options"]
        rows = [
            [
                name,
                fmt(r["seconds"], 2),
                fmt(r["speed_vs_default"], 2),
                fmt(r["paired_speed_vs_default"], 2),
                _stage_ms(r["stages_s"]),
                fmt(r["tokens_f1"] * 100, 2),
                fmt(r["sentences_f1"] * 100, 2),
                fmt(r["entities_f1"] * 100, 2),
            ]
            for name, r in data["rows"].items()
        ]
        out += [
            "",
            f"## stanza options ({data['texts']} PolNeAR dev texts, {data['chars']:,} characters, "
            f"{data['passes']} passes, one text per call, interleaved)",
            "",
            md_table(
                [
                    "variant",
                    "seconds",
                    "speed vs default",
                    "paired",
                    "tokenize / mwt / ner ms",
                    "token F1",
                    "sentence-end F1",
                    "entity F1",
                ],
                rows,
                "lrrrrrrr",
            ),
            "",
            "F1 is agreement with the default pipeline's output on the same texts (tokens and "
            "entities by character span, entities also by type), not accuracy against gold.",
        ]
    if "no_mwt" in results:
        data = results["no_mwt"]
        out += [
            "",
            f"Without MWT the service's full response (entities, quotes, claims, sentences; "
            f"`elapsed_ms` aside) was identical for {data['identical']} of {data['texts']} "
            "PolNeAR dev texts.",
        ]
    if "threads" in results:
        data = results["threads"]
        rows = [
            [threads, fmt(r["seconds"], 2), fmt(r["median_ms"], 0)]
            for threads, r in data["rows"].items()
        ]
        out += [
            "",
            f"## torch threads in process ({data['texts']} PolNeAR dev texts, "
            f"{data['rounds']} alternating rounds)",
            "",
            md_table(["torch threads", "seconds", "median ms per text"], rows, "rrr"),
            "",
            f"Text by text, 2 threads run at x{fmt(data['paired_speed_2_vs_1'], 2)} the speed "
            "of 1 (median of the paired ratios).",
        ]
    if "batch" in results:
        data = results["batch"]
        rows = []
        for row in data["rows"]:
            rows.append(
                [
                    f"{row['size']:,} (mean {row['mean_chars']:,})",
                    row["pipeline"],
                    row["mode"],
                    fmt(row["median_s"] * 1000, 0),
                    _stage_ms(row["stages_s"]),
                ]
            )
        out += [
            "",
            f"## One by one versus one bulk call, raw stanza ({data['texts']} texts per size, "
            f"median of {data['repeats']})",
            "",
            md_table(
                ["chars per text", "pipeline", "mode", "ms", "tokenize / mwt / ner ms"],
                rows,
                "lllrl",
            ),
        ]
    if "long" in results:
        data = results["long"]
        rows = [
            [
                r["split"],
                r["pieces"],
                fmt(r["median_s"] * 1000, 0),
                fmt(r["us_per_char"], 2),
                _stage_ms(r["stages_s"]),
                fmt(r["sentences_f1"] * 100, 2),
                fmt(r["entities_f1"] * 100, 2),
            ]
            for r in data["rows"]
        ]
        out += [
            "",
            f"## A {data['chars']:,}-character text whole or in chunks (median of "
            f"{data['repeats']})",
            "",
            md_table(
                [
                    "split",
                    "pieces",
                    "ms",
                    "us/char",
                    "tokenize / mwt / ner ms",
                    "sentence-end F1",
                    "entity F1",
                ],
                rows,
                "lrrrlrr",
            ),
        ]
    if "workers" in results:
        data = results["workers"]
        rows = [
            [
                r["workers"],
                r["torch_threads"],
                r["clients"],
                fmt(r["articles_per_s"], 2),
                fmt(r["median_ms"], 0),
                fmt(r["p95_ms"], 0),
                fmt(r["memory_mib"], 0),
                f"x{fmt(r['short_batch_speedup'], 2)}" if "short_batch_speedup" in r else "",
            ]
            for r in data["rows"]
        ]
        out += [
            "",
            f"## Workers and torch threads ({data['texts']} PolNeAR dev texts per client)",
            "",
            md_table(
                [
                    "workers",
                    "torch threads",
                    "clients",
                    "articles/s",
                    "median ms",
                    "p95 ms",
                    "PSS MiB",
                    f"batch speed-up, 16 texts of {data['short_chars'] // 16} chars",
                ],
                rows,
                "rrrrrrrr",
            ),
        ]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- main


def _read_texts(paths: Sequence[Path]) -> list[tuple[str, str]]:
    return [(p.name, p.read_bytes().decode("utf-8")) for p in paths]


def _versions() -> dict[str, str]:
    import stanza
    import torch

    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "stanza": stanza.__version__,
    }


def run_benchmark(args: argparse.Namespace) -> dict[str, Any]:
    """Run the sections asked for; the results as a JSON-ready dict."""
    from service.nlp.annotator import load_annotator
    from service.nlp.loader import build_pipeline
    from service.nlp.loader import inspect_models
    from service.settings import Settings

    began = time.perf_counter()
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    pressure_before = _cpu_pressure()
    model_dir = Settings.from_env().model_dir
    seeds = _read_texts(sorted((ROOT / "seeds").glob("*.txt")))
    corpus = _read_texts(sorted(args.corpus.glob("*.txt")))
    if not corpus:
        raise SystemExit(f"no texts in {args.corpus}")
    annotator = load_annotator(model_dir, args.torch_threads)
    # The service drops MWT (service.nlp.loader.RUN); raw stanza is the default pipeline.
    raw = build_pipeline(inspect_models(model_dir), args.torch_threads, run_mwt=True)
    ctx = Context(args, seeds, corpus, annotator, raw, instrument(annotator, raw))
    results: dict[str, Any] = {"startup": []}
    wanted = set(args.only or SECTIONS)
    if wanted & {"throughput", "batch"}:
        with Server(torch_threads=args.torch_threads) as server:
            results["startup"].append(_startup("1 worker (throughput)", server))
            if "throughput" in wanted:
                results["throughput"] = section_throughput(ctx, server)
            if "batch" in wanted:
                results["batch"] = section_batch(ctx, server)
    if wanted & {"memory", "length"}:
        with Server(torch_threads=args.torch_threads) as server:
            results["startup"].append(_startup("1 worker (memory)", server))
            results.update(section_memory_and_length(ctx, server))
    if "workers" in wanted:
        results["workers"] = section_workers(ctx)
        results["startup"].append(
            {
                "server": "2 workers",
                "ready_s": results["workers"]["ready_s"],
                "all_ready_s": results["workers"]["all_ready_s"],
            }
        )
    ctx.timer.restore()
    results["environment"] = {
        "command": " ".join(["bench/throughput.py", *sys.argv[1:]]),
        "mode": "quick" if args.quick else "full",
        "cores": os.cpu_count(),
        "load_before": load_before,
        "load_after": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "cpu_pressure": f"{pressure_before} before, {_cpu_pressure()} after",
        "models": ", ".join(f"{k}={v}" for k, v in annotator.models.items()),
        "torch_threads": args.torch_threads,
        "seconds": time.perf_counter() - began,
        **_versions(),
    }
    return results


def _startup(name: str, server: Server) -> dict[str, Any]:
    return {"server": name, "ready_s": server.ready_s, "all_ready_s": server.all_ready_s}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark (or ``--tuning``) and print a Markdown summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer texts and repeats")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a folder of .txt")
    parser.add_argument("--torch-threads", type=int, default=1, help="for every path (default 1)")
    parser.add_argument(
        "--only",
        type=lambda s: s.split(","),
        help=f"comma-separated sections: {','.join(SECTIONS)} (length and memory run together); "
        f"with --tuning: {','.join(TUNING_SECTIONS)}",
    )
    parser.add_argument(
        "--requests", type=int, help="short requests for the memory test (default 1000; quick 200)"
    )
    parser.add_argument("--tuning", action="store_true", help="run the tuning experiments instead")
    args = parser.parse_args(argv)
    if args.tuning:
        results = run_tuning(args)
        text = results.pop("markdown")
    else:
        results = run_benchmark(args)
        text = report(results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
