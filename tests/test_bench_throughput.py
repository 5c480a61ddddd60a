"""The throughput benchmark's pure helpers: statistics, text building, timing, the report.

No models and no server: these run in milliseconds.
"""

from __future__ import annotations

import importlib.util
import math
import statistics
import sys

import pytest

from tests.conftest import ROOT


def _load():
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "bench" / "throughput.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["throughput"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


bench = _load()


# ---------------------------------------------------------------- statistics


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([1, 2, 3, 4], 50, 2.5),
        ([4, 1, 3, 2], 50, 2.5),  # order does not matter
        (list(range(1, 101)), 95, 95.05),
        ([10, 20], 95, 19.5),
        ([7], 95, 7),
        ([3, 1, 2], 0, 1),
        ([3, 1, 2], 100, 3),
    ],
)
def test_percentile_interpolates_between_ranks(values, q, expected) -> None:
    assert bench.percentile(values, q) == pytest.approx(expected)


def test_percentile_matches_statistics_inclusive_quantiles() -> None:
    values = [0.081, 0.093, 0.079, 0.22, 0.088, 0.085, 0.09, 0.31, 0.083, 0.087]
    expected = statistics.quantiles(values, n=20, method="inclusive")[-1]
    assert bench.percentile(values, 95) == pytest.approx(expected)
    assert bench.median(values) == pytest.approx(statistics.median(values))


@pytest.mark.parametrize(("values", "q"), [([], 50), ([1.0], -1), ([1.0], 101)])
def test_percentile_rejects_bad_input(values, q) -> None:
    with pytest.raises(ValueError):
        bench.percentile(values, q)


def test_timings_summary() -> None:
    timings = bench.Timings()
    timings.add(0.1, tokens=40, chars=200)
    timings.add(0.3, tokens=60, chars=800)
    summary = timings.summary()
    assert summary["calls"] == 2
    assert summary["articles_per_s"] == pytest.approx(5.0)
    assert summary["tokens_per_s"] == pytest.approx(250.0)
    assert summary["chars_per_s"] == pytest.approx(2500.0)
    assert summary["median_ms"] == pytest.approx(200.0)
    assert summary["p95_ms"] == pytest.approx(290.0)


def test_paired_speed_is_the_median_of_per_call_ratios() -> None:
    # One slow outlier in the second path moves the ratio of sums, not the paired median.
    raw = [1.0, 1.0, 1.0, 1.0, 1.0]
    other = [1.25, 1.25, 1.25, 1.25, 20.0]
    assert bench.paired_speed(raw, other) == pytest.approx(0.8)
    assert bench.ratio(sum(raw), sum(other)) == pytest.approx(5 / 25)
    with pytest.raises(ValueError):
        bench.paired_speed([1.0], [1.0, 2.0])
    with pytest.raises(ValueError):
        bench.paired_speed([], [])


def test_ratio_growth_and_f1() -> None:
    assert math.isnan(bench.ratio(1, 0))
    assert bench.growth(400, 420) == pytest.approx(0.05)
    assert bench.f1({1, 2, 3, 4}, {3, 4, 5}) == pytest.approx(2 * 2 / 7)
    assert bench.f1(set(), set()) == 1.0
    assert bench.f1({1}, set()) == 0.0


# ---------------------------------------------------------------- building texts


def test_cut_keeps_a_text_within_the_limit_whole() -> None:
    text = "One sentence.\n\nAnother one.  "
    assert bench.cut_at_boundary(text, len(text)) == text


def test_cut_prefers_a_paragraph_end_close_to_the_limit() -> None:
    first = "A" * 93 + " end."
    text = first + "\n\nSecond paragraph. More text here."
    assert bench.cut_at_boundary(text, 110) == first


def test_cut_falls_back_to_a_sentence_end_when_the_paragraph_end_is_far() -> None:
    text = "Short.\n\nOne sentence here. Two sentence here. Three sentence here."
    # The paragraph end at 6 keeps too little of 50; the last sentence end within 50 is after "Two".
    assert bench.cut_at_boundary(text, 50) == "Short.\n\nOne sentence here. Two sentence here."


