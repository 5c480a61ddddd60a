"""Cross-validate the whole quote step on PolNeAR train, every learned part fitted per fold.

Usage (models as for the service; PolNeAR from ../shared/data/polnear):

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/cv_quote_step.py

Each trainer cross-validates its own model with the models after it in the
pipeline left out, or those before it as shipped (fitted on all of train, the
held-out fold included). This script scores the pipeline as it runs in service
with none of that: train's articles are split into ``--folds`` folds by their
order, as the trainers split them, and for each fold, on the other folds alone,

1. the filter is fitted (``train_quote_filter``; ``--filter-threshold``, the
   shipped 0.5 by default);
2. the start, end and speaker-end choosers are fitted on the quotes that filter
   keeps, each on the quotes as the ones before it leave them (``train_quote_ends``);
3. the tagger's CRF is fitted on the tokens as that filter scores them
   (``train_quote_tagger``'s settings);
4. the tagger's check is fitted on the quotes each other fold's own CRF adds to
   that fold's articles (with that fold's filter and choosers), as the tagger's
   trainer fits it.

The fold's articles are then read by its own filter, choosers, CRF and check, and
the whole split is scored as ``bench/quotes_polnear.py`` scores it: the three
target figures (exact content F1, exact content + speaker F1 on direct quotes,
exact speaker F1) without the tagger and at each check threshold the tagger's
trainer offers. The dev split is never read and nothing is written but the
report (``--json FILE`` keeps it). It takes about as long as the tagger's trainer,
whose five fold CRFs it fits too (10 to 45 minutes on this machine with the parse cache,
by the day).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_quote_ends as ends_trainer  # noqa: E402
import train_quote_filter as filter_trainer  # noqa: E402
import train_quote_tagger as tagger_trainer  # noqa: E402
from quotes_polnear import DEFAULT_DATA  # noqa: E402
from quotes_polnear import cached_parses  # noqa: E402
from quotes_polnear import load_split  # noqa: E402
from quotes_polnear import parsed  # noqa: E402

from service.nlp import quote_tagger  # noqa: E402
from service.nlp.quote_ends import Chooser  # noqa: E402
from service.nlp.quote_filter import QuoteFilter  # noqa: E402
from service.nlp.quote_tagger import QuoteTagger  # noqa: E402
from service.nlp.quotes import end_choices  # noqa: E402
from service.nlp.quotes import speaker_choices  # noqa: E402
from service.nlp.quotes import start_choices  # noqa: E402
from service.nlp.quotes import tagger_input  # noqa: E402

TARGETS = tagger_trainer.TARGETS
# The tagger trainer's CRF settings, as its command line defaults them.
CRF = argparse.Namespace(
    c1=tagger_trainer.C1,
    c2=tagger_trainer.C2,
    iterations=tagger_trainer.ITERATIONS,
    min_count=tagger_trainer.MIN_COUNT,
)


class Article:
    """A train article with its parse, sentences and entities, read once."""

    def __init__(self, article: dict, doc: object | None) -> None:
        self.text: str = article["text"]
        self.gold = article["gold"].quotes
        self.article = article
        self.doc = doc
        self.sentences, self.entities = parsed(self.text, doc) if doc is not None else ((), ())

    def parts(self) -> tuple:
        return self.doc, self.text, self.sentences, self.entities


def fit_filter(examples: Sequence[list], which: Sequence[int], threshold: float) -> QuoteFilter:
    """A filter fitted on the filter examples (one list per article) of ``which``."""
    data = [ex for i in which for ex in examples[i]]
    t = filter_trainer
    return t.with_threshold(t.train(data, t.MIN_COUNT, t.L2, t.STEPS), threshold)


def fit_choosers(
    articles: Sequence[Article], which: Sequence[int], check: QuoteFilter
) -> tuple[Chooser, Chooser, Chooser]:
    """The start, end and speaker-end choosers on the quotes ``check`` keeps."""

    present = [articles[i] for i in which if articles[i].doc is not None]
    data = []
    for a in present:
        choices = start_choices(*a.parts(), check=check)
        data += ends_trainer.examples(a.text, choices, a.gold, "start")
    starts = ends_trainer.fit_chooser(data)
    data = []
    for a in present:
        choices = end_choices(*a.parts(), check=check, starts=starts)
        data += ends_trainer.examples(a.text, choices, a.gold, "end")
    ends = ends_trainer.fit_chooser(data)
    data = []
    for a in present:
        choices = speaker_choices(*a.parts(), check=check, starts=starts, ends=ends)
        data += ends_trainer.speaker_examples(a.text, choices, a.gold)
    return starts, ends, ends_trainer.fit_chooser(data)


def fit_crf(articles: Sequence[Article], which: Sequence[int], check: QuoteFilter, path: Path):
    sequences = []
    for i in which:
        a = articles[i]
        if a.doc is None:
            continue
        read, offsets = tagger_input(*a.parts(), check=check)
        gold = tagger_trainer.labels(a.text, offsets, a.gold)
        sequences.append((quote_tagger.features(read), gold))
    tagger_trainer.fit(sequences, path, CRF)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "polnear")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, help="the first N articles only (a quick try)")
    parser.add_argument("--filter-threshold", type=float, default=0.5)
    parser.add_argument("--json", type=Path, help="write the figures to this file too")
    args = parser.parse_args(argv)

    began = time.perf_counter()
    raw, _ = load_split(args.data, "train", args.limit, fragments=True)
    docs = cached_parses([a["text"] for a in raw], args.cache)
    articles = [Article(a, d) for a, d in zip(raw, docs, strict=True)]
    # The filter's examples are the rules' candidates, the same in every fold.
    filter_examples = [
        filter_trainer.examples(a.article, *filter_trainer.candidates_of(a.text, a.doc))
        for a in articles
    ]
    folds = [list(range(k, len(articles), args.folds)) for k in range(args.folds)]
    # Per article: the quotes its fold's filter and choosers keep, and those its
    # fold's CRF adds, with the check's features and label.
    read: list = [None] * len(articles)
    with tempfile.TemporaryDirectory(prefix="quote-step-cv-") as work:
        for k, held in enumerate(folds):
            held_set = set(held)
            rest = [i for i in range(len(articles)) if i not in held_set]
            check = fit_filter(filter_examples, rest, args.filter_threshold)
            starts, ends, speaker_ends = fit_choosers(articles, rest, check)
            path = Path(work) / f"fold{k}.crfsuite"
            fit_crf(articles, rest, check, path)
            tagger = QuoteTagger(path, tagger_trainer.SPAN_THRESHOLD)
            for i in held:
                read[i] = tagger_trainer.check_examples(
                    articles[i].article, articles[i].doc, tagger, check, ends, starts, speaker_ends
                )
            print(
                f"  fold {k + 1}/{args.folds} done ({time.perf_counter() - began:.0f} s)",
                file=sys.stderr,
            )
    scored = tagger_trainer.checked_by_fold(folds, read)

    def figures(threshold: float | None) -> dict[str, float]:
        predictions = [
            kept if threshold is None else tagger_trainer.with_checked(kept, learned, threshold)
            for kept, learned in scored
        ]
        figs = tagger_trainer.scores(raw, predictions)
        return {t: round(figs[t]["f1"], 4) for t in TARGETS}

    report = {
        "folds": args.folds,
        "filter_threshold": args.filter_threshold,
        "without_tagger": figures(None),
        "by_check_threshold": [{"threshold": t, **figures(t)} for t in tagger_trainer.THRESHOLDS],
    }
    print("whole quote step, cross-validated on train (" + ", ".join(TARGETS) + "):")
    rows = [("without tagger", report["without_tagger"])]
    rows += [(f"check threshold {r['threshold']}", r) for r in report["by_check_threshold"]]
    for name, figs in rows:
        total = sum(figs[t] for t in TARGETS)
        print(
            f"  {name:>22}: " + "  ".join(f"{figs[t]:.4f}" for t in TARGETS) + f"  sum {total:.4f}"
        )
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
