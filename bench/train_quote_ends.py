"""Train the quote-end chooser (``service/nlp/quote_ends.json``) on PolNeAR train.

Usage (models as for the service; PolNeAR from ../shared/data/polnear):

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/train_quote_ends.py

Each indirect quote the rules find and the shipped filter keeps, with its cue
before it, is a choice among its possible ends (``service.nlp.quotes.end_choices``).
When a gold Content starts where the quote starts (after the scorer's
trimming) and one of the possible ends is its end, every possible end is an
example: positive for that one, negative for the others. Quotes with no such
gold Content teach nothing and are left out.

A logistic regression (L2, full-batch gradient descent, no randomness; the
filter's trainer) is fitted on the features seen at least ``--min-count``
times, and a content ends at the best-scoring end. Cross-validation on train
alone (articles split into ``--folds`` folds by their order) measures the rules
and the filter with and without the chooser, scored as ``bench/quotes_polnear.py``
scores; the dev split is never read. The final model is fitted on all of train
and written with the cross-validated figures. The same inputs give the same file.
Retrain it after the filter (it learns from the quotes the filter keeps).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

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
from train_quote_filter import TARGETS  # noqa: E402
from train_quote_filter import fit_named  # noqa: E402

from service.nlp.quote_ends import MODEL_PATH  # noqa: E402
from service.nlp.quote_ends import EndChooser  # noqa: E402
from service.nlp.quotes import EndChoice  # noqa: E402
from service.nlp.quotes import end_choices  # noqa: E402
from service.nlp.quotes import extract_quotes  # noqa: E402

_SHOWN = (*TARGETS, "content|jaccard|all")


def examples(
    text: str, choices: Sequence[EndChoice], gold: Sequence[GoldQuote]
) -> list[tuple[list[str], int]]:
    """Every possible end of each choice whose start a gold Content shares, labelled
    1 where that Content ends (choices with no gold end among theirs are left out)."""
    gold_spans = {trim(text, g.content.start, g.content.end) for g in gold}
    found = []
    for choice in choices:
        start = trim(text, choice.quote.start, choice.quote.end)[0]
        ends = {end for s, end in gold_spans if s == start}
        labels = [int(trim(text, choice.quote.start, end)[1] in ends) for end in choice.ends]
        if any(labels):
            found += zip(choice.rows, labels, strict=True)
    return found


def scores(articles: Sequence[dict], docs: Sequence, choosers: Sequence[EndChooser | None]) -> dict:
    """The scorer's figures for the rules and the filter, each article with its chooser."""
    total: dict = {}
    for article, doc, chooser in zip(articles, docs, choosers, strict=True):
        text = article["text"]
        predicted: tuple = ()
        if doc is not None:
            sentences, entities = parsed(text, doc)
            predicted = extract_quotes(doc, text, sentences, entities, tagger=None, ends=chooser)
        scored = score_article(text, article["gold"].quotes, without_nested_partials(predicted))
        add_counts(total, scored["counts"])
    figs = figures(total)
    return {name: round(figs[name]["f1"], 4) for name in _SHOWN}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "polnear")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=10)
    parser.add_argument("--l2", type=float, default=1e-5)
    parser.add_argument("--steps", type=int, default=300)
    args = parser.parse_args(argv)

    began = time.perf_counter()
    articles, _ = load_split(args.data, "train", fragments=True)
    docs = cached_parses([a["text"] for a in articles], args.cache)
    per_article = []
    for article, doc in zip(articles, docs, strict=True):
        if doc is None:
            per_article.append([])
            continue
        text = article["text"]
        sentences, entities = parsed(text, doc)
        choices = end_choices(doc, text, sentences, entities)
        per_article.append(examples(text, choices, article["gold"].quotes))
    print(
        f"{len(articles)} articles, {sum(map(len, per_article))} possible ends "
        f"({sum(label for ex in per_article for _, label in ex)} right)",
        file=sys.stderr,
    )

    # Cross-validation: each fold's articles are read by a chooser fitted on the others.
    folds = [list(range(k, len(articles), args.folds)) for k in range(args.folds)]
    fold_of = {i: k for k, held in enumerate(folds) for i in held}
    models = []
    for held in folds:
        held_set = set(held)
        data = [ex for i, exs in enumerate(per_article) if i not in held_set for ex in exs]
        models.append(EndChooser(fit_named(data, args.min_count, args.l2, args.steps)[0]))
    without = scores(articles, docs, [None] * len(articles))
    with_ends = scores(articles, docs, [models[fold_of[i]] for i in range(len(articles))])

    weights, _ = fit_named(
        [ex for exs in per_article for ex in exs], args.min_count, args.l2, args.steps
    )
    report = {
        "about": "Quote-end chooser for service.nlp.quotes; written by bench/train_quote_ends.py",
        "trained_on": f"PolNeAR train, {len(articles)} articles, "
        f"{sum(map(len, per_article))} possible ends",
        "settings": {
            "min_count": args.min_count,
            "l2": args.l2,
            "steps": args.steps,
            "folds": args.folds,
        },
        "cross_validation": {"rules_and_filter": without, "with_chosen_ends": with_ends},
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(report, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        "cross-validated on train (rules and filter), without → with the chooser:", file=sys.stderr
    )
    for name in _SHOWN:
        print(f"  {name}: {without[name]:.4f} → {with_ends[name]:.4f}", file=sys.stderr)
    print(
        f"{len(weights)} weights written to {args.out} in {time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
