"""Train the quote start and end choosers and the speaker-end chooser
(``service/nlp/quote_starts.json``, ``quote_ends.json``, ``quote_speaker_ends.json``)
on PolNeAR train.

Usage (models as for the service; PolNeAR from ../shared/data/polnear):

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/train_quote_ends.py

Each indirect quote the rules find and the shipped filter keeps, with its cue
before it, is a choice among its possible starts
(``service.nlp.quotes.start_choices``). When a gold Content ends where the
quote ends and one of the possible starts is its start (after the scorer's
trimming), every possible start is an example: positive for that one,
negative for the others. The ends are learned the same way, from the quotes
as the start chooser leaves them (``end_choices``): when a gold Content starts
where the quote starts, every possible end is an example. Quotes with no such
gold Content teach nothing and are left out. Speakers' ends are learned from
the quotes as both choosers leave them (``speaker_choices``): when a gold
Source of the quote's attribution (the gold with an overlapping cue or a
content that matches by overlap) starts where the speaker starts, every
possible end of the speaker is an example.

A logistic regression (L2, full-batch gradient descent, no randomness; the
filter's trainer) is fitted for each on the features seen at least
``--min-count`` times, and the best-scoring choice wins. Cross-validation on
train alone (articles split into ``--folds`` folds by their order; each fold
read by choosers fitted on the others) measures the rules and the filter, then
with each chooser added in turn (``_STAGES``), scored as
``bench/quotes_polnear.py`` scores; the dev split is never read. The final
models are fitted on all of train and written with the cross-validated
figures. The same inputs give the same files. Retrain them after the filter
(they learn from the quotes the filter keeps).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quotes_polnear import DEFAULT_DATA  # noqa: E402
from quotes_polnear import GoldQuote  # noqa: E402
from quotes_polnear import add_counts  # noqa: E402
from quotes_polnear import cached_parses  # noqa: E402
from quotes_polnear import figures  # noqa: E402
from quotes_polnear import jaccard  # noqa: E402
from quotes_polnear import load_split  # noqa: E402
from quotes_polnear import parsed  # noqa: E402
from quotes_polnear import score_article  # noqa: E402
from quotes_polnear import trim  # noqa: E402
from quotes_polnear import without_nested_partials  # noqa: E402
from train_quote_filter import TARGETS  # noqa: E402
from train_quote_filter import adam  # noqa: E402
from train_quote_filter import fit_named  # noqa: E402
from train_quote_filter import indexed  # noqa: E402
from train_quote_filter import named  # noqa: E402

from service.nlp.quote_ends import ENDS_PATH  # noqa: E402
from service.nlp.quote_ends import SPEAKER_ENDS_PATH  # noqa: E402
from service.nlp.quote_ends import STARTS_PATH  # noqa: E402
from service.nlp.quote_ends import Chooser  # noqa: E402
from service.nlp.quotes import Choice  # noqa: E402
from service.nlp.quotes import end_choices  # noqa: E402
from service.nlp.quotes import extract_quotes  # noqa: E402
from service.nlp.quotes import speaker_choices  # noqa: E402
from service.nlp.quotes import start_choices  # noqa: E402

_SHOWN = (*TARGETS, "content|jaccard|all", "content+speaker|exact|all", "speaker|jaccard|all")
# The stages of the cross-validation: each uses one more chooser than the one before.
_STAGES = (
    "rules_and_filter",
    "with_chosen_starts",
    "with_chosen_starts_and_ends",
    "with_chosen_speaker_ends_too",
)
_FILES = (
    (STARTS_PATH, "start"),
    (ENDS_PATH, "end"),
    (SPEAKER_ENDS_PATH, "speaker-end"),
)

# One choice: the features of each of its options and whether each is right.
Example = tuple[list[list[str]], list[int]]
# The fitting's defaults: features seen this often, L2, gradient steps.
MIN_COUNT, L2, STEPS = 10, 1e-5, 300


def examples(
    text: str, choices: Sequence[Choice], gold: Sequence[GoldQuote], side: str
) -> list[Example]:
    """Every possible end (``side`` "end") or start ("start") of each choice whose
    other side a gold Content shares, labelled 1 where that Content ends or starts
    (choices with no gold one among theirs are left out)."""
    gold_spans = {trim(text, g.content.start, g.content.end) for g in gold}
    found = []
    for choice in choices:
        quote = choice.quote
        if side == "end":
            start = trim(text, quote.start, quote.end)[0]
            right = {end for s, end in gold_spans if s == start}
            labels = [int(trim(text, quote.start, o)[1] in right) for o in choice.offsets]
        else:
            end = trim(text, quote.start, quote.end)[1]
            right = {start for start, e in gold_spans if e == end}
            labels = [int(trim(text, o, quote.end)[0] in right) for o in choice.offsets]
        if any(labels):
            found.append((choice.rows, labels))
    return found


def speaker_examples(
    text: str, choices: Sequence[Choice], gold: Sequence[GoldQuote]
) -> list[Example]:
    """Every possible end of each choice's speaker, labelled 1 where a gold Source
    of its attribution ends that starts where the speaker starts (choices with no
    such Source are left out). A gold attribution is the quote's when their cues
    overlap or their contents match by overlap (Jaccard >= 0.5)."""
    found = []
    for choice in choices:
        quote, speaker = choice.quote, choice.quote.speaker
        if speaker is None:
            continue
        content = trim(text, quote.start, quote.end)
        start = trim(text, speaker.start, speaker.end)[0]
        right = set()
        for g in gold:
            cued = g.cue is not None and quote.cue is not None
            cued = cued and g.cue.start < quote.cue.end and quote.cue.start < g.cue.end
            if cued or jaccard(content, trim(text, g.content.start, g.content.end)) >= 0.5:
                for source in g.sources:
                    s, e = trim(text, source.start, source.end)
                    if s == start:
                        right.add(e)
        labels = [int(trim(text, speaker.start, o)[1] in right) for o in choice.offsets]
        if any(labels):
            found.append((choice.rows, labels))
    return found


def fit_chooser(
    data: Sequence[Example],
    min_count: int = MIN_COUNT,
    l2: float = L2,
    steps: int = STEPS,
    objective: str = "pointwise",
) -> Chooser:
    """A chooser fitted on ``data``: a logistic regression over every option alone
    (``pointwise``, shipped) or a conditional logit over each choice's options
    (``listwise``)."""
    if objective == "listwise":
        return Chooser(fit_choices(data, min_count, l2, steps))
    flat = [(row, label) for rows, labels in data for row, label in zip(rows, labels, strict=True)]
    return Chooser(fit_named(flat, min_count, l2, steps)[0])


def fit_choices(data: Sequence[Example], min_count: int, l2: float, steps: int) -> dict[str, float]:
    """A conditional logit over each choice's options (softmax within a choice; the
    likelihood of its right options together), on features seen in at least
    ``min_count`` options: the non-zero weights by name (4 decimals)."""
    vocabulary, rows = indexed([row for group, _ in data for row in group], min_count)
    labels = np.array([label for _, group in data for label in group], dtype=float)
    sizes = np.array([len(group) for group, _ in data])
    firsts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    owner_group = np.repeat(np.arange(len(data)), sizes)
    lengths = np.array([len(r) for r in rows])
    columns = np.concatenate([np.asarray(r, dtype=np.int64) for r in rows])
    owners = np.repeat(np.arange(len(rows)), lengths)
    size = len(vocabulary)

    def gradient(weights: np.ndarray) -> np.ndarray:
        scores = np.bincount(owners, weights=weights[columns], minlength=len(rows))
        scores -= np.maximum.reduceat(scores, firsts)[owner_group]
        exp = np.exp(scores)
        p = exp / np.add.reduceat(exp, firsts)[owner_group]
        right = exp * labels
        q = right / np.add.reduceat(right, firsts)[owner_group]
        grad = np.bincount(columns, weights=(p - q)[owners], minlength=size) / len(data)
        return grad + l2 * weights

    return named(vocabulary, adam(gradient, size, steps))


def scores(
    articles: Sequence[dict],
    docs: Sequence,
    starts: Sequence[Chooser | None],
    ends: Sequence[Chooser | None],
    speaker_ends: Sequence[Chooser | None],
) -> dict:
    """The scorer's figures for the rules and the filter, each article with its choosers."""
    total: dict = {}
    for article, doc, start, end, speaker_end in zip(
        articles, docs, starts, ends, speaker_ends, strict=True
    ):
        text = article["text"]
        predicted: tuple = ()
        if doc is not None:
            sentences, entities = parsed(text, doc)
            predicted = extract_quotes(
                doc,
                text,
                sentences,
                entities,
                tagger=None,
                ends=end,
                starts=start,
                speaker_ends=speaker_end,
            )
        scored = score_article(text, article["gold"].quotes, without_nested_partials(predicted))
        add_counts(total, scored["counts"])
    figs = figures(total)
    return {name: round(figs[name]["f1"], 4) for name in _SHOWN}


