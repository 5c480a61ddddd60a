"""Score entity grouping against hand-checked groupings of PolNeAR dev articles.

Usage (models as for the service; the PolNeAR texts from ../shared/data/polnear):

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/entity_grouping.py

Each file in ``bench/entity_gold/`` names an article and lists its entities, each
with the spans of its name mentions, checked by hand in context. The scorer
annotates the article, maps every gold mention to the service mention with the
same span (or, failing that, the one overlapping it most, so another NER model's
slightly different spans still count), and compares "same entity" links over
the gold mentions both found: pairwise precision is the share of the service's
links that the gold has, recall the share of the gold's links the service has.
Gold mentions the NER model missed are counted, not scored: grouping is judged
on the mentions it was given. It also checks that every service mention is in
exactly one entity, and times the grouping step alone.

A gold entity may also list ``descriptions``: definite descriptions that refer
to it (``the president``, ``the fund``). They are scored separately: a second
precision and recall over names and descriptions together, where a description
counts only when the service has that exact span (a description overlaps the
names inside it, ``US`` in ``the US President``), and a count of the service's
description mentions (its mentions that are no NER span) the gold does not list.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.nlp.annotator import load_annotator  # noqa: E402
from service.nlp.annotator import sentences_of  # noqa: E402
from service.nlp.entities import add_descriptions  # noqa: E402
from service.nlp.entities import build_entities  # noqa: E402
from service.nlp.entities import group_mentions  # noqa: E402
from service.nlp.entities import mentions_from_doc  # noqa: E402
from service.nlp.entities import rank_by_speakers  # noqa: E402
from service.nlp.quotes import extract_quotes  # noqa: E402
from service.settings import Settings  # noqa: E402

DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"


def _links(labels: dict[int, object]) -> set[tuple[int, int]]:
    return {(a, b) for a, b in itertools.combinations(sorted(labels), 2) if labels[a] == labels[b]}


def score_article(annotator, gold: dict, texts: Path) -> dict:
    """Pairwise link counts and coverage for one gold article."""
    text = (texts / gold["article"]).read_bytes().decode("utf-8")
    result = annotator.annotate(text)
    spans = {(m.start, m.end): e.id for e in result.entities for m in e.mentions}
    listed = [(m.start, m.end) for e in result.entities for m in e.mentions]
    assert len(listed) == len(set(listed)), "a mention is in two entities"

    gold_of: dict[int, int] = {}
    system_of: dict[int, str] = {}
    missed = 0
    for number, entity in enumerate(gold["entities"]):
        for start, end in entity["mentions"]:
            key = len(gold_of) + missed
            match = spans.get((start, end))
            if match is None:
                overlaps = [
                    (min(end, e) - max(start, s), eid)
                    for (s, e), eid in spans.items()
                    if min(end, e) > max(start, s)
                ]
                match = max(overlaps)[1] if overlaps else None
            if match is None:
                missed += 1
                continue
            gold_of[key] = number
            system_of[key] = match
    gold_links, system_links = _links(gold_of), _links(system_of)

    # Descriptions: exact spans only, added to the name mentions scored above.
    described = [
        (number, tuple(span))
        for number, entity in enumerate(gold["entities"])
        for span in entity.get("descriptions", ())
    ]
    for number, span in described:
        if span in spans:
            key = len(gold_of) + missed + len(described)  # past every name's key
            gold_of[key] = number
            system_of[key] = spans[span]
    all_gold, all_system = _links(gold_of), _links(system_of)
    (doc,) = annotator.parse([text])
    ner = {(e.start_char, e.end_char) for e in doc.ents}
    gold_spans = {tuple(m) for e in gold["entities"] for m in e["mentions"]}
    system_descriptions = {
        span for span in spans if span not in ner and not any(s == span[0] for s, _ in ner)
    }
    return {
        "article": gold["article"],
        "mentions": len(gold_of) - sum(1 for _, span in described if span in spans),
        "missed": missed,
        "gold_links": len(gold_links),
        "system_links": len(system_links),
        "both": len(gold_links & system_links),
        "descriptions": len(described),
        "descriptions_found": sum(1 for _, span in described if span in spans),
        "descriptions_unlisted": len(
            system_descriptions - {span for _, span in described} - gold_spans
        ),
        "all_gold_links": len(all_gold),
        "all_system_links": len(all_system),
        "all_both": len(all_gold & all_system),
    }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def grouping_ms(annotator, text: str, runs: int = 20) -> tuple[float, float, float]:
    """Median times in ms on ``text`` of grouping names, adding descriptions, and ranking.

    Ranking is finding quotes (for their speakers) and ranking entities again.
    """
    (doc,) = annotator.parse([text])
    sentences = sentences_of(doc)
    starts = [s.start for s in sentences]
    bounds = [(s.start, s.end) for s in sentences]
    times: list[tuple[float, float, float]] = []
    for _ in range(runs):
        began = time.perf_counter()
        groups = group_mentions(mentions_from_doc(doc, text, starts))
        grouped = time.perf_counter()
        entities = build_entities(add_descriptions(groups, text, bounds), len(text), starts)
        described = time.perf_counter()
        quotes = extract_quotes(doc, text, sentences, entities)
        speakers = (q.speaker.entity for q in quotes if q.speaker)
        rank_by_speakers(entities, speakers, len(text), starts)
        ranked = time.perf_counter()
        times.append((grouped - began, described - grouped, ranked - described))
    return tuple(statistics.median(t[i] for t in times) * 1000 for i in range(3))


def main() -> int:
    """Score every gold file and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--gold", type=Path, default=ROOT / "bench" / "entity_gold")
    args = parser.parse_args()

    settings = Settings.from_env()
    annotator = load_annotator(settings.model_dir, settings.torch_threads)
    rows = [
        score_article(annotator, json.loads(p.read_text(encoding="utf-8")), args.texts)
        for p in sorted(args.gold.glob("*.json"))
    ]
    print(f"models: {annotator.models}\n")
    print("| article | mentions scored | missed by NER | precision | recall |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        p = _ratio(row["both"], row["system_links"])
        r = _ratio(row["both"], row["gold_links"])
        print(f"| {row['article']} | {row['mentions']} | {row['missed']} | {p:.3f} | {r:.3f} |")
    both = sum(r["both"] for r in rows)
    p = _ratio(both, sum(r["system_links"] for r in rows))
    r = _ratio(both, sum(r["gold_links"] for r in rows))
    scored = sum(r["mentions"] for r in rows)
    print(
        f"| all (micro, over links) | {scored} | {sum(r['missed'] for r in rows)} "
        f"| {p:.3f} | {r:.3f} |"
    )

    print("\nWith descriptions as mentions (exact spans):\n")
    print("| article | gold descriptions | found | unlisted by gold | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        p = _ratio(row["all_both"], row["all_system_links"])
        r = _ratio(row["all_both"], row["all_gold_links"])
        print(
            f"| {row['article']} | {row['descriptions']} | {row['descriptions_found']} "
            f"| {row['descriptions_unlisted']} | {p:.3f} | {r:.3f} |"
        )
    both = sum(r["all_both"] for r in rows)
    p = _ratio(both, sum(r["all_system_links"] for r in rows))
    r = _ratio(both, sum(r["all_gold_links"] for r in rows))
    print(
        f"| all (micro, over links) | {sum(r['descriptions'] for r in rows)} "
        f"| {sum(r['descriptions_found'] for r in rows)} "
        f"| {sum(r['descriptions_unlisted'] for r in rows)} | {p:.3f} | {r:.3f} |"
    )

    print(
        "\n| seed | grouping names, ms | descriptions, ms | quotes and ranking by speakers, ms "
        "| annotate, ms |"
    )
    print("|---|---:|---:|---:|---:|")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = seed.read_bytes().decode("utf-8")
        annotate = []
        for _ in range(5):
            began = time.perf_counter()
            annotator.annotate(text)
            annotate.append((time.perf_counter() - began) * 1000)
        names, descriptions, ranking = grouping_ms(annotator, text)
        print(
            f"| {seed.name} | {names:.2f} | {descriptions:.2f} | {ranking:.2f} "
            f"| {statistics.median(annotate):.1f} |"
        )
    print("\n(medians; quotes are found for entities alone too, to rank by speakers)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
