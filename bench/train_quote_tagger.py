"""Train the quote tagger (``service/nlp/quote_tagger.crfsuite`` and ``.json``) on PolNeAR train.

Usage (models as for the service; PolNeAR from ../shared/data/polnear):

    STANZA_RESOURCES_DIR=../shared/stanza_resources \
        .venv/bin/python bench/train_quote_tagger.py --check-threshold 0.15

Each train article is one sequence: its tokens as ``service.nlp.quotes.tagger_input``
gives them to the tagger in service (the rules' candidates scored by the shipped
filter, so train the filter first), labelled from the gold spans after the
scorer's trimming: Content first (longer spans first when they overlap), then
Cue, then Source, each on tokens no earlier span holds.

A linear-chain CRF (python-crfsuite, L-BFGS with L1 and L2 penalties) is
fitted, and a check on the quotes it adds. Both are chosen by cross-validation on
train alone (articles split into ``--folds`` folds by their order):

1. Each fold's articles are tagged by a CRF fitted on the other folds, and every
   quote it adds from a Content span of confidence ``SPAN_THRESHOLD`` or more is
   an example for the check, labelled by whether a gold Content has exactly its
   span (after the scorer's trimming). The quotes are those ``extract_quotes``
   makes with the shipped filter and choosers, so train those first.
2. The check, a logistic regression over ``quotes._learned_features``, is fitted
   on the other folds' examples and scores each fold's; its threshold is the one
   of ``THRESHOLDS`` that maximises the sum of the three target figures (exact
   content F1 over all quotes, exact content+speaker F1 over direct quotes, exact
   speaker F1 over all), scored as ``bench/quotes_polnear.py`` scores the whole
   quote step; ``--check-threshold`` ships another of ``THRESHOLDS`` instead (one
   that a cross-validation of the whole quote step, each fold's filter and
   choosers fitted on the other folds too, found better).

The dev split is never read. The final CRF and check are fitted on all of train
and written with the threshold and the cross-validated figures. The same inputs
give the same files.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from bisect import bisect_left
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quotes_polnear import DEFAULT_DATA  # noqa: E402
from quotes_polnear import GoldQuote  # noqa: E402
from quotes_polnear import add_counts  # noqa: E402
from quotes_polnear import cached_parses  # noqa: E402
from quotes_polnear import figures  # noqa: E402
from quotes_polnear import load_split  # noqa: E402
from quotes_polnear import parsed  # noqa: E402
from quotes_polnear import score_article  # noqa: E402
from quotes_polnear import trim  # noqa: E402
from quotes_polnear import without_nested_partials  # noqa: E402
from train_quote_filter import fit_named  # noqa: E402

from service.nlp import quote_tagger  # noqa: E402
from service.nlp.quote_filter import QuoteFilter  # noqa: E402
from service.nlp.quote_tagger import ROLES  # noqa: E402
from service.nlp.quote_tagger import QuoteTagger  # noqa: E402
from service.nlp.quotes import learned_quotes  # noqa: E402
from service.nlp.quotes import tagger_input  # noqa: E402
from service.nlp.results import Quote  # noqa: E402

TARGETS = ("content|exact|all", "content+speaker|exact|direct", "speaker|exact|all")
# The least confidence of a Content span that may become a quote; the check decides.
SPAN_THRESHOLD = 0.5
# The check's thresholds tried, and its fitting: features seen this often, L2, steps.
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)
CHECK_MIN_COUNT = 5
CHECK_L2 = 1e-3
CHECK_STEPS = 300
# The CRF's defaults: features seen this often, L1 and L2 penalties, L-BFGS iterations.
MIN_COUNT, C1, C2, ITERATIONS = 5, 1.0, 0.01, 150


def labels(text: str, offsets: Sequence[tuple[int, int]], gold: Sequence[GoldQuote]) -> list[str]:
    """The BIO label of each token from the gold Content, Cue and Source spans."""
    starts = [s for s, _ in offsets]
    ends = [e for _, e in offsets]
    found = ["O"] * len(offsets)
    by_role = {
        ROLES["content"]: {(g.content.start, g.content.end) for g in gold},
        ROLES["cue"]: {(g.cue.start, g.cue.end) for g in gold if g.cue is not None},
        ROLES["source"]: {(s.start, s.end) for g in gold for s in g.sources},
    }
    for role, spans in by_role.items():
        for start, end in sorted(spans, key=lambda span: (span[0] - span[1], span)):
            start, end = trim(text, start, end)
            first, stop = bisect_right(ends, start), bisect_left(starts, end)
            if first >= stop or any(label != "O" for label in found[first:stop]):
                continue
            for k in range(first, stop):
                found[k] = ("B-" if k == first else "I-") + role
    return found


def fit(
    sequences: Sequence[tuple[list[list[str]], list[str]]],
    path: Path,
    args: argparse.Namespace,
) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for rows, tags in sequences:
        trainer.append(rows, tags)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.minfreq": args.min_count,
        }
    )
    trainer.train(str(path))


def scores(articles: Sequence[dict], predictions: Sequence[Sequence[Quote]]) -> dict:
    """The scorer's figures for the whole quote step's ``predictions``, one per article."""
    total: dict = {}
    for article, predicted in zip(articles, predictions, strict=True):
        scored = score_article(
            article["text"], article["gold"].quotes, without_nested_partials(predicted)
        )
        add_counts(total, scored["counts"])
    return figures(total)


def check_examples(
    article: dict, doc: object | None, tagger: QuoteTagger, *models: object
) -> tuple[list[Quote], list[tuple[Quote, list[str], int]]]:
    """The quotes kept before the tagger's, and each quote the tagger adds with the
    check's features and its label (1: a gold Content has exactly its span).
    ``models``: the filter and choosers, as ``learned_quotes`` takes them (by default
    the shipped ones)."""
    if doc is None:
        return [], []
    text = article["text"]
    sentences, entities = parsed(text, doc)
    kept, learned = learned_quotes(doc, text, sentences, entities, tagger, *models)
    gold = {trim(text, g.content.start, g.content.end) for g in article["gold"].quotes}
    return kept, [(q, names, int(trim(text, q.start, q.end) in gold)) for q, names in learned]


def fit_check(data: Sequence[tuple[list[str], int]]) -> tuple[dict[str, float], float]:
    """The check's weights and bias fitted on ``data``; with no examples, no weights."""
    if not data:
        return {}, 0.0
    return fit_named(data, CHECK_MIN_COUNT, CHECK_L2, CHECK_STEPS)