def test_cut_keeps_closing_quotes_with_the_sentence() -> None:
    text = "He said \u201cWe will go.\u201d Then they left for the coast that night."
    assert bench.cut_at_boundary(text, 40) == "He said \u201cWe will go.\u201d"


def test_cut_without_sentence_ends_cuts_at_whitespace_or_hard() -> None:
    assert bench.cut_at_boundary("alpha beta gamma delta", 12) == "alpha beta"
    assert bench.cut_at_boundary("x" * 30, 10) == "x" * 10


def test_cut_never_exceeds_the_limit_and_ends_at_a_boundary() -> None:
    paragraph = "The minister said on Monday that talks would resume. Critics disagreed!"
    text = "\n\n".join([paragraph] * 40)
    for limit in range(80, len(text), 97):
        cut = bench.cut_at_boundary(text, limit)
        assert len(cut) <= limit
        assert text.startswith(cut)
        assert cut.endswith((".", "!")), (limit, cut[-20:])


def test_build_text_joins_articles_up_to_the_target() -> None:
    articles = [
        "  First article. It has two sentences.\n",
        "Second article here.",
        "Third one.",
    ]
    text = bench.build_text(articles, 62)
    assert text == "First article. It has two sentences.\n\nSecond article here."
    assert bench.build_text(articles, 1000) == (
        "First article. It has two sentences.\n\nSecond article here.\n\nThird one."
    )


def test_build_text_reaches_large_targets_closely() -> None:
    article = ("Officials said the vote was delayed. " * 20).strip()
    text = bench.build_text([article] * 200, 100_000)
    assert 99_000 <= len(text) <= 100_000
    assert text.endswith("delayed.")


def test_regex_sentences_split_and_tokenise() -> None:
    text = 'U.S. officials met Clinton\u2019s aides. "We agreed." Then\nA new line starts here!'
    sentences = [[text[a:b] for a, b in s] for s in bench.regex_sentences(text)]
    assert sentences == [
        ["U.S.", "officials", "met", "Clinton\u2019s", "aides", "."],
        ['"', "We", "agreed", ".", '"'],
        ["Then"],
        ["A", "new", "line", "starts", "here", "!"],
    ]


def test_paragraph_chunks_pack_lines_and_keep_offsets() -> None:
    text = "aaaa\n\nbbbb\ncc\n\n" + "d" * 12 + "\n\neee"
    chunks = bench.paragraph_chunks(text, 10)
    assert [chunk for _, chunk in chunks] == ["aaaa\n\nbbbb", "cc", "d" * 12, "eee"]
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk


# ---------------------------------------------------------------- /proc parsing


def test_parse_proc_status_and_pss() -> None:
    status = "Name:\tgunicorn\nVmHWM:\t  512000 kB\nVmRSS:\t  446464 kB\nThreads:\t4\n"
    assert bench.parse_proc_status(status) == {"VmHWM": 500.0, "VmRSS": 436.0}
    rollup = "00400000-7ff [rollup]\nRss:   446464 kB\nPss:   389120 kB\n"
    assert bench.parse_pss(rollup) == 380.0
    assert bench.parse_pss("Rss: 1 kB\n") is None


def test_parse_pressure_reads_some_avg60() -> None:
    text = (
        "some avg10=27.51 avg60=42.75 avg300=48.32 total=962254795\n"
        "full avg10=0.00 avg60=1.00 avg300=0.00 total=0\n"
    )
    assert bench.parse_pressure(text) == pytest.approx(42.75)
    assert bench.parse_pressure("full avg10=0.00 avg60=3.00\n") is None


# ---------------------------------------------------------------- stage timing


class _Clock:
    """A stand-in for the time module whose clock moves only when told to."""

    def __init__(self) -> None:
        self.now = 0.0

    def perf_counter(self) -> float:
        return self.now


class _Processor:
    def __init__(self, clock: _Clock) -> None:
        self.clock = clock
        self.calls = 0

    def process(self, doc: str) -> str:
        self.calls += 1
        self.clock.now += 1.0
        return doc

    def bulk_process(self, docs: list[str]) -> list[str]:
        return [self.process(doc) for doc in docs]


