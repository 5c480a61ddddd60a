"""Train the quote tagger (``service/nlp/quote_tagger.crfsuite`` and ``.json``) on PolNeAR train.

Usage (models as for the service; PolNeAR from ../shared/data/polnear):

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/train_quote_tagger.py

Each train article is one sequence: its tokens as ``service.nlp.quotes.tagger_input``
gives them to the tagger in service (the rules' candidates scored by the shipped
filter, so train the filter first), labelled from the gold spans after the
scorer's trimming: Content first (longer spans first when they overlap), then
Cue, then Source, each on tokens no earlier span holds.

A linear-chain CRF (python-crfsuite, L-BFGS with L1 and L2 penalties) is
fitted. The confidence threshold is chosen by cross-validation on train alone
(articles split into ``--folds`` folds by their order): the one that maximises
the sum of the three target figures (exact content F1 over all quotes, exact
content+speaker F1 over direct quotes, exact speaker F1 over all), scored as
``bench/quotes_polnear.py`` scores the whole quote step. The dev split is never
read. The final CRF is fitted on all of train and written with its threshold and
the cross-validated figures. The same inputs give the same files.
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

from service.nlp import quote_tagger  # noqa: E402
from service.nlp.quote_tagger import ROLES  # noqa: E402
from service.nlp.quote_tagger import QuoteTagger  # noqa: E402
from service.nlp.quotes import extract_quotes  # noqa: E402
from service.nlp.quotes import tagger_input  # noqa: E402

TARGETS = ("content|exact|all", "content+speaker|exact|direct", "speaker|exact|all")
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


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


def scores(
    articles: Sequence[dict], docs: Sequence[object | None], taggers: Sequence[QuoteTagger | None]
) -> dict:
    """The scorer's figures for the whole quote step, each article with its tagger."""
    total: dict = {}
    for article, doc, tagger in zip(articles, docs, taggers, strict=True):
        text = article["text"]
        predicted: tuple = ()
        if doc is not None:
            sentences, entities = parsed(text, doc)
            predicted = extract_quotes(doc, text, sentences, entities, tagger=tagger)
        scored = score_article(text, article["gold"].quotes, without_nested_partials(predicted))
        add_counts(total, scored["counts"])
    return figures(total)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "polnear")
    parser.add_argument("--out", type=Path, default=quote_tagger.MODEL_PATH)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--c1", type=float, default=1.0, help="L1 penalty")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=60)
    args = parser.parse_args(argv)

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

    # Cross-validation: each fold's articles are tagged by a CRF fitted on the others.
    folds = [list(range(k, len(articles), args.folds)) for k in range(args.folds)]
    fold_of = {i: k for k, held in enumerate(folds) for i in held}
    without = scores(articles, docs, [None] * len(articles))
    table = []
    with tempfile.TemporaryDirectory(prefix="quote-tagger-") as work:
        fold_paths = []
        for k, held in enumerate(folds):
            held_set = set(held)
            path = Path(work) / f"fold{k}.crfsuite"
            fit([s for i, s in enumerate(sequences) if s and i not in held_set], path, args)
            fold_paths.append(path)
            print(f"  fold {k + 1}/{args.folds} fitted", file=sys.stderr)
        for threshold in THRESHOLDS:
            taggers = [QuoteTagger(p, threshold) for p in fold_paths]
            figs = scores(articles, docs, [taggers[fold_of[i]] for i in range(len(articles))])
            total = sum(figs[t]["f1"] for t in TARGETS)
            table.append((threshold, total, {t: round(figs[t]["f1"], 4) for t in TARGETS}))
            print(
                f"  threshold {threshold:.2f}: "
                + "  ".join(f"{t} {figs[t]['f1']:.4f}" for t in TARGETS),
                file=sys.stderr,
            )
    best = max(table, key=lambda row: (round(row[1], 6), row[0]))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    fit([s for s in sequences if s], args.out, args)
    settings = {
        "about": "Quote tagger for service.nlp.quotes; written by bench/train_quote_tagger.py",
        "threshold": best[0],
        "training": {
            "split": "PolNeAR train",
            "articles": len(articles),
            "c1": args.c1,
            "c2": args.c2,
            "iterations": args.iterations,
            "min_count": args.min_count,
            "folds": args.folds,
        },
        "cross_validation": {
            "without_tagger": {t: round(without[t]["f1"], 4) for t in TARGETS},
            "with_tagger": best[2],
            "by_threshold": [{"threshold": t, **f} for t, _, f in table],
        },
    }
    settings_path = args.out.with_suffix(".json")
    settings_path.write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {args.out} ({args.out.stat().st_size // 1024} KB) and {settings_path}: "
        f"threshold {best[0]}, cross-validated {best[2]} against "
        f"{settings['cross_validation']['without_tagger']} without the tagger, "
        f"in {time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
