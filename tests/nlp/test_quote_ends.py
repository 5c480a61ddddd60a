"""The learned choice of where an indirect quote starts and ends: features, choices and the
shipped files."""

from __future__ import annotations

import json

import pytest

from service.nlp import quote_ends
from service.nlp.annotator import Annotator
from service.nlp.quote_ends import Chooser
from service.nlp.quote_ends import default_end_chooser
from service.nlp.quote_ends import default_speaker_end_chooser
from service.nlp.quote_ends import default_start_chooser
from service.nlp.quote_ends import end_features
from service.nlp.quote_ends import speaker_end_features
from service.nlp.quote_ends import start_features
from service.nlp.quote_tagger import word_clusters
from service.nlp.quotes import end_choices
from service.nlp.quotes import extract_quotes
from service.nlp.quotes import speaker_choices
from service.nlp.quotes import start_choices
from tests.conftest import parse_for_quotes
from tests.nlp.test_quotes import RULES_ONLY


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


def test_features_read_the_clause_words_crossed_and_the_sentence_before() -> None:
    words = ["the", "plan", "would", "fail", ",", "even", "as", "talks", "went", "on"]
    lead = ["when", "merkel", "said"]
    at_fail, at_as, at_on = end_features(words, 9, [3, 6, 9], "said", lead)
    # Ending before the rules' end leaves out the clause words between them.
    assert {"x-=,", "x-=even", "x-=as"} <= set(at_fail)
    assert {"x-=talks", "x-=went"}.isdisjoint(at_fail)
    assert not any(name.startswith("x") for name in at_on)  # the rules' own end
    assert "p1=would" in at_fail and "p1w=would|fail" in at_fail and "rest=8" in at_fail
    assert "seg=<none>" in at_fail and "seg=even" in at_as and "seg=even" in at_on
    # A content inside the subordinate clause a sentence opens with.
    assert "open=True" in at_fail and "open_n1=True|," in at_fail
    assert "sub_n1=when|," in at_fail
    (closed,) = end_features(words, 9, [3], "said", ["when", "asked", ",", "lee", "said"])
    assert "open=False" in closed and "sub_n1=when|," in closed
    (plain,) = end_features(words, 9, [3], "said", ["lee", "said"])
    assert "open=False" in plain and "sub_n1=other|," in plain


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
    rules = extract_quotes(doc, TEXT, sentences, entities, **RULES_ONLY)
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


def test_end_choices_read_the_sentence_before_the_content(annotator: Annotator) -> None:
    for text, inside in (
        ("When Angela Merkel said the plan would fail, the talks went on.", True),
        ("Angela Merkel said the plan would fail, even as talks went on.", False),
    ):
        doc, sentences, entities = parse_for_quotes(annotator, text)
        (choice,) = end_choices(doc, text, sentences, entities)
        assert all(f"open={inside}" in row for row in choice.rows)


def test_a_chosen_end_keeps_the_quotations_inside_the_content(annotator: Annotator) -> None:
    text = "Merkel said the plan was “a total failure” and would cost jobs."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    rules = extract_quotes(doc, text, sentences, entities, **RULES_ONLY)
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


def test_a_content_never_starts_inside_the_speaker_before_it(annotator: Annotator) -> None:
    text = "According to Tom Park, the plan would fail."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    (choice,) = start_choices(doc, text, sentences, entities)
    speaker = choice.quote.speaker
    assert (choice.quote.text, speaker.text) == ("the plan would fail", "Tom Park")
    assert min(choice.offsets) >= speaker.end


def test_a_chosen_start_keeps_the_quotations_inside_the_content(annotator: Annotator) -> None:
    text = "Merkel said the plan was “a total failure” and would cost jobs."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    rules = extract_quotes(doc, text, sentences, entities, **RULES_ONLY)
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


def test_speaker_features_read_the_words_at_and_after_each_end() -> None:
    words = ["ann", "lee", ",", "who", "runs", "the", "council", "<next>"]
    capitals = [True, True, False, False, False, False, False, False]
    rows = speaker_end_features(words, capitals, 6, [1, 4, 6], True, "said")
    at_lee, at_runs, at_council = rows
    for name in ("d=-7", "side_d=after|-7", "w=lee", "cap=True", "n1=,", "n2=who"):
        assert name in at_lee
    # Ending at ``Lee`` cuts the ``who`` clause, and leaves a name alone.
    for name in ("cut_rel=True|after", "rel=0|after", "name=True|after", "f=Cap", "len=2"):
        assert name in at_lee
    assert "cue_d=said|-7" in at_lee and f"c={word_clusters()['lee'][0]}" in at_lee
    for name in ("d=-3", "rel=1|after", "commas=1", "cut_rel=False|after", "name=False|after"):
        assert name in at_runs
    for name in ("d=0", "n1=<next>", "n2=<E>", "w_n1=council|<next>"):
        assert name in at_council
    # Before its cue, with a determiner first.
    (row,) = speaker_end_features(["the", "mayor"], [False, False], 1, [1], False, "said")
    assert "side_d=before|0" in row and "f=the" in row and "cap=False" in row


SPEAKER_TEXT = "“We will win,” said Ann Lee, who runs the council. Lee smiled."