def _examples_in(
    articles: Sequence[dict],
    docs: Sequence,
    which: Sequence[int],
    read: Callable[[object, str, Sequence, Sequence, Sequence[GoldQuote]], list[Example]],
) -> list[Example]:
    """What ``read`` makes of each parsed article of ``which`` (its parse, text,
    sentences, entities and gold quotes), together."""
    found = []
    for i in which:
        if docs[i] is None:
            continue
        text = articles[i]["text"]
        sentences, entities = parsed(text, docs[i])
        found += read(docs[i], text, sentences, entities, articles[i]["gold"].quotes)
    return found


def end_examples(
    articles: Sequence[dict], docs: Sequence, which: Sequence[int], starts: Chooser
) -> list[Example]:
    """The end examples of the articles ``which``, their starts chosen by ``starts``."""

    def read(
        doc: object, text: str, sentences: Sequence, entities: Sequence, gold: Sequence[GoldQuote]
    ) -> list[Example]:
        choices = end_choices(doc, text, sentences, entities, starts=starts)
        return examples(text, choices, gold, "end")

    return _examples_in(articles, docs, which, read)


def speaker_end_examples(
    articles: Sequence[dict], docs: Sequence, which: Sequence[int], starts: Chooser, ends: Chooser
) -> list[Example]:
    """The speaker examples of the articles ``which``, their quotes' bounds chosen by
    ``starts`` and ``ends``."""

    def read(
        doc: object, text: str, sentences: Sequence, entities: Sequence, gold: Sequence[GoldQuote]
    ) -> list[Example]:
        choices = speaker_choices(doc, text, sentences, entities, starts=starts, ends=ends)
        return speaker_examples(text, choices, gold)

    return _examples_in(articles, docs, which, read)