def checked_by_fold(
    folds: Sequence[Sequence[int]], examples: Sequence[tuple[list[Quote], list]]
) -> list[tuple[list[Quote], list[tuple[Quote, float]]]]:
    """Each article's kept quotes, and its learned quotes with the probability a check
    fitted on the other folds' examples gives them (``examples``: per article, the kept
    quotes and each learned quote with its features and label)."""
    scored: list = [None] * len(examples)
    for held in folds:
        held_set = set(held)
        data = [
            (names, label)
            for i, (_, learned) in enumerate(examples)
            if i not in held_set
            for _, names, label in learned
        ]
        check = QuoteFilter(*fit_check(data), 0.5)
        for i in held:
            kept, learned = examples[i]
            scored[i] = (kept, [(q, check.probability(names)) for q, names, _ in learned])
    return scored


def with_checked(
    kept: Sequence[Quote], learned: Sequence[tuple[Quote, float]], threshold: float
) -> list[Quote]:
    """``kept`` and the learned quotes whose check probability reaches ``threshold``,
    in order, as ``extract_quotes`` gives them."""
    added = [q for q, probability in learned if probability >= threshold]
    return sorted([*kept, *added], key=lambda q: (q.start, q.end))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "polnear")
    parser.add_argument("--out", type=Path, default=quote_tagger.MODEL_PATH)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--c1", type=float, default=C1, help="L1 penalty")
    parser.add_argument("--c2", type=float, default=C2, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument(
        "--check-threshold",
        type=float,
        help="ship this check threshold instead of the one cross-validation picks",
    )
    args = parser.parse_args(argv)
    if args.check_threshold is not None and args.check_threshold not in THRESHOLDS:
        parser.error(f"--check-threshold must be one of {', '.join(map(str, THRESHOLDS))}")

    began = time.perf_counter()
    articles, _ = load_split(args.data, "train", fragments=True)
    docs = cached_parses([a["text"] for a in articles], args.cache)
    sequences = []
    for article, doc in zip(articles, docs, strict=True):
        if doc is None:
            sequences.append(None)
            continue
        text = article["text"]
        sentences, entities = parsed(text, doc)
        read, offsets = tagger_input(doc, text, sentences, entities)
        gold = labels(text, offsets, article["gold"].quotes)
        sequences.append((quote_tagger.features(read), gold))
    print(
        f"{len(articles)} articles, {sum(len(s[1]) for s in sequences if s)} tokens",
        file=sys.stderr,
    )

    # Cross-validation: each fold's articles are tagged by a CRF fitted on the others,
    # and their learned quotes scored by a check fitted on the others' examples.
    folds = [list(range(k, len(articles), args.folds)) for k in range(args.folds)]
    examples: list = [None] * len(articles)
    with tempfile.TemporaryDirectory(prefix="quote-tagger-") as work:
        for k, held in enumerate(folds):
            held_set = set(held)
            path = Path(work) / f"fold{k}.crfsuite"
            fit([s for i, s in enumerate(sequences) if s and i not in held_set], path, args)
            tagger = QuoteTagger(path, SPAN_THRESHOLD)
            for i in held:
                examples[i] = check_examples(articles[i], docs[i], tagger)
            print(f"  fold {k + 1}/{args.folds} fitted", file=sys.stderr)
    scored = checked_by_fold(folds, examples)
    without = scores(articles, [kept for kept, _ in scored])
    unchecked = scores(articles, [with_checked(k, learned, 0.0) for k, learned in scored])
    table = []
    for threshold in THRESHOLDS:
        figs = scores(articles, [with_checked(k, learned, threshold) for k, learned in scored])
        total = sum(figs[t]["f1"] for t in TARGETS)
        table.append((threshold, total, {t: round(figs[t]["f1"], 4) for t in TARGETS}))
        print(
            f"  check threshold {threshold:.2f}: "
            + "  ".join(f"{t} {figs[t]['f1']:.4f}" for t in TARGETS),
            file=sys.stderr,
        )
    best = max(table, key=lambda row: (round(row[1], 6), row[0]))
    if args.check_threshold is not None:
        best = next(row for row in table if row[0] == args.check_threshold)
    everything = [(names, label) for _, learned in examples for _, names, label in learned]
    weights, bias = fit_check(everything)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    fit([s for s in sequences if s], args.out, args)
    settings = {
        "about": "Quote tagger for service.nlp.quotes; written by bench/train_quote_tagger.py",
        "threshold": SPAN_THRESHOLD,
        "check": {"threshold": best[0], "bias": bias, "weights": weights},
        "training": {
            "split": "PolNeAR train",
            "articles": len(articles),
            "c1": args.c1,
            "c2": args.c2,
            "iterations": args.iterations,
            "min_count": args.min_count,
            "folds": args.folds,
            "check_examples": len(everything),
            "check_min_count": CHECK_MIN_COUNT,
            "check_l2": CHECK_L2,
            "check_steps": CHECK_STEPS,
            "check_threshold": "cross-validated" if args.check_threshold is None else "given",
        },
        "cross_validation": {
            "without_tagger": {t: round(without[t]["f1"], 4) for t in TARGETS},
            "without_check": {t: round(unchecked[t]["f1"], 4) for t in TARGETS},
            "with_tagger": best[2],
            "by_check_threshold": [{"threshold": t, **f} for t, _, f in table],
        },
    }
    settings_path = args.out.with_suffix(".json")
    settings_path.write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {args.out} ({args.out.stat().st_size // 1024} KB) and {settings_path}: "
        f"check threshold {best[0]}, cross-validated {best[2]} against "
        f"{settings['cross_validation']['without_tagger']} without the tagger, "
        f"in {time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
