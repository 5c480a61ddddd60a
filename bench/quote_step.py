"""Time the quote step on each seed article, against the whole annotation.

Usage (models as for the service):

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/quote_step.py --runs 30

Each seed is parsed once; then ``extract_quotes`` (rules, learned filter and
learned tagger, on the parsed seed, entities given) runs ``--runs`` times, then
again without the tagger, and so does the whole ``Annotator.annotate`` (stanza
included). It prints the medians and the ratio of the annotation with the quote
step to the annotation without it. ``--lengths`` then times the quote step on
longer texts made of the seeds repeated (``--long-runs`` calls each). The machine
is shared: read medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.nlp.annotator import load_annotator  # noqa: E402
from service.nlp.annotator import sentences_of  # noqa: E402
from service.nlp.entities import extract_entities  # noqa: E402
from service.nlp.quotes import extract_quotes  # noqa: E402
from service.settings import Settings  # noqa: E402


def median_ms(action, runs: int, *args) -> float:
    """The median time of ``action(*args)`` over ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action(*args)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--lengths",
        default="50000,100000,200000",
        help="comma-separated text lengths in characters for the long-text timings ('' for none)",
    )
    parser.add_argument("--long-runs", type=int, default=5)
    args = parser.parse_args()
    annotator = load_annotator(Settings.from_env().model_dir, torch_threads=1)
    print("| seed | characters | quotes | quote step | without the tagger | annotation | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = seed.read_bytes().decode("utf-8")
        doc = annotator.parse([text])[0]
        sentences = sentences_of(doc)
        entities = extract_entities(doc, text, [s.start for s in sentences])
        quotes = extract_quotes(doc, text, sentences, entities)
        step = median_ms(extract_quotes, args.runs, doc, text, sentences, entities)
        args_without = (doc, text, sentences, entities, "shipped", None)
        rules = median_ms(extract_quotes, args.runs, *args_without)
        whole = median_ms(annotator.annotate, args.runs, text)
        print(
            f"| {seed.name} | {len(text):,} | {len(quotes)} | {step:.1f} ms | {rules:.1f} ms "
            f"| {whole:.0f} ms | x{whole / (whole - step):.3f} |"
        )
    seeds = "\n\n".join(
        p.read_bytes().decode("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))
    )
    lengths = [int(n) for n in args.lengths.split(",") if n.strip()]
    if lengths:
        print("\n| characters | quote step | without the tagger |\n|---:|---:|---:|")
    for length in lengths:
        text = ((seeds + "\n\n") * (length // len(seeds) + 1))[:length]
        doc = annotator.parse([text])[0]
        sentences = sentences_of(doc)
        entities = extract_entities(doc, text, [s.start for s in sentences])
        parts = (doc, text, sentences, entities)
        step = median_ms(extract_quotes, args.long_runs, *parts)
        rules = median_ms(extract_quotes, args.long_runs, *parts, "shipped", None)
        print(f"| {length:,} | {step:.0f} ms | {rules:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
