"""The entity-grouping scorer counts links the way its docstring says."""

from __future__ import annotations

import importlib.util
import json

from tests.conftest import ROOT


def _scorer():
    spec = importlib.util.spec_from_file_location(
        "entity_grouping", ROOT / "bench" / "entity_grouping.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scorer_counts_pairwise_links(annotator, tmp_path) -> None:
    text = "Tony Blair visited Berlin. Blair met Angela Merkel. Merkel spoke."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    span = lambda word, nth=0: [  # noqa: E731
        (start := [i for i in range(len(text)) if text.startswith(word, i)][nth]),
        start + len(word),
    ]
    gold = {
        "article": "a.txt",
        "entities": [
            # Deliberately wrong gold: Blair's second mention is filed under Merkel.
            {"name": "Tony Blair", "mentions": [span("Tony Blair")]},
            {
                "name": "Angela Merkel",
                "mentions": [span("Angela Merkel"), span("Merkel", 1), span("Blair", 1)],
            },
            {"name": "Berlin", "mentions": [span("Berlin")]},
            {"name": "Nobody", "mentions": [span("spoke")]},
        ],
    }
    row = _scorer().score_article(annotator, gold, tmp_path)
    assert (row["mentions"], row["missed"]) == (5, 1)
    # Gold links: Merkel-Merkel, Merkel-Blair2, Merkel2-Blair2 (3); the service links
    # Tony Blair-Blair2 and Angela Merkel-Merkel (2); they share one.
    assert (row["gold_links"], row["system_links"], row["both"]) == (3, 2, 1)


def test_gold_files_point_at_real_spans() -> None:
    for path in sorted((ROOT / "bench" / "entity_gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        spans = [tuple(m) for e in gold["entities"] for m in e["mentions"]]
        assert len(spans) == len(set(spans)), f"{path.name}: a mention in two entities"
        assert gold["checked_by_hand"]


def test_scorer_counts_descriptions_by_exact_span(annotator, tmp_path) -> None:
    text = "German Chancellor Angela Merkel met Tony Blair. The German Chancellor said no."
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")

    def span(words: str) -> list[int]:
        return [text.index(words), text.index(words) + len(words)]

    gold = {
        "article": "b.txt",
        "entities": [
            {
                "name": "Angela Merkel",
                "mentions": [span("Angela Merkel")],
                "descriptions": [span("The German Chancellor")],
            },
            {"name": "Tony Blair", "mentions": [span("Tony Blair")]},
        ],
    }
    row = _scorer().score_article(annotator, gold, tmp_path)
    assert (row["descriptions"], row["descriptions_found"], row["descriptions_unlisted"]) == (
        1,
        1,
        0,
    )
    # Names alone have no link; with the description, Merkel's two mentions are one.
    assert (row["gold_links"], row["system_links"]) == (0, 0)
    assert (row["all_gold_links"], row["all_system_links"], row["all_both"]) == (1, 1, 1)
