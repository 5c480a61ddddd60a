"""The learned quote filter: scoring, thresholds, nested partials and the shipped file."""

from __future__ import annotations

import json
import math

import pytest

from service.nlp import quote_filter
from service.nlp.annotator import Annotator
from service.nlp.quote_filter import QuoteFilter
from service.nlp.quote_filter import default_filter
from service.nlp.quote_filter import features
from service.nlp.quotes import candidate_quotes
from service.nlp.quotes import extract_quotes
from service.nlp.results import Cue
from service.nlp.results import Quote
from service.nlp.results import Speaker
from tests.conftest import parse_for_quotes

TEXT = "Blair said London would fight a “common enemy”. The “deal” was signed."


def _quote(part: str, kind: str, cue: str | None = "said", speaker: str | None = "Blair") -> Quote:
    start = TEXT.index(part)
    return Quote(
        "Q1",
        part,
        start,
        start + len(part),
        kind,
        Speaker(speaker, TEXT.index(speaker), TEXT.index(speaker) + len(speaker), "E1")
        if speaker
        else None,
        Cue(cue, TEXT.index(cue), TEXT.index(cue) + len(cue)) if cue else None,
    )


REPORTED = _quote("London would fight a “common enemy”", "indirect")
NESTED = _quote("common enemy", "partial")
SCARE = _quote("deal", "direct", cue=None, speaker=None)


def test_probability_is_the_logistic_of_bias_plus_weights() -> None:
    check = QuoteFilter({"a": 1.0, "b": -0.5}, bias=0.25, threshold=0.5)
    assert check.probability(["a", "b", "unknown"]) == pytest.approx(1 / (1 + math.exp(-0.75)))
    assert check.probability([]) == pytest.approx(1 / (1 + math.exp(-0.25)))
    # Huge scores neither overflow nor leave [0, 1].
    assert QuoteFilter({"a": 1e6}, 0.0, 0.5).probability(["a"]) == pytest.approx(1.0)
    assert QuoteFilter({"a": -1e6}, 0.0, 0.5).probability(["a"]) == pytest.approx(0.0)


def test_features_describe_kind_cue_speaker_and_context() -> None:
    names = features(TEXT, REPORTED, {"E1": "PERSON"})
    for name in (
        "kind=indirect",
        "cue=said",
        "speaker=name",
        "speaker_entity=PERSON",
        "cue,speaker_entity=said,PERSON",
        "first=london",
        "before_word=said",
        "cue_side=before",
        "marks_inside=True",
    ):
        assert name in names
    scare = features(TEXT, SCARE)
    assert "cue=none" in scare and "speaker=none" in scare
    assert not any(name.startswith(("cue_side", "speaker_side")) for name in scare)


def test_threshold_decides_and_order_is_kept() -> None:
    drop_scare = QuoteFilter({"cue=none": -5.0}, bias=0.0, threshold=0.5)
    assert drop_scare.kept(TEXT, [REPORTED, NESTED, SCARE]) == [REPORTED, NESTED]
    keep_all = QuoteFilter({}, bias=0.0, threshold=0.0)
    assert keep_all.kept(TEXT, [REPORTED, NESTED, SCARE]) == [REPORTED, NESTED, SCARE]


def test_a_nested_partial_follows_its_indirect_quote() -> None:
    # The partial alone would be kept; it goes with the reported clause it refines.
    drop_reported = QuoteFilter({"kind=indirect": -5.0, "kind=partial": 5.0}, 0.0, 0.5)
    assert drop_reported.kept(TEXT, [REPORTED, NESTED]) == []
    keep_reported = QuoteFilter({"kind=indirect": 5.0, "kind=partial": -5.0}, 0.0, 0.5)
    assert keep_reported.kept(TEXT, [REPORTED, NESTED]) == [REPORTED, NESTED]
    # A partial with its own cue decides for itself.
    alone = _quote("common enemy", "partial", cue=None, speaker=None)
    assert drop_reported.kept(TEXT, [REPORTED, alone]) == [alone]


def test_shipped_filter_loads_and_is_plausible() -> None:
    data = json.loads(quote_filter.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["trained_on"].startswith("PolNeAR train")
    check = default_filter()
    assert 0.0 < check.threshold < 1.0
    assert len(check.weights) > 100
    assert all(math.isfinite(w) for w in check.weights.values())


def test_missing_filter_file_is_a_clear_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(quote_filter, "MODEL_PATH", tmp_path / "quote_filter.json")
    default_filter.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="train_quote_filter.py"):
            default_filter()
    finally:
        monkeypatch.undo()
        default_filter.cache_clear()


def test_extract_quotes_filters_and_renumbers_candidates(annotator: Annotator) -> None:
    text = (
        "“We will win this fight,” Tony Blair said. The so-called “deal” was signed. "
        "Angela Merkel said the talks had failed."
    )
    doc, sentences, entities = parse_for_quotes(annotator, text)
    candidates = candidate_quotes(doc, text, sentences, entities)
    assert extract_quotes(doc, text, sentences, entities, check=None) == candidates
    drop_indirect = QuoteFilter({"kind=indirect": -10.0}, 0.0, 0.5)
    kept = extract_quotes(doc, text, sentences, entities, check=drop_indirect, tagger=None)
    assert [q.kind for q in kept] == ["direct"]
    assert [q.id for q in kept] == ["Q1"]
    assert len(candidates) > len(kept)