def test_stage_timer_counts_nested_calls_once_and_only_while_recording(monkeypatch) -> None:
    clock = _Clock()
    monkeypatch.setattr(bench, "time", clock)
    processor = _Processor(clock)
    timer = bench.StageTimer()
    timer.wrap(processor, "process", "ner")
    timer.wrap(processor, "bulk_process", "ner")
    timer.wrap(processor, "missing", "ignored")  # absent attributes are skipped
    processor.bulk_process(["a", "b"])  # not recording: not counted
    with timer.recording("batch"):
        processor.bulk_process(["a", "b", "c"])
        processor.process("d")
    # Four seconds of "work", counted once although process runs inside bulk_process.
    assert timer.stages("batch") == {"ner": 4.0}
    assert timer.stages("other") == {}
    timer.restore()
    assert "process" not in vars(processor) and "bulk_process" not in vars(processor)
    assert processor.calls == 6


# ---------------------------------------------------------------- formatting


def test_md_table_and_numbers() -> None:
    table = bench.md_table(["path", "ms"], [["raw", bench.fmt(1234.56)], ["http", "n/a"]], "lr")
    assert table == ("| path | ms |\n| --- | ---: |\n| raw | 1,234.6 |\n| http | n/a |")
    with pytest.raises(ValueError):
        bench.md_table(["a", "b"], [["only one"]])
    assert bench.fmt(float("nan")) == "n/a"
    assert bench.fmt(None) == "n/a"
    assert bench.fmt(0.8549, 3) == "0.855"


@pytest.mark.parametrize(
    ("value", "goal", "at_least", "expected"),
    [
        (0.93, 0.9, True, "met"),
        (0.855, 0.9, True, "not met"),
        (1.27, 1.2, False, "not met"),
        (1.2, 1.2, False, "met"),
        (float("nan"), 1.0, True, "n/a"),
    ],
)
def test_verdict(value, goal, at_least, expected) -> None:
    assert bench.verdict(value, goal, at_least) == expected


def test_shares_clip_negative_differences() -> None:
    assert bench.shares({"ner": 3.0, "tokenize": 1.0, "http": -0.2}) == [
        ("ner", 3.0, 0.75),
        ("tokenize", 1.0, 0.25),
        ("http", 0.0, 0.0),
    ]


def test_report_states_targets_honestly() -> None:
    results = {
        "environment": {
            "command": "bench/throughput.py --quick",
            "mode": "quick",
            "cores": 2,
            "load_before": "0.5",
            "load_after": "1.0",
            "python": "3.11.7",
            "torch": "2.13.0",
            "stanza": "1.15.0",
            "models": "ner=x",
            "torch_threads": 1,
            "seconds": 61.0,
        },
        "startup": [{"server": "1 worker", "ready_s": 2.25, "all_ready_s": 2.25}],
        "batch": {
            "texts": 16,
            "chars": 22778,
            "tokens": 4438,
            "repeats": 5,
            "paths": {
                "raw stanza": {"single_s": 1.0, "batch_s": 0.9, "speedup": 1.111},
                "HTTP": {"single_s": 1.2, "batch_s": 1.165, "speedup": 1.03},
            },
        },
        "memory": {
            "text_chars": 918,
            "points": [
                {"requests": 10, "rss_mib": 451.0, "peak_mib": 451.0, "pss_mib": 380.0},
                {"requests": 100, "rss_mib": 460.0, "peak_mib": 462.0, "pss_mib": 400.0},
                {"requests": 1000, "rss_mib": 469.2, "peak_mib": 470.0, "pss_mib": 409.0},
            ],
            "growth": 0.02,
        },
    }
    text = bench.report(results)
    assert "| HTTP | 1.200 | 1.165 | x1.03 |" in text
    assert "| batch endpoint / one by one | x1.03 | >= x2 | not met |" in text
    assert "| RSS growth 100 -> 1000 requests | +2.0% | <= 5% | met |" in text
    assert "| 1 worker | 2.25 | 2.25 |" in text
    assert "`bench/throughput.py --quick`" in text
