"""Train the quote start, end and speaker choosers (``service/nlp/quote_starts.json``,
``service/nlp/quote_ends.json``, ``service/nlp/quote_speakers.json``) on PolNeAR train.

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
gold Content teach nothing and are left out. Speakers are learned from the
quotes as both choosers leave them (``speaker_choices``): when a gold Source of
the quote's attribution (the gold with an overlapping cue or a content that
matches by overlap) starts where the speaker starts, every possible end of the
speaker is an example.

A logistic regression (L2, full-batch gradient descent, no randomness; the
filter's trainer) is fitted for each on the features seen at least
``--min-count`` times, and the best-scoring choice wins. Cross-validation on
train alone (articles split into ``--folds`` folds by their order; each fold
read by choosers fitted on the others) measures the rules and the filter, then
with chosen starts, then with chosen starts and ends, then with chosen speaker
ends as well, scored as
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
from quotes_polnear import jaccard  # noqa: E402
from quotes_polnear import load_split  # noqa: E402
from quotes_polnear import parsed  # noqa: E402
from quotes_polnear import score_article  # noqa: E402
from quotes_polnear import trim  # noqa: E402
from quotes_polnear import without_nested_partials  # noqa: E402
from train_quote_filter import TARGETS  # noqa: E402
from train_quote_filter import fit_named  # noqa: E402

from service.nlp.quote_ends import ENDS_PATH  # noqa: E402
from service.nlp.quote_ends import SPEAKERS_PATH  # noqa: E402
from service.nlp.quote_ends import STARTS_PATH  # noqa: E402
from service.nlp.quote_ends import Chooser  # noqa: E402
from service.nlp.quotes import Choice  # noqa: E402
from service.nlp.quotes import end_choices  # noqa: E402
from service.nlp.quotes import extract_quotes  # noqa: E402
from service.nlp.quotes import speaker_choices  # noqa: E402
from service.nlp.quotes import start_choices  # noqa: E402

_SHOWN = (*TARGETS, "content|jaccard|all", "content+speaker|exact|all", "speaker|jaccard|all")

Example = tuple[list[str], int]


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
            found += zip(choice.rows, labels, strict=True)
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
            found += zip(choice.rows, labels, strict=True)
    return found


def scores(
    articles: Sequence[dict],
    docs: Sequence,
    starts: Sequence[Chooser | None],
    ends: Sequence[Chooser | None],
    speakers: Sequence[Chooser | None],
) -> dict:
    """The scorer's figures for the rules and the filter, each article with its choosers."""
    total: dict = {}
    for article, doc, start, end, speaker in zip(
        articles, docs, starts, ends, speakers, strict=True
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
                speakers=speaker,
            )
        scored = score_article(text, article["gold"].quotes, without_nested_partials(predicted))
        add_counts(total, scored["counts"])
    figs = figures(total)
    return {name: round(figs[name]["f1"], 4) for name in _SHOWN}


def end_examples(
    articles: Sequence[dict], docs: Sequence, which: Sequence[int], starts: Chooser
) -> list[Example]:
    """The end examples of the articles ``which``, their starts chosen by ``starts``."""
    found = []
    for i in which:
        if docs[i] is None:
            continue
        text = articles[i]["text"]
        sentences, entities = parsed(text, docs[i])
        choices = end_choices(docs[i], text, sentences, entities, starts=starts)
        found += examples(text, choices, articles[i]["gold"].quotes, "end")
    return found


