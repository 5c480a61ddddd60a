"""Train the quote filter (``service/nlp/quote_filter.json``) on PolNeAR train.

Usage (models as for the service; PolNeAR from ../shared/data/polnear):

    STANZA_RESOURCES_DIR=../shared/stanza_resources \
        .venv/bin/python bench/train_quote_filter.py --threshold 0.5

Every candidate quote the rules find in a train article is an example: positive
when its content overlaps a gold Content with character Jaccard >= 0.5 (after
the scorer's trimming), negative otherwise. A partial quote inside an indirect
one with the same cue is left out: it follows that quote's decision.

A logistic regression (L2, full-batch gradient descent, no randomness) is fitted
on the features of ``service.nlp.quote_filter.features`` seen at least
``--min-count`` times. The threshold is chosen by cross-validation on train
alone (articles split into ``--folds`` folds by their order): the one that
maximises the sum of the three target figures (exact content F1 over all
quotes, exact content+speaker F1 over direct quotes, exact speaker F1 over all),
scored as ``bench/quotes_polnear.py`` scores. The dev split is never read.
``--threshold`` ships a threshold of that table instead. The shipped one, 0.5, is the
choice of a cross-validation of the whole quote step (each fold's filter, choosers,
tagger and check fitted on the other folds): there 0.35, the best for the filter
alone, lost more on direct quotes after the choosers and tagger than it gained.
The final model is fitted on all of train and written with its threshold and the
cross-validated figures. The same inputs give the same file.

stanza's parses are kept in ``--cache`` (default ``.cache/polnear``), so a rerun
after a rule change takes a minute or two instead of several.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quotes_polnear import DEFAULT_DATA  # noqa: E402
from quotes_polnear import add_counts  # noqa: E402
from quotes_polnear import cached_parses  # noqa: E402
from quotes_polnear import figures  # noqa: E402
from quotes_polnear import jaccard  # noqa: E402
from quotes_polnear import load_split  # noqa: E402
from quotes_polnear import parsed  # noqa: E402
from quotes_polnear import score_article  # noqa: E402
from quotes_polnear import trim  # noqa: E402
from quotes_polnear import without_nested_partials  # noqa: E402

from service.nlp.quote_filter import MODEL_PATH  # noqa: E402
from service.nlp.quote_filter import QuoteFilter  # noqa: E402
from service.nlp.quote_filter import features  # noqa: E402
from service.nlp.quote_filter import followed  # noqa: E402
from service.nlp.quotes import candidate_quotes  # noqa: E402
from service.nlp.results import Quote  # noqa: E402

TARGETS = ("content|exact|all", "content+speaker|exact|direct", "speaker|exact|all")
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(0, 15))
# The fitting's defaults: features seen this often, L2, gradient steps.
MIN_COUNT, L2, STEPS = 3, 1e-4, 300


def candidates_of(text: str, doc: object | None) -> tuple[tuple[Quote, ...], dict[str, str]]:
    """The rules' quotes in a parsed text and the NER type of each entity id."""
    if doc is None:
        return (), {}
    sentences, entities = parsed(text, doc)
    return candidate_quotes(doc, text, sentences, entities), {e.id: e.type for e in entities}


def examples(
    article: dict, candidates: Sequence[Quote], types: dict[str, str]
) -> list[tuple[list[str], int]]:
    """The features and label of each candidate that decides for itself."""
    text = article["text"]
    gold = [trim(text, g.content.start, g.content.end) for g in article["gold"].quotes]
    found = []
    for quote, parent in zip(candidates, followed(candidates), strict=True):
        if parent is not None:
            continue
        span = trim(text, quote.start, quote.end)
        label = int(any(jaccard(span, g) >= 0.5 for g in gold))
        found.append((features(text, quote, types), label))
    return found


def adam(gradient: Callable[[np.ndarray], np.ndarray], size: int, steps: int) -> np.ndarray:
    """``size`` parameters from zero after ``steps`` full-batch Adam steps down ``gradient``."""
    params, first, second = np.zeros(size), np.zeros(size), np.zeros(size)
    rate, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        grad = gradient(params)
        first = beta1 * first + (1 - beta1) * grad
        second = beta2 * second + (1 - beta2) * grad * grad
        correction1, correction2 = 1 - beta1**step, 1 - beta2**step
        params -= rate * (first / correction1) / (np.sqrt(second / correction2) + eps)
    return params


def indexed(rows: Sequence[list[str]], min_count: int) -> tuple[list[str], list[list[int]]]:
    """The feature names seen in at least ``min_count`` of ``rows``, sorted, and each row
    as indices into them."""
    counts = Counter(name for names in rows for name in set(names))
    vocabulary = sorted(name for name, n in counts.items() if n >= min_count)
    index = {name: i for i, name in enumerate(vocabulary)}
    return vocabulary, [[index[n] for n in names if n in index] for names in rows]


def named(vocabulary: Sequence[str], weights: np.ndarray) -> dict[str, float]:
    """The non-zero weights by name, to 4 decimals."""
    kept = {name: round(float(w), 4) for name, w in zip(vocabulary, weights, strict=True)}
    return {n: w for n, w in kept.items() if w}


