"""The learned choice of where an indirect quote ends: features, choices and the shipped file."""

from __future__ import annotations

import json

import pytest

from service.nlp import quote_ends
from service.nlp.annotator import Annotator
from service.nlp.quote_ends import EndChooser
from service.nlp.quote_ends import default_chooser
from service.nlp.quote_ends import features
from service.nlp.quote_tagger import word_clusters
from service.nlp.quotes import end_choices
from service.nlp.quotes import extract_quotes
from tests.conftest import parse_for_quotes


def test_features_read_the_words_at_and_after_each_end() -> None:
    words = ["the", "plan", "would", "fail", ",", "even", "as", "talks", "went", "on"]
    rows = features(words, 9, [3, 9], "said")
    at_fail, at_on = rows
    for name in ("d=-7", "w=fail", "n1=,", "n2=even", "n1n2=,|even", "p_n3=as", "len=4"):
        assert name in at_fail
    assert "commas=0" in at_fail and "f=the|," in at_fail and "cue_n1=said|," in at_fail
    assert f"c={word_clusters()['fail'][0]}" in at_fail
    # The rules' own end, the last word the content may reach, past a comma.
    for name in ("d=0", "n1=<E>", "n2=<E>", "lim=True", "rlim=True", "commas=1", "len=16"):
        assert name in at_on
    assert not any(name.startswith("p_") for name in at_on)


def test_the_best_scoring_end_wins_over_the_rules_end() -> None:
    chooser = EndChooser({"w=fail": 2.0, "w=on": 1.0, "w=as": 2.0})
    assert chooser.best([["w=plan"], ["w=fail"], ["w=on"]], 2) == 1
    assert chooser.best([["w=plan"], ["w=fail"], ["w=as"]], 0) == 1  # the first of equals
    # The rules' end stands unless another scores higher.
    assert chooser.best([["w=plan"], ["w=went"]], 1) == 1
    assert chooser.best([["w=fail"], ["w=as"]], 1) == 1


TEXT = "Angela Merkel said the plan would fail, even as talks went on."


def test_a_chooser_moves_where_an_indirect_quote_ends(annotator: Annotator) -> None:
    doc, sentences, entities = parse_for_quotes(annotator, TEXT)
    rules = extract_quotes(doc, TEXT, sentences, entities, tagger=None, ends=None)
    assert [q.text for q in rules] == ["the plan would fail, even as talks went on"]
    (choice,) = end_choices(doc, TEXT, sentences, entities)
    assert choice.quote == rules[0]
    assert choice.ends[choice.rule] == rules[0].end
    assert [TEXT[choice.quote.start : e] for e in choice.ends][:3] == [
        "the",
        "the plan",
        "the plan would",
    ]
    assert len(choice.rows) == len(choice.ends)
    shorter = EndChooser({"n1=,": 5.0})
    quotes = extract_quotes(doc, TEXT, sentences, entities, tagger=None, ends=shorter)
    assert [(q.text, q.speaker.text, q.cue.text) for q in quotes] == [
        ("the plan would fail", "Angela Merkel", "said")
    ]
    assert TEXT[quotes[0].start : quotes[0].end] == quotes[0].text
    # With nothing to prefer, the rules' end stands.
    same = extract_quotes(doc, TEXT, sentences, entities, tagger=None, ends=EndChooser({}))
    assert same == rules


def test_a_chosen_end_keeps_the_quotations_inside_the_content(annotator: Annotator) -> None:
    text = "Merkel said the plan was “a total failure” and would cost jobs."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    rules = extract_quotes(doc, text, sentences, entities, tagger=None, ends=None)
    indirect = [q for q in rules if q.kind == "indirect"]
    assert [q.text for q in indirect] == ["the plan was “a total failure” and would cost jobs"]
    assert any(q.kind == "partial" and q.text == "a total failure" for q in rules)
    # Neither inside the quotation nor before it: the partial quote stays within.
    for word in ("total", "was"):
        chooser = EndChooser({f"w={word}": 5.0})
        quotes = extract_quotes(doc, text, sentences, entities, tagger=None, ends=chooser)
        assert quotes == rules
    chooser = EndChooser({"w=failure": 5.0})
    quotes = extract_quotes(doc, text, sentences, entities, tagger=None, ends=chooser)
    ended = [q for q in quotes if q.kind == "indirect"]
    assert [q.text for q in ended] == ["the plan was “a total failure”"]  # the mark closes it


def test_shipped_chooser_loads_with_its_cross_validation() -> None:
    data = json.loads(quote_ends.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["trained_on"].startswith("PolNeAR train")
    assert set(data["cross_validation"]) == {"rules_and_filter", "with_chosen_ends"}
    assert len(default_chooser().weights) > 1000


def test_missing_chooser_file_is_a_clear_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(quote_ends, "MODEL_PATH", tmp_path / "missing.json")
    default_chooser.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"bench/train_quote_ends\.py"):
            default_chooser()
    finally:
        monkeypatch.undo()
        default_chooser.cache_clear()
