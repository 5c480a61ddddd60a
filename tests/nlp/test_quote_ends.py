"""The learned choice of where an indirect quote starts and ends: features, choices and the
shipped files."""

from __future__ import annotations

import json

import pytest

from service.nlp import quote_ends
from service.nlp.annotator import Annotator
from service.nlp.quote_ends import Chooser
from service.nlp.quote_ends import default_end_chooser
from service.nlp.quote_ends import default_start_chooser
from service.nlp.quote_ends import end_features
from service.nlp.quote_ends import start_features
from service.nlp.quote_tagger import word_clusters
from service.nlp.quotes import end_choices
from service.nlp.quotes import extract_quotes
from service.nlp.quotes import start_choices
from tests.conftest import parse_for_quotes


def test_features_read_the_words_at_and_after_each_end() -> None:
    words = ["the", "plan", "would", "fail", ",", "even", "as", "talks", "went", "on"]
    rows = end_features(words, 9, [3, 9], "said")
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
    chooser = Chooser({"w=fail": 2.0, "w=on": 1.0, "w=as": 2.0})
    assert chooser.best([["w=plan"], ["w=fail"], ["w=on"]], 2) == 1
    assert chooser.best([["w=plan"], ["w=fail"], ["w=as"]], 0) == 1  # the first of equals
    # The rules' end stands unless another scores higher.
    assert chooser.best([["w=plan"], ["w=went"]], 1) == 1
    assert chooser.best([["w=fail"], ["w=as"]], 1) == 1


TEXT = "Angela Merkel said the plan would fail, even as talks went on."


def test_a_chooser_moves_where_an_indirect_quote_ends(annotator: Annotator) -> None:
    doc, sentences, entities = parse_for_quotes(annotator, TEXT)
    rules = extract_quotes(doc, TEXT, sentences, entities, tagger=None, ends=None, starts=None)
    assert [q.text for q in rules] == ["the plan would fail, even as talks went on"]
    (choice,) = end_choices(doc, TEXT, sentences, entities)
    assert choice.quote == rules[0]
    assert choice.offsets[choice.rule] == rules[0].end
    assert [TEXT[choice.quote.start : e] for e in choice.offsets][:3] == [
        "the",
        "the plan",
        "the plan would",
    ]
    assert len(choice.rows) == len(choice.offsets)
    shorter = Chooser({"n1=,": 5.0})
    quotes = extract_quotes(doc, TEXT, sentences, entities, tagger=None, ends=shorter, starts=None)
    assert [(q.text, q.speaker.text, q.cue.text) for q in quotes] == [
        ("the plan would fail", "Angela Merkel", "said")
    ]
    assert TEXT[quotes[0].start : quotes[0].end] == quotes[0].text
    # With nothing to prefer, the rules' end stands.
    same = extract_quotes(
        doc, TEXT, sentences, entities, tagger=None, ends=Chooser({}), starts=None
    )
    assert same == rules


def test_a_chosen_end_keeps_the_quotations_inside_the_content(annotator: Annotator) -> None:
    text = "Merkel said the plan was “a total failure” and would cost jobs."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    rules = extract_quotes(doc, text, sentences, entities, tagger=None, ends=None, starts=None)
    indirect = [q for q in rules if q.kind == "indirect"]
    assert [q.text for q in indirect] == ["the plan was “a total failure” and would cost jobs"]
    assert any(q.kind == "partial" and q.text == "a total failure" for q in rules)
    # Neither inside the quotation nor before it: the partial quote stays within.
    for word in ("total", "was"):
        chooser = Chooser({f"w={word}": 5.0})
        quotes = extract_quotes(
            doc, text, sentences, entities, tagger=None, ends=chooser, starts=None
        )
        assert quotes == rules
    chooser = Chooser({"w=failure": 5.0})
    quotes = extract_quotes(doc, text, sentences, entities, tagger=None, ends=chooser, starts=None)
    ended = [q for q in quotes if q.kind == "indirect"]
    assert [q.text for q in ended] == ["the plan was “a total failure”"]  # the mark closes it