def fit(
    rows: Sequence[list[int]], labels: np.ndarray, size: int, l2: float, steps: int
) -> tuple[np.ndarray, float]:
    """Logistic regression over binary features: weights and bias (Adam, full batch)."""
    lengths = np.array([len(r) for r in rows])
    columns = np.concatenate([np.asarray(r, dtype=np.int64) for r in rows])
    owners = np.repeat(np.arange(len(rows)), lengths)

    def gradient(params: np.ndarray) -> np.ndarray:
        weights, bias = params[:size], params[size]
        scores = np.bincount(owners, weights=weights[columns], minlength=len(rows)) + bias
        error = 1.0 / (1.0 + np.exp(-scores)) - labels
        grad = np.bincount(columns, weights=error[owners], minlength=size) / len(rows)
        return np.append(grad + l2 * weights, error.mean())

    params = adam(gradient, size + 1, steps)
    return params[:size], float(params[size])


def fit_named(
    data: Sequence[tuple[list[str], int]], min_count: int, l2: float, steps: int
) -> tuple[dict[str, float], float]:
    """Logistic regression over named binary features seen at least ``min_count``
    times in ``data``: the non-zero weights by name (4 decimals) and the bias."""
    vocabulary, rows = indexed([names for names, _ in data], min_count)
    labels = np.array([label for _, label in data], dtype=float)
    weights, bias = fit(rows, labels, len(vocabulary), l2, steps)
    return named(vocabulary, weights), round(bias, 4)


def train(data: list[tuple[list[str], int]], min_count: int, l2: float, steps: int) -> QuoteFilter:
    """A filter fitted on ``data`` (threshold 0.5 until one is chosen)."""
    weights, bias = fit_named(data, min_count, l2, steps)
    return QuoteFilter(weights, bias, 0.5)


def scores(articles: list[dict], predictions: list[Sequence[Quote]]) -> dict:
    total: dict = {}
    for article, pred in zip(articles, predictions, strict=True):
        scored = score_article(
            article["text"], article["gold"].quotes, without_nested_partials(pred)
        )
        add_counts(total, scored["counts"])
    return figures(total)


def with_threshold(check: QuoteFilter, threshold: float) -> QuoteFilter:
    return QuoteFilter(check.weights, check.bias, threshold)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "polnear")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument(
        "--threshold",
        type=float,
        help="ship this threshold instead of the one the filter's cross-validation picks",
    )
    args = parser.parse_args(argv)
    if args.threshold is not None and args.threshold not in THRESHOLDS:
        parser.error(f"--threshold must be one of {', '.join(map(str, THRESHOLDS))}")

    began = time.perf_counter()
    articles, _ = load_split(args.data, "train", fragments=True)
    texts = [a["text"] for a in articles]
    docs = cached_parses(texts, args.cache)
    found = [candidates_of(t, d) for t, d in zip(texts, docs, strict=True)]
    candidates = [quotes for quotes, _ in found]
    types = [kinds for _, kinds in found]
    per_article = [examples(a, *f) for a, f in zip(articles, found, strict=True)]
    print(
        f"{len(articles)} articles, {sum(map(len, per_article))} candidates "
        f"({sum(label for ex in per_article for _, label in ex)} positive)",
        file=sys.stderr,
    )

    # Cross-validation: each fold's articles are filtered by a model fitted on the others.
    folds = [list(range(k, len(articles), args.folds)) for k in range(args.folds)]
    models = []
    for held in folds:
        held_set = set(held)
        data = [ex for i, ex_list in enumerate(per_article) if i not in held_set for ex in ex_list]
        models.append(train(data, args.min_count, args.l2, args.steps))
    fold_of = {i: k for k, held in enumerate(folds) for i in held}
    table = []
    for threshold in THRESHOLDS:
        predictions = [
            with_threshold(models[fold_of[i]], threshold).kept(
                articles[i]["text"], candidates[i], types[i]
            )
            for i in range(len(articles))
        ]
        figs = scores(articles, predictions)
        total = sum(figs[t]["f1"] for t in TARGETS)
        table.append((threshold, total, {t: figs[t]["f1"] for t in TARGETS}))
        print(
            f"  threshold {threshold:.2f}: "
            + "  ".join(f"{t} {figs[t]['f1']:.4f}" for t in TARGETS),
            file=sys.stderr,
        )
    best = max(table, key=lambda row: (round(row[1], 6), -row[0]))
    if args.threshold is not None:
        best = next(row for row in table if row[0] == args.threshold)
    unfiltered = table[0]

    final = with_threshold(
        train(
            [ex for ex_list in per_article for ex in ex_list], args.min_count, args.l2, args.steps
        ),
        best[0],
    )
    report = {
        "about": "Quote filter for service.nlp.quotes; written by bench/train_quote_filter.py",
        "trained_on": f"PolNeAR train, {len(articles)} articles, "
        f"{sum(map(len, per_article))} candidate quotes",
        "settings": {
            "min_count": args.min_count,
            "l2": args.l2,
            "steps": args.steps,
            "folds": args.folds,
            "threshold": "given" if args.threshold is not None else "cross-validated",
        },
        "cross_validation": {
            "without_filter": unfiltered[2],
            "with_filter": best[2],
        },
        "threshold": best[0],
        "bias": final.bias,
        "weights": dict(sorted(final.weights.items())),
    }
    args.out.write_text(json.dumps(report, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"threshold {best[0]:.2f}; cross-validated on train, without → with the filter:",
        file=sys.stderr,
    )
    for target in TARGETS:
        print(f"  {target}: {unfiltered[2][target]:.4f} → {best[2][target]:.4f}", file=sys.stderr)
    print(
        f"{len(final.weights)} weights written to {args.out} "
        f"in {time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
