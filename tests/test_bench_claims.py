"""The claims benchmark counts and scores the way its docstring says (no model, no quantulum3)."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from tests.conftest import ROOT

QUALIFIERS = {"exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range"}


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location(
        "claims_vs_quantulum", ROOT / "bench" / "claims_vs_quantulum.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def test_match_needs_overlap_and_equal_value_one_to_one(bench) -> None:
    Claim = bench.Claim
    gold = [Claim(0, 12, 65), Claim(20, 30, 130), Claim(40, 45, 2)]
    predicted = [
        Claim(0, 2, 65),  # overlaps the first, same value: a match
        Claim(3, 12, 65),  # overlaps the first too, but it is taken
        Claim(20, 30, 131),  # right span, wrong value
        Claim(46, 50, 2),  # right value, no overlap
    ]
    assert bench.match(gold, predicted) == [(0, 0)]


def test_values_match_within_a_tenth_of_a_percent(bench) -> None:
    assert bench.same_value(0.6667, 2 / 3)
    assert bench.same_value(None, None)
    assert not bench.same_value(0.67, 2 / 3)
    assert not bench.same_value(None, 3)


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("countries", "Countries", True),
        ("New Yorkers", "Yorkers", True),
        ("rate", "tax rate", True),
        (None, None, True),
        ("voters", None, False),
        ("voters", "people", False),
        ("primary voters", "primary", False),
    ],
)
def test_objects_agree_on_the_head_noun(bench, gold, predicted, same) -> None:
    assert bench.same_object(gold, predicted) is same


def test_tally_reports_precision_recall_and_field_accuracy(bench) -> None:
    Claim = bench.Claim
    gold = [
        Claim(0, 5, 65, None, None, "exact", "countries"),
        Claim(10, 15, 20, 30, None, "range", None),
        Claim(20, 25, 40, None, "%", "approximate", "voters"),
        Claim(30, 35, 7, None, None, "exact", None),
    ]
    predicted = [
        Claim(0, 5, 65, None, None, "exact", "countries"),  # all right
        Claim(10, 15, 20, 25, None, "range", None),  # matched; value_max differs
        Claim(20, 25, 40, None, "%", "exact", "people"),  # qualifier and object wrong
        Claim(30, 35, 8, None, None, "exact", None),  # overlaps, wrong value
        Claim(50, 55, 3),  # false claim (quantulum-style fields)
    ]
    tally = bench.Tally()
    tally.add(gold, predicted)
    report = tally.report()
    assert report["numbers found (gold)"] == "5 (4)"
    assert report["precision"] == "0.600 (3/5)"
    assert report["recall"] == "0.750 (3/4)"
    assert report["F1"] == "0.667"
    assert report["value agreement"] == "0.500 (2/4)"
    assert report["unit accuracy"] == "1.000 (3/3)"
    assert report["qualifier accuracy"] == "0.667 (2/3)"
    assert report["object accuracy"] == "0.667 (2/3)"


def test_tools_without_qualifiers_or_objects_show_na(bench) -> None:
    Claim = bench.Claim
    tally = bench.Tally()
    tally.add([Claim(0, 5, 65, None, None, "exact", "countries")], [Claim(0, 2, 65.0)])
    report = tally.report()
    assert report["F1"] == "1.000"
    assert report["qualifier accuracy"] == report["object accuracy"] == "n/a"


def test_gold_table_is_complete_and_consistent(bench) -> None:
    cases = bench.load_gold()
    assert len(cases) >= 60
    assert len({case.id for case in cases}) == len(cases)
    assert sum(len(case.claims) for case in cases) >= 100
    for case in cases:
        for claim in case.claims:
            assert case.text[claim.start : claim.end].strip(), case.id
            assert claim.qualifier in QUALIFIERS, case.id
            assert (claim.value_max is not None) == (claim.qualifier == "range"), case.id


def test_gold_span_missing_from_its_text_is_an_error(bench, tmp_path) -> None:
    row = {"id": "x1", "source": "written", "text": "65 countries", "claims": []}
    row["claims"].append(
        {
            "text": "66 countries",
            "value": 66,
            "value_max": None,
            "unit": None,
            "qualifier": "exact",
            "object": None,
        }
    )
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"cases": [row]}), encoding="utf-8")
    with pytest.raises(ValueError, match="x1"):
        bench.load_gold(path)


def test_runs_without_quantulum3_and_says_so(bench, monkeypatch, capsys, tmp_path) -> None:
    # A stand-in for our extractor finds "65" in every text; quantulum3 cannot be imported.
    monkeypatch.setitem(sys.modules, "quantulum3", None)
    assert bench.quantulum_claims() is None

    def fake_ours(model_dir):
        def run(text):
            start = text.find("65")
            return (
                [] if start < 0 else [bench.Claim(start, start + 2, 65, None, None, "exact", None)]
            )

        return run, lambda texts: None

    monkeypatch.setattr(bench, "our_claims", fake_ours)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    gold = {
        "cases": [
            {
                "id": "w1",
                "source": "written",
                "text": "A coalition of 65 countries.",
                "claims": [
                    {
                        "text": "65 countries",
                        "value": 65,
                        "value_max": None,
                        "unit": None,
                        "qualifier": "exact",
                        "object": "countries",
                    }
                ],
            }
        ]
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    assert bench.main(["--gold", str(path)]) == 0
    out = capsys.readouterr().out
    assert "quantulum3 is not installed" in out
    assert "| F1 | 1.000 |" in out
    assert "| object accuracy | 0.000 (0/1) |" in out
