"""Score numeric claims against hand-checked news sentences, ours beside quantulum3's.

Usage (models as for the service; quantulum3 is optional, from the ``bench`` extra):

    PYTHONHASHSEED=0 STANZA_RESOURCES_DIR=../shared/stanza_resources \
        .venv/bin/python bench/claims_vs_quantulum.py

``bench/claims_gold.json`` holds sentences from PolNeAR news articles and a few
written in the style of wire copy, each with every claim a careful reader
would mark: span text, value, value_max, unit, qualifier and object, following
the conventions documented in ``service/nlp/claims.py``. Both tools read each
sentence; a predicted claim *matches* a gold claim when their spans overlap and
their values are equal (relative tolerance 0.1%), one to one, in text order.

Reported for each tool:

- numbers found: the claims it reported, beside the gold count;
- precision, recall and F1 of matched claims;
- value agreement: of the gold claims that some prediction overlaps, the share
  whose overlapping prediction has the same value and value_max;
- unit, qualifier and object accuracy over matched claims. Objects agree when
  equal ignoring case or when one is the last word of the other (the head
  noun: ``Yorkers`` for ``New Yorkers``). quantulum3 has no qualifiers or
  objects (shown as n/a); its unit names are mapped to ours where they mean
  the same (``dollar`` is USD, ``percentage`` is %).

``--errors`` lists every miss and every false claim; ``--subset b`` scores only
the cases whose id starts with ``b`` (see the gold file's ``about``). quantulum3's
output depends on Python's hash seed, which ``PYTHONHASHSEED=0`` fixes. Without
quantulum3 installed the script reports ours alone and says so.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
import warnings
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOLD = ROOT / "bench" / "claims_gold.json"
NOT_GIVEN = "n/a"

# quantulum3 unit names that mean one of ours.
QUANTULUM_UNITS = {
    "dimensionless": None,
    "percentage": "%",
    "per cent": "%",
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "kilometre": "km",
    "metre": "m",
    "mile": "miles",
    "inch": "in",
    "tonne": "tonnes",
    "kilogram": "kg",
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "decade": "decades",
    "percentage point": "percentage points",
}


@dataclass(frozen=True, slots=True)
class Claim:
    """A gold or predicted claim, reduced to what is scored."""

    start: int
    end: int
    value: float
    value_max: float | None = None
    unit: str | None = None
    qualifier: str | None = NOT_GIVEN
    object: str | None = NOT_GIVEN


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    text: str
    claims: tuple[Claim, ...]


def load_gold(path: Path = GOLD) -> list[Case]:
    """The gold cases, each claim's span found in order in its text.

    Raises:
        ValueError: a span text is not in its case text after the one before it.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    cases = []
    for row in data["cases"]:
        claims, at = [], 0
        for item in row["claims"]:
            start = row["text"].find(item["text"], at)
            if start < 0:
                raise ValueError(f"{row['id']}: {item['text']!r} is not in the text")
            at = start + 1
            claims.append(
                Claim(
                    start,
                    start + len(item["text"]),
                    item["value"],
                    item["value_max"],
                    item["unit"],
                    item["qualifier"],
                    item["object"],
                )
            )
        cases.append(Case(row["id"], row["text"], tuple(claims)))
    return cases


def same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


def overlaps(a: Claim, b: Claim) -> bool:
    return a.start < b.end and b.start < a.end


def same_object(gold: str | None, predicted: str | None) -> bool:
    """Equal ignoring case, or one is the head (last word) of the other."""
    if gold is None or predicted is None:
        return gold is predicted
    g, p = gold.casefold().split(), predicted.casefold().split()
    return g == p or (bool(g) and bool(p) and (g[-1:] == p or p[-1:] == g))