def speaker_end_examples(
    articles: Sequence[dict], docs: Sequence, which: Sequence[int], starts: Chooser, ends: Chooser
) -> list[Example]:
    """The speaker examples of the articles ``which``, their quotes' bounds chosen by
    ``starts`` and ``ends``."""
    found = []
    for i in which:
        if docs[i] is None:
            continue
        text = articles[i]["text"]
        sentences, entities = parsed(text, docs[i])
        choices = speaker_choices(docs[i], text, sentences, entities, starts=starts, ends=ends)
        found += speaker_examples(text, choices, articles[i]["gold"].quotes)
    return found


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
        help=f"the folder to write {STARTS_PATH.name}, {ENDS_PATH.name} and "
        f"{SPEAKERS_PATH.name} in",
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=10)
    parser.add_argument("--l2", type=float, default=1e-5)
    parser.add_argument("--steps", type=int, default=300)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    starts_out, ends_out = args.out / STARTS_PATH.name, args.out / ENDS_PATH.name
    speakers_out = args.out / SPEAKERS_PATH.name

    def fit(data: list[Example]) -> Chooser:
        return Chooser(fit_named(data, args.min_count, args.l2, args.steps)[0])

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
        f"{len(articles)} articles, {sum(map(len, per_article))} possible starts "
        f"({sum(label for ex in per_article for _, label in ex)} right)",
        file=sys.stderr,
    )

    # Cross-validation: each fold's articles are read by choosers fitted on the others;
    # the end chooser of a fold learns from quotes as that fold's start chooser leaves them.
    folds = [list(range(k, len(articles), args.folds)) for k in range(args.folds)]
    fold_of = {i: k for k, held in enumerate(folds) for i in held}
    start_models, end_models, speaker_models = [], [], []
    for held in folds:
        held_set = set(held)
        others = [i for i in range(len(articles)) if i not in held_set]
        start_models.append(fit([ex for i in others for ex in per_article[i]]))
        end_models.append(fit(end_examples(articles, docs, others, start_models[-1])))
        speaker_models.append(
            fit(speaker_end_examples(articles, docs, others, start_models[-1], end_models[-1]))
        )
    nothing = [None] * len(articles)
    own = [fold_of[i] for i in range(len(articles))]
    fold_starts = [start_models[k] for k in own]
    fold_ends = [end_models[k] for k in own]
    without = scores(articles, docs, nothing, nothing, nothing)
    with_starts = scores(articles, docs, fold_starts, nothing, nothing)
    with_both = scores(articles, docs, fold_starts, fold_ends, nothing)
    with_all = scores(articles, docs, fold_starts, fold_ends, [speaker_models[k] for k in own])

    starts = fit([ex for exs in per_article for ex in exs])
    end_data = end_examples(articles, docs, range(len(articles)), starts)
    ends = fit(end_data)
    speaker_data = speaker_end_examples(articles, docs, range(len(articles)), starts, ends)
    speakers = fit(speaker_data)
    settings = {
        "min_count": args.min_count,
        "l2": args.l2,
        "steps": args.steps,
        "folds": args.folds,
    }
    figures_cv = {
        "rules_and_filter": without,
        "with_chosen_starts": with_starts,
        "with_chosen_starts_and_ends": with_both,
        "with_chosen_speaker_ends_too": with_all,
    }
    trained_on = f"PolNeAR train, {len(articles)} articles, "
    _write(
        starts_out,
        "start",
        {
            "trained_on": trained_on + f"{sum(map(len, per_article))} possible starts",
            "settings": settings,
            "cross_validation": figures_cv,
        },
        starts.weights,
    )
    _write(
        ends_out,
        "end",
        {
            "trained_on": trained_on + f"{len(end_data)} possible ends",
            "settings": settings,
            "cross_validation": figures_cv,
        },
        ends.weights,
    )
    _write(
        speakers_out,
        "speaker-end",
        {
            "trained_on": trained_on + f"{len(speaker_data)} possible speaker ends",
            "settings": settings,
            "cross_validation": figures_cv,
        },
        speakers.weights,
    )
    print(
        "cross-validated on train: rules and filter → starts → starts and ends → speakers too",
        file=sys.stderr,
    )
    for name in _SHOWN:
        print(
            f"  {name}: {without[name]:.4f} → {with_starts[name]:.4f} → {with_both[name]:.4f}"
            f" → {with_all[name]:.4f}",
            file=sys.stderr,
        )
    print(
        f"{len(starts.weights)}, {len(ends.weights)} and {len(speakers.weights)} weights "
        f"written to {starts_out}, {ends_out} and {speakers_out} "
        f"in {time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