def test_start_features_read_the_words_before_and_at_each_start() -> None:
    words = ["merkel", "said", "on", "monday", "the", "plan", "would", "fail"]
    rows = start_features(words, 2, 4, [2, 4, 5], "said")
    at_on, at_the, at_plan = rows
    for name in ("d=-3", "w=on", "p1=said", "p2=merkel", "n1=monday", "gap=0", "rgap=2"):
        assert name in at_on
    for name in ("d=0", "p1w=monday|the", "d_p1=0|monday", "cue_w=said|the", "gap=2"):
        assert name in at_the
    assert "d=+1" in at_plan and f"c={word_clusters()['plan'][0]}" in at_plan
    # Before the first word there is nothing to read.
    assert "p2=<E>" in start_features(words[1:], 1, 1, [1], "said")[0]


START_TEXT = "Angela Merkel said on Monday the plan would fail."


def test_a_chooser_moves_where_an_indirect_quote_starts(annotator: Annotator) -> None:
    doc, sentences, entities = parse_for_quotes(annotator, START_TEXT)
    rules = extract_quotes(
        doc, START_TEXT, sentences, entities, tagger=None, ends=None, starts=None
    )
    assert [q.text for q in rules] == ["the plan would fail"]
    (choice,) = start_choices(doc, START_TEXT, sentences, entities)
    assert choice.quote == rules[0] and choice.offsets[choice.rule] == rules[0].start
    # From the cue's end to a few words past the rules' start, never at the last word.
    assert [START_TEXT[o : rules[0].end] for o in choice.offsets] == [
        "on Monday the plan would fail",
        "Monday the plan would fail",
        "the plan would fail",
        "plan would fail",
        "would fail",
    ]
    assert len(choice.rows) == len(choice.offsets)
    earlier = Chooser({"w=on": 5.0})
    quotes = extract_quotes(doc, START_TEXT, sentences, entities, tagger=None, starts=earlier)
    assert [(q.text, q.speaker.text, q.cue.text) for q in quotes] == [
        ("on Monday the plan would fail", "Angela Merkel", "said")
    ]
    assert START_TEXT[quotes[0].start : quotes[0].end] == quotes[0].text
    # With nothing to prefer, the rules' start stands.
    same = extract_quotes(
        doc, START_TEXT, sentences, entities, tagger=None, ends=None, starts=Chooser({})
    )
    assert same == rules


def test_a_chosen_start_keeps_the_quotations_inside_the_content(annotator: Annotator) -> None:
    text = "Merkel said the plan was “a total failure” and would cost jobs."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    rules = extract_quotes(doc, text, sentences, entities, tagger=None, ends=None, starts=None)
    # Neither inside the quotation nor after it: the partial quote stays within.
    for word in ("total", "and", "cost"):
        chooser = Chooser({f"w={word}": 5.0})
        quotes = extract_quotes(
            doc, text, sentences, entities, tagger=None, ends=None, starts=chooser
        )
        assert quotes == rules
    chooser = Chooser({"w=was": 5.0})
    quotes = extract_quotes(doc, text, sentences, entities, tagger=None, ends=None, starts=chooser)
    started = [q for q in quotes if q.kind == "indirect"]
    assert [q.text for q in started] == ["was “a total failure” and would cost jobs"]


@pytest.mark.parametrize(
    ("path", "load"),
    [(quote_ends.STARTS_PATH, default_start_chooser), (quote_ends.ENDS_PATH, default_end_chooser)],
    ids=["starts", "ends"],
)
def test_shipped_choosers_load_with_their_cross_validation(path, load) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["trained_on"].startswith("PolNeAR train")
    assert set(data["cross_validation"]) == {
        "rules_and_filter",
        "with_chosen_starts",
        "with_chosen_starts_and_ends",
    }
    assert len(load().weights) > 1000


@pytest.mark.parametrize(
    ("name", "load"),
    [("STARTS_PATH", default_start_chooser), ("ENDS_PATH", default_end_chooser)],
    ids=["starts", "ends"],
)
def test_missing_chooser_file_is_a_clear_error(tmp_path, monkeypatch, name, load) -> None:
    monkeypatch.setattr(quote_ends, name, tmp_path / "missing.json")
    load.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"missing\.json.*bench/train_quote_ends\.py"):
            load()
    finally:
        monkeypatch.undo()
        load.cache_clear()