def _write(path: Path, what: str, report: dict, weights: dict) -> None:
    report = {
        "about": f"Quote-{what} chooser for service.nlp.quotes; written by "
        "bench/train_quote_ends.py",
        **report,
        "weights": dict(sorted(weights.items())),
    }
    path.write_text(json.dumps(report, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "polnear")
    parser.add_argument(
        "--out",
        type=Path,
        default=ENDS_PATH.parent,
        help="the folder to write the three choosers in",
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument(
        "--objective",
        choices=("pointwise", "listwise"),
        default="pointwise",
        help="fit each option alone (shipped) or each choice's options together",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    def fit(data: list[Example]) -> Chooser:
        return fit_chooser(data, args.min_count, args.l2, args.steps, args.objective)

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
        choices = start_choices(doc, text, sentences, entities)
        per_article.append(examples(text, choices, article["gold"].quotes, "start"))
    print(
        f"{len(articles)} articles, {sum(len(r) for ex in per_article for r, _ in ex)} "
        f"possible starts ({sum(sum(ls) for ex in per_article for _, ls in ex)} right)",
        file=sys.stderr,
    )

    def fit_all(which: Sequence[int]) -> list[tuple[Chooser, int]]:
        """The three choosers fitted on the articles ``which``, each on the quotes
        as the ones before it leave them, with how many examples each had."""
        data = [ex for i in which for ex in per_article[i]]
        starts = fit(data)
        found = [(starts, len(data))]
        data = end_examples(articles, docs, which, starts)
        ends = fit(data)
        found.append((ends, len(data)))
        data = speaker_end_examples(articles, docs, which, starts, ends)
        found.append((fit(data), len(data)))
        return found

    # Cross-validation: each fold's articles are read by choosers fitted on the others.
    folds = [list(range(k, len(articles), args.folds)) for k in range(args.folds)]
    fold_of = {i: k for k, held in enumerate(folds) for i in held}
    models = []
    for held in folds:
        held_set = set(held)
        fitted = fit_all([i for i in range(len(articles)) if i not in held_set])
        models.append([chooser for chooser, _ in fitted])
    own = [models[fold_of[i]] for i in range(len(articles))]
    nothing = [None] * len(articles)
    stages = {}
    for used, name in enumerate(_STAGES):
        chosen = [[m[k] for m in own] if k < used else nothing for k in range(len(_FILES))]
        stages[name] = scores(articles, docs, *chosen)

    final = fit_all(range(len(articles)))
    settings = {
        "min_count": args.min_count,
        "l2": args.l2,
        "steps": args.steps,
        "folds": args.folds,
        "objective": args.objective,
    }
    for (chooser, count), (path, what) in zip(final, _FILES, strict=True):
        _write(
            args.out / path.name,
            what,
            {
                "trained_on": f"PolNeAR train, {len(articles)} articles, "
                f"{count} possible {what.replace('-', ' ')}s",
                "settings": settings,
                "cross_validation": stages,
            },
            chooser.weights,
        )
    print("cross-validated on train: " + " → ".join(_STAGES), file=sys.stderr)
    for name in _SHOWN:
        print(
            f"  {name}: " + " → ".join(f"{f[name]:.4f}" for f in stages.values()), file=sys.stderr
        )
    print(
        f"{', '.join(str(len(c.weights)) for c, _ in final)} weights written to "
        f"{', '.join(path.name for path, _ in _FILES)} in {args.out} "
        f"in {time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