def match(gold: Sequence[Claim], predicted: Sequence[Claim]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index): overlapping spans and equal values.

    Gold claims are taken in order, each with the first free prediction that fits.
    """
    pairs, used = [], set()
    for g, want in enumerate(gold):
        for p, got in enumerate(predicted):
            if p not in used and overlaps(want, got) and same_value(want.value, got.value):
                pairs.append((g, p))
                used.add(p)
                break
    return pairs


@dataclass
class Tally:
    """Counts over all cases for one tool."""

    gold: int = 0
    found: int = 0
    matched: int = 0
    overlapped: int = 0
    value_agrees: int = 0
    unit_agrees: int = 0
    qualifier_agrees: int = 0
    object_agrees: int = 0
    has_qualifiers: bool = True
    has_objects: bool = True

    def add(self, gold: Sequence[Claim], predicted: Sequence[Claim]) -> list[tuple[int, int]]:
        """Add one case; returns its matched pairs."""
        pairs = match(gold, predicted)
        self.gold += len(gold)
        self.found += len(predicted)
        self.matched += len(pairs)
        for want in gold:
            near = [got for got in predicted if overlaps(want, got)]
            if near:
                self.overlapped += 1
                best = max(
                    near, key=lambda got: min(want.end, got.end) - max(want.start, got.start)
                )
                fits = [got for got in near if same_value(want.value, got.value)] or [best]
                self.value_agrees += same_value(want.value_max, fits[0].value_max) and same_value(
                    want.value, fits[0].value
                )
        for g, p in pairs:
            want, got = gold[g], predicted[p]
            self.unit_agrees += want.unit == got.unit
            self.has_qualifiers &= got.qualifier != NOT_GIVEN
            self.has_objects &= got.object != NOT_GIVEN
            self.qualifier_agrees += want.qualifier == got.qualifier
            self.object_agrees += same_object(want.object, got.object)
        return pairs

    def report(self) -> dict[str, str]:
        """The figures, formatted for the table."""
        precision = self.matched / self.found if self.found else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

        def share(n: int, of: int, given: bool = True) -> str:
            if not given:
                return NOT_GIVEN
            return f"{n / of:.3f} ({n}/{of})" if of else "-"

        return {
            "numbers found (gold)": f"{self.found} ({self.gold})",
            "precision": share(self.matched, self.found),
            "recall": share(self.matched, self.gold),
            "F1": f"{f1:.3f}",
            "value agreement": share(self.value_agrees, self.overlapped),
            "unit accuracy": share(self.unit_agrees, self.matched),
            "qualifier accuracy": share(self.qualifier_agrees, self.matched, self.has_qualifiers),
            "object accuracy": share(self.object_agrees, self.matched, self.has_objects),
        }


def our_claims(model_dir: str) -> tuple[Callable[[str], list[Claim]], Callable[[list[str]], None]]:
    """Our extractor over one text, and a warm-up that parses all texts first."""
    from service.nlp.annotator import load_annotator
    from service.nlp.annotator import sentences_of
    from service.nlp.claims import extract_claims

    annotator = load_annotator(model_dir, torch_threads=1)
    parsed: dict[str, object] = {}

    def parse_all(texts: list[str]) -> None:
        parsed.update(zip(texts, annotator.parse(texts), strict=True))

    def run(text: str) -> list[Claim]:
        doc = parsed[text]
        found = extract_claims(doc, text, sentences_of(doc), ())
        return [
            Claim(c.start, c.end, c.value, c.value_max, c.unit, c.qualifier, c.object)
            for c in found
        ]

    return run, parse_all


def quantulum_claims() -> Callable[[str], list[Claim]] | None:
    """quantulum3's parser over one text, or None when it is not installed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None

    def run(text: str) -> list[Claim]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(text)
        claims = []
        for q in found:
            name = q.unit.name
            unit = QUANTULUM_UNITS.get(name, name)
            claims.append(Claim(q.span[0], q.span[1], q.value, None, unit))
        return claims

    return run


def score(
    cases: Sequence[Case], run: Callable[[str], list[Claim]]
) -> tuple[Tally, list[str], float]:
    """Tally one tool over the cases; also its errors, as lines, and milliseconds per case."""
    tally, errors, elapsed = Tally(), [], 0.0
    for case in cases:
        began = time.perf_counter()
        predicted = run(case.text)
        elapsed += time.perf_counter() - began
        pairs = tally.add(case.claims, predicted)
        hit_gold = {g for g, _ in pairs}
        hit_pred = {p for _, p in pairs}
        for g, want in enumerate(case.claims):
            if g not in hit_gold:
                errors.append(f"{case.id} missed {_show(case.text, want)}")
        for p, got in enumerate(predicted):
            if p not in hit_pred:
                errors.append(f"{case.id} false  {_show(case.text, got)}")
        for g, p in pairs:
            want, got = case.claims[g], predicted[p]
            if got.qualifier != NOT_GIVEN and (
                want.qualifier != got.qualifier or not same_object(want.object, got.object)
            ):
                errors.append(
                    f"{case.id} fields {_show(case.text, got)} want "
                    f"qualifier={want.qualifier} object={want.object}"
                )
    return tally, errors, 1000 * elapsed / max(1, len(cases))


def _show(text: str, claim: Claim) -> str:
    extra = f"..{claim.value_max}" if claim.value_max is not None else ""
    fields = f"{claim.value}{extra} unit={claim.unit}"
    if claim.qualifier != NOT_GIVEN:
        fields += f" qualifier={claim.qualifier} object={claim.object}"
    return f"[{text[claim.start : claim.end]}] {fields}"


def table(columns: dict[str, dict[str, str]]) -> str:
    """The figures as a Markdown table, one column per tool."""
    names = list(columns)
    rows = list(next(iter(columns.values())))
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    lines += [f"| {row} | " + " | ".join(columns[n][row] for n in names) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--gold", type=Path, default=GOLD)
    args.add_argument("--errors", action="store_true", help="list misses and false claims")
    args.add_argument(
        "--subset", default="", help="only the cases whose id starts with this (p, w or b)"
    )
    options = args.parse_args(argv)
    model_dir = os.environ.get("ANNOTATE_MODEL_DIR") or os.environ.get("STANZA_RESOURCES_DIR")
    if not model_dir:
        print("Set STANZA_RESOURCES_DIR to a stanza resources directory.", file=sys.stderr)
        return 2

    cases = [case for case in load_gold(options.gold) if case.id.startswith(options.subset)]
    ours, parse_all = our_claims(model_dir)
    parse_all([case.text for case in cases])
    tools = {"news-annotate": ours}
    quantulum = quantulum_claims()
    if quantulum is not None:
        tools["quantulum3"] = quantulum
    columns, timings, all_errors = {}, {}, {}
    for name, run in tools.items():
        tally, errors, ms = score(cases, run)
        columns[name] = tally.report()
        timings[name] = ms
        all_errors[name] = errors

    claims = sum(len(case.claims) for case in cases)
    print(f"{len(cases)} sentences, {claims} gold claims ({options.gold.name})\n")
    print(table(columns))
    print()
    for name, ms in timings.items():
        what = "extraction only, stanza parse excluded" if name == "news-annotate" else "parse"
        print(f"{name}: {ms:.2f} ms per sentence ({what})")
    if quantulum is None:
        print("quantulum3 is not installed: reporting ours only (pip install '.[bench]').")
    if options.errors:
        for name, errors in all_errors.items():
            print(f"\n{name}: {len(errors)} errors")
            print("\n".join(f"  {line}" for line in errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