def test_a_chooser_moves_where_a_speaker_ends(annotator: Annotator) -> None:
    text = SPEAKER_TEXT
    doc, sentences, entities = parse_for_quotes(annotator, text)
    rules = extract_quotes(doc, text, sentences, entities, **RULES_ONLY)
    assert [(q.text, q.speaker.text) for q in rules] == [
        ("We will win", "Ann Lee, who runs the council")
    ]
    (choice,) = speaker_choices(doc, text, sentences, entities)
    speaker = rules[0].speaker
    assert choice.quote == rules[0] and choice.offsets[choice.rule] == speaker.end
    # From the speaker's first word to its sentence's end, never at a comma or at a
    # word that needs another.
    assert [text[speaker.start : o] for o in choice.offsets] == [
        "Ann",
        "Ann Lee",
        "Ann Lee, who runs",
        "Ann Lee, who runs the council",
    ]
    assert len(choice.rows) == len(choice.offsets)
    shorter = Chooser({"cut_rel=True|after": 1.0, "w=lee": 1.0})
    chosen = {**RULES_ONLY, "speaker_ends": shorter}
    (quote,) = extract_quotes(doc, text, sentences, entities, **chosen)
    assert quote.speaker.text == "Ann Lee" == text[quote.speaker.start : quote.speaker.end]
    # It still names the person.
    assert quote.speaker.entity is not None and quote.speaker.entity == speaker.entity
    same = {**RULES_ONLY, "speaker_ends": Chooser({})}
    assert extract_quotes(doc, text, sentences, entities, **same) == rules


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ann Lee said the council “would never agree” to the plan.", "Ann Lee"),
        ("Ann Lee last week said the council would never agree.", "Ann Lee"),
        ("He said the council would never agree.", None),  # a lone pronoun is left alone
        ("“We will not agree,” said Ann Lee\nof the council.", "Ann Lee"),
        ("“We will not agree,” said Ann Lee, “or even talk.”", "Ann Lee"),
        # A verb opens a clause, but not in a ``who`` clause.
        ("“We will not agree,” said Ann Lee as she was leaving.", "Ann Lee"),
        ("“We will not agree,” said Ann Lee, who has voted no.", "Ann Lee, who has voted no"),
        ("“We will not agree,” said Ann Lee, speaking to reporters.", "Ann Lee"),
        # A past verb after a name, with its object, is the name's verb; a participle
        # describing the name is not.
        ("Col. Ann Lee started the debate and later said, “We will not agree.”", "Col. Ann Lee"),
        (
            "“We will not agree,” said a Republican involved in the planning.",
            "a Republican involved in the planning",
        ),
    ],
    ids=[
        *("before-its-cue", "time", "pronoun", "line", "quotation", "verb", "who-clause"),
        *("aside", "past-verb-after-a-name", "participle-after-a-name"),
    ],
)
def test_a_speaker_never_reaches_its_cue_a_quotation_a_clause_or_the_next_line(
    annotator: Annotator, text: str, speaker: str | None
) -> None:
    doc, sentences, entities = parse_for_quotes(annotator, text)
    choices = speaker_choices(doc, text, sentences, entities)
    if speaker is None:
        assert choices == []
        return
    (choice,) = choices
    assert text[choice.quote.speaker.start : choice.offsets[-1]] == speaker


def test_a_longer_speaker_still_names_whom_it_named(annotator: Annotator) -> None:
    text = "Ann Lee was elected in May. “We will win,” said the mayor in Paris."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    (rules,) = extract_quotes(doc, text, sentences, entities, **RULES_ONLY)
    assert rules.speaker.text == "the mayor"
    longer = {**RULES_ONLY, "speaker_ends": Chooser({"w=paris": 5.0})}
    (quote,) = extract_quotes(doc, text, sentences, entities, **longer)
    assert quote.speaker.text == "the mayor in Paris"
    assert quote.speaker.entity == rules.speaker.entity  # not Paris


def test_a_speaker_never_ends_inside_brackets(annotator: Annotator) -> None:
    text = "Sen. Ann Lee (D-Ore.) said the council would never agree."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    (choice,) = speaker_choices(doc, text, sentences, entities)
    start = choice.quote.speaker.start
    assert [text[start:o] for o in choice.offsets] == [
        "Sen.",
        "Sen. Ann",
        "Sen. Ann Lee",
        "Sen. Ann Lee (D-Ore.)",
    ]


@pytest.mark.parametrize(
    ("path", "load"),
    [
        (quote_ends.STARTS_PATH, default_start_chooser),
        (quote_ends.ENDS_PATH, default_end_chooser),
        (quote_ends.SPEAKER_ENDS_PATH, default_speaker_end_chooser),
    ],
    ids=["starts", "ends", "speaker-ends"],
)
def test_shipped_choosers_load_with_their_cross_validation(path, load) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["trained_on"].startswith("PolNeAR train")
    assert set(data["cross_validation"]) == {
        "rules_and_filter",
        "with_chosen_starts",
        "with_chosen_starts_and_ends",
        "with_chosen_speaker_ends_too",
    }
    assert len(load().weights) > 1000


@pytest.mark.parametrize(
    ("name", "load"),
    [
        ("STARTS_PATH", default_start_chooser),
        ("ENDS_PATH", default_end_chooser),
        ("SPEAKER_ENDS_PATH", default_speaker_end_chooser),
    ],
    ids=["starts", "ends", "speaker-ends"],
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
