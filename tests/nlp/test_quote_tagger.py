"""The learned quote tagger: its spans, features, the quotes it adds and the shipped files."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from service.nlp import quote_tagger
from service.nlp.annotator import Annotator
from service.nlp.quote_ends import Chooser
from service.nlp.quote_filter import QuoteFilter
from service.nlp.quote_tagger import QuoteTagger
from service.nlp.quote_tagger import TaggedSpan
from service.nlp.quote_tagger import TaggerToken
from service.nlp.quote_tagger import chunks
from service.nlp.quote_tagger import default_tagger
from service.nlp.quote_tagger import features
from service.nlp.quote_tagger import spans
from service.nlp.quote_tagger import word_clusters
from service.nlp.quotes import extract_quotes
from service.nlp.quotes import learned_quotes
from service.nlp.quotes import tagger_input
from tests.conftest import parse_for_quotes


def test_spans_are_runs_of_one_role_with_their_mean_marginal() -> None:
    labels = ["O", "B-S", "I-S", "B-Q", "B-C", "I-C", "I-C", "O", "I-C", "B-C", "B-C"]
    marginals = [1.0, 0.9, 0.7, 0.6, 1.0, 0.5, 0.6, 1.0, 0.4, 0.3, 0.2]
    assert spans(labels, marginals) == [
        TaggedSpan("S", 1, 2, pytest.approx(0.8)),
        TaggedSpan("Q", 3, 3, pytest.approx(0.6)),
        TaggedSpan("C", 4, 6, pytest.approx(0.7)),
        TaggedSpan("C", 8, 8, pytest.approx(0.4)),  # a stray I- opens a span
        TaggedSpan("C", 9, 9, pytest.approx(0.3)),  # B- after B- starts a new one
        TaggedSpan("C", 10, 10, pytest.approx(0.2)),
    ]
    assert spans([], []) == []


def _token(word: str, sentence: int = 0, **known: object) -> TaggerToken:
    fields = {
        "entity": "",
        "quoted": False,
        "rule": "",
        "rule_probability": 0.0,
        "cue": False,
        "speaker": False,
        "lexicon": "",
        **known,
    }
    return TaggerToken(word.casefold(), quote_tagger.shape(word), sentence, **fields)


def test_features_read_the_word_its_neighbours_and_the_rules() -> None:
    tokens = [
        _token("Obama", entity="PERSON", speaker=True),
        _token("said", cue=True, lexicon="rep"),
        _token("taxes", rule="B-indirect", rule_probability=0.8),
        _token("rose", rule="I-indirect", rule_probability=0.8),
        _token(".", sentence=0),
        _token("Zqxvbn", sentence=1),
    ]
    rows = features(tokens)
    assert len(rows) == len(tokens)
    taxes = rows[2]
    for name in ("w=taxes", "w-1=said", "w-2=obama", "w1=rose", "r=B-indirect", "rp=vhi"):
        assert name in taxes
    assert "dl=1" in taxes and "dr=none" in taxes and "lex-1=rep" in taxes
    # Neighbours stop at the sentence's end; the next sentence starts afresh.
    assert "w2=<S>" in rows[3] and "first=1" in rows[5] and "w-1=<S>" in rows[5]
    # Words like one another share clusters; a word the vectors lack has its own.
    clusters = word_clusters()
    assert f"c={clusters['said'][0]}" in rows[1] and f"k1={clusters['taxes'][1]}" in rows[1]
    assert "c=u" in rows[5] and "k=u" in rows[5]


def test_long_texts_are_tagged_in_runs_of_whole_sentences(monkeypatch) -> None:
    sentences = [0, 0, 0, 1, 1, 2, 2, 2, 2, 3]
    tokens = [_token("word", sentence=k) for k in sentences]
    monkeypatch.setattr(quote_tagger, "CHUNK_TOKENS", 4)
    # Each run ends at a sentence's end, at CHUNK_TOKENS or just after.
    assert chunks(tokens) == [(0, 5), (5, 9), (9, 10)]
    monkeypatch.setattr(quote_tagger, "CHUNK_TOKENS", 100)
    assert chunks(tokens) == [(0, 10)]
    assert chunks([]) == []
    # A run's features are those the whole text would give its tokens.
    whole = features(tokens)
    assert features(tokens, 5, 9) == whole[5:9]


class _Fixed(QuoteTagger):
    """A tagger that returns the spans it was given: to test what is made of them."""

    def __init__(
        self, found: list[TaggedSpan], threshold: float = 0.5, check: QuoteFilter | None = None
    ) -> None:
        self.threshold = threshold
        self.check = check
        self.found = found

    def tag(self, tokens):  # noqa: ANN001, ANN201
        return self.found


SENTENCE = "In a new book, Clinton made it clear she would never run again. Bush laughed."


def _words(doc, text: str) -> list[str]:  # noqa: ANN001
    """The tokens of ``doc``, the parse of ``text``, as text."""
    return [text[t.start_char : t.end_char] for s in doc.sentences for t in s.tokens]


def _at(words: list[str], phrase: str) -> tuple[int, int]:
    """The first and last token index of ``phrase`` (a run of whole tokens)."""
    parts = phrase.split()
    for i in range(len(words)):
        if words[i : i + len(parts)] == parts:
            return i, i + len(parts) - 1
    raise AssertionError(f"{phrase!r} not in {words}")


def test_a_confident_content_span_with_a_cue_becomes_an_indirect_quote(
    annotator: Annotator,
) -> None:
    doc, sentences, entities = parse_for_quotes(annotator, SENTENCE)
    words = _words(doc, SENTENCE)
    content = _at(words, "she would never run again")
    found = [
        TaggedSpan("S", *_at(words, "Clinton"), 0.9),
        TaggedSpan("Q", *_at(words, "made it clear"), 0.9),
        TaggedSpan("C", *content, 0.8),
        TaggedSpan("C", *_at(words, "Bush"), 0.9),  # no cue in its sentence
        TaggedSpan("C", *_at(words, "a new book"), 0.3),  # below the threshold
    ]
    quotes = extract_quotes(doc, SENTENCE, sentences, entities, tagger=_Fixed(found))
    learned = [q for q in quotes if q.text == "she would never run again"]
    assert len(learned) == 1
    quote = learned[0]
    assert quote.kind == "indirect"
    assert quote.cue.text == "made it clear" and quote.speaker.text == "Clinton"
    assert quote.speaker.entity is not None  # resolved like the rules' speakers
    assert SENTENCE[quote.start : quote.end] == quote.text
    assert not any(q.text in {"Bush", "a new book"} for q in quotes)
    assert [q.id for q in quotes] == [f"Q{n}" for n in range(1, len(quotes) + 1)]


def test_a_learned_pronoun_speaker_refers_to_the_last_speaker(annotator: Annotator) -> None:
    # ``He`` is Blair, the last to speak, not Merkel, the last sentence subject before him.
    text = (
        "Angela Merkel met reporters. The talks had failed, Tony Blair said. He talked up his plan."
    )
    doc, sentences, entities = parse_for_quotes(annotator, text)
    words = _words(doc, text)
    found = [
        TaggedSpan("S", *_at(words, "He"), 0.9),
        TaggedSpan("Q", *_at(words, "talked up"), 0.9),
        TaggedSpan("C", *_at(words, "his plan"), 0.9),
    ]
    quotes = extract_quotes(doc, text, sentences, entities, tagger=_Fixed(found))
    by_text = {q.text: q for q in quotes}
    blair = by_text["The talks had failed"].speaker
    assert blair.text == "Tony Blair" and blair.entity is not None
    assert by_text["his plan"].speaker.entity == blair.entity


def test_a_confident_source_span_around_a_rules_speaker_widens_it(annotator: Annotator) -> None:
    text = (
        "Only a third of the voters who were polled by phone in Ohio said they backed the deal. "
        "Senator John Smith said the talks failed. "
        "Many people who are on the left said taxes rose. "
        "Most voters who are on the right said the vote was close. "
        "Tony Blair last week said the plan would fail."
    )
    doc, sentences, entities = parse_for_quotes(annotator, text)
    words = _words(doc, text)
    # The rules' speakers: with the speaker chooser off, only the tagger widens them.
    kept = {"speaker_ends": None}
    ruled = extract_quotes(doc, text, sentences, entities, tagger=None, **kept)
    rules = {q.text: q.speaker for q in ruled}
    assert rules["they backed the deal"].text == "Ohio"
    assert [rules[c].text for c in ("taxes rose", "the vote was close")] == [
        "the left",
        "the right",
    ]
    found = [
        TaggedSpan(
            "S", *_at(words, "Only a third of the voters who were polled by phone in Ohio"), 0.9
        ),
        TaggedSpan("S", *_at(words, "Smith"), 0.9),  # narrower: the rules' speaker stays
        TaggedSpan("S", *_at(words, "Many people who are on the left said"), 0.9),  # the cue too
        TaggedSpan("S", *_at(words, "Most voters who are on the right"), 0.3),  # not confident
        TaggedSpan("S", *_at(words, "Tony Blair last week"), 0.9),  # a time, not a description
    ]
    quotes = extract_quotes(doc, text, sentences, entities, tagger=_Fixed(found), **kept)
    speakers = {q.text: q.speaker for q in quotes}
    widened = speakers["they backed the deal"]
    assert rules["they backed the deal"].entity is not None
    assert widened.text == "Only a third of the voters who were polled by phone in Ohio"
    assert text[widened.start : widened.end] == widened.text
    assert widened.entity is None  # voters from Ohio are not Ohio
    assert speakers["the talks failed"] == rules["the talks failed"]
    assert speakers["taxes rose"] == rules["taxes rose"]
    assert speakers["the vote was close"] == rules["the vote was close"]
    assert rules["the plan would fail"].text == "Tony Blair"
    assert speakers["the plan would fail"] == rules["the plan would fail"]


@pytest.mark.parametrize(
    ("text", "rule_speaker", "wider"),
    [
        pytest.param(
            "NEW YORK - Senator Ann Lee said the plan would fail.",
            "Senator Ann Lee",
            "NEW YORK - Senator Ann Lee",
            id="not-back-over-a-dateline",
        ),
        # Annotators mark ``who`` alone; a wider span would end on the pronoun.
        pytest.param(
            "Nearly half of the voters who said the plan would fail backed Lee.",
            "who",
            "Nearly half of the voters who",
            id="not-a-relative-pronoun",
        ),
    ],
)
def test_a_speaker_is_not_widened(
    annotator: Annotator, text: str, rule_speaker: str, wider: str
) -> None:
    doc, sentences, entities = parse_for_quotes(annotator, text)
    words = _words(doc, text)
    kept = {"speaker_ends": None}
    (rules,) = extract_quotes(doc, text, sentences, entities, tagger=None, **kept)
    assert rules.speaker.text == rule_speaker
    found = [TaggedSpan("S", *_at(words, wider), 0.9)]
    (quote,) = extract_quotes(doc, text, sentences, entities, tagger=_Fixed(found), **kept)
    assert quote.speaker == rules.speaker


def test_a_learned_speaker_leaves_out_a_contracted_verb(annotator: Annotator) -> None:
    text = "He’s arguing that the plan would fail."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    words = _words(doc, text)
    found = [
        TaggedSpan("S", *_at(words, "He’s"), 0.9),
        TaggedSpan("Q", *_at(words, "arguing"), 0.9),
        TaggedSpan("C", *_at(words, "that the plan would fail"), 0.9),
    ]
    quotes = extract_quotes(doc, text, sentences, entities, tagger=_Fixed(found))
    assert [(q.text, q.speaker.text) for q in quotes] == [("that the plan would fail", "He")]


@pytest.mark.parametrize(
    ("source", "speaker"),
    [
        ("The state wrongly", "The state"),  # an adverb before the cue is not the source's
        ("The state has also", "The state"),
        ("The state this week", "The state this week"),  # a time is, as annotators mark it
    ],
)
def test_a_learned_speaker_leaves_out_the_adverbs_before_its_cue(
    annotator: Annotator, source: str, speaker: str
) -> None:
    text = f"{source} talked up the plan."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    words = _words(doc, text)
    found = [
        TaggedSpan("S", *_at(words, source), 0.9),
        TaggedSpan("Q", *_at(words, "talked up"), 0.9),
        TaggedSpan("C", *_at(words, "the plan"), 0.9),
    ]
    quotes = extract_quotes(doc, text, sentences, entities, tagger=_Fixed(found))
    assert [(q.text, q.speaker.text) for q in quotes] == [("the plan", speaker)]


def test_a_learned_speaker_of_one_function_word_names_nobody(annotator: Annotator) -> None:
    text = "After being informed that he would be charged, the workers left."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    words = _words(doc, text)
    found = [
        TaggedSpan("S", *_at(words, "After"), 0.9),
        TaggedSpan("Q", *_at(words, "being informed"), 0.9),
        TaggedSpan("C", *_at(words, "that he would be charged"), 0.9),
    ]
    quotes = extract_quotes(doc, text, sentences, entities, tagger=_Fixed(found))
    assert [(q.text, q.speaker) for q in quotes] == [("that he would be charged", None)]


def test_a_learned_question_keeps_the_rules_asker(annotator: Annotator) -> None:
    text = "Asked about the merger, Tony Blair defended the plan."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    words = _words(doc, text)
    found = [
        TaggedSpan("Q", *_at(words, "Asked"), 0.9),
        TaggedSpan("C", *_at(words, "about the merger"), 0.9),
        TaggedSpan("S", *_at(words, "Tony Blair"), 0.9),  # who answered, not who asked
    ]
    quotes = extract_quotes(doc, text, sentences, entities, tagger=_Fixed(found))
    (question,) = [q for q in quotes if q.cue.text == "Asked"]
    assert (question.text, question.speaker) == ("about the merger", None)


def test_a_learned_content_ends_on_a_word_that_can_end_it(annotator: Annotator) -> None:
    text = "Lee hugged his mother and greeted the crowd on Friday."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    words = _words(doc, text)
    found = [
        TaggedSpan("S", *_at(words, "Lee"), 0.9),
        TaggedSpan("Q", *_at(words, "hugged"), 0.9),
        TaggedSpan("C", *_at(words, "his mother and"), 0.9),
    ]

    def learned(**chooser: Chooser | None) -> list[str]:
        quotes = extract_quotes(doc, text, sentences, entities, tagger=_Fixed(found), **chooser)
        assert all(text[q.start : q.end] == q.text for q in quotes)
        return [q.text for q in quotes if q.cue.text == "hugged"]

    # Not on ``and``, which needs what follows it.
    assert learned(ends=None) == ["his mother"]
    # The end chooser moves a learned content's end as it moves the rules' ones.
    assert learned(ends=Chooser({"w=crowd": 5.0})) == ["his mother and greeted the crowd"]
    assert learned(ends=Chooser({})) == ["his mother"]


def test_the_check_keeps_the_learned_quotes_likely_to_be_attributions(
    annotator: Annotator,
) -> None:
    text = "Lee hugged his mother on Friday. Park admired the view."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    words = _words(doc, text)
    found = [
        TaggedSpan("S", *_at(words, "Lee"), 0.9),
        TaggedSpan("Q", *_at(words, "hugged"), 0.9),
        TaggedSpan("C", *_at(words, "his mother"), 0.9),
        TaggedSpan("S", *_at(words, "Park"), 0.9),
        TaggedSpan("Q", *_at(words, "admired"), 0.6),
        TaggedSpan("C", *_at(words, "the view"), 0.6),
    ]
    kept, learned = learned_quotes(doc, text, sentences, entities, _Fixed(found))
    names = {q.text: features for q, features in learned}
    assert set(names) == {"his mother", "the view"}
    assert {"confidence=9", "cue_last=hugged", "cue_words=1", "known=False"} <= set(
        names["his mother"]
    )
    assert "confidence=6" in names["the view"]
    # The check reads those features: here it keeps the confident span only.
    check = QuoteFilter({"confidence=9": 4.0}, -2.0, 0.5)
    quotes = extract_quotes(doc, text, sentences, entities, tagger=_Fixed(found, check=check))
    added = [q.text for q in quotes if q.cue and q.cue.text in {"hugged", "admired"}]
    assert added == ["his mother"]
    # What the training script scores: the kept quotes and the checked learned ones.
    assert [replace(q, id="") for q in quotes] == sorted(
        [replace(q, id="") for q in kept + [q for q, _ in learned if q.text == "his mother"]],
        key=lambda q: (q.start, q.end),
    )


def test_learned_spans_never_overlap_kept_quotes_or_quotations(annotator: Annotator) -> None:
    text = "“We will win,” Blair said. Merkel said the talks had failed."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    words = _words(doc, text)
    without = extract_quotes(doc, text, sentences, entities, tagger=None)
    assert {q.text for q in without} >= {"We will win", "the talks had failed"}
    found = [
        TaggedSpan("Q", *_at(words, "said"), 0.9),
        TaggedSpan("C", *_at(words, "We will win"), 0.99),
        TaggedSpan("C", *_at(words, "talks had failed"), 0.99),
    ]
    assert extract_quotes(doc, text, sentences, entities, tagger=_Fixed(found)) == without


def test_shipped_tagger_adds_well_formed_quotes_the_rules_miss(annotator: Annotator) -> None:
    # The rules find neither ``made it clear`` nor ``has long supported``; PolNeAR marks both.
    text = (
        "Clinton made it clear that she would never run again. "
        "The senator has long supported a higher minimum wage. "
        "“We will win,” Blair said."
    )
    doc, sentences, entities = parse_for_quotes(annotator, text)
    without = {
        (q.start, q.end) for q in extract_quotes(doc, text, sentences, entities, tagger=None)
    }
    quotes = extract_quotes(doc, text, sentences, entities)
    assert without <= {(q.start, q.end) for q in quotes}
    added = [q for q in quotes if (q.start, q.end) not in without]
    assert added
    for quote in added:
        assert text[quote.start : quote.end] == quote.text
        assert quote.kind == "indirect" and quote.cue is not None
        assert text[quote.cue.start : quote.cue.end] == quote.cue.text
        assert "“" not in quote.text and "We will win" not in quote.text


def test_tagger_input_has_one_entry_per_token(annotator: Annotator) -> None:
    text = "Obama said taxes rose. “Good,” she replied."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    read, offsets = tagger_input(doc, text, sentences, entities)
    words = [text[s:e] for s, e in offsets]
    assert len(read) == len(words) and words[:4] == ["Obama", "said", "taxes", "rose"]
    by_word = dict(zip(words, read, strict=True))
    assert by_word["Obama"].speaker and by_word["Obama"].entity == "PERSON"
    assert by_word["said"].cue and by_word["said"].lexicon == "rep"
    assert by_word["taxes"].rule == "B-indirect" and by_word["rose"].rule == "I-indirect"
    assert by_word["Good"].quoted and not by_word["she"].quoted


def test_shipped_tagger_loads_and_is_plausible() -> None:
    settings = json.loads(quote_tagger.SETTINGS_PATH.read_text(encoding="utf-8"))
    assert settings["training"]["split"] == "PolNeAR train"
    tagger = default_tagger()
    assert 0.0 < tagger.threshold <= 1.0
    assert len(word_clusters()) > 10_000


@pytest.mark.parametrize("name", ["MODEL_PATH", "SETTINGS_PATH", "WORDS_PATH"])
def test_missing_tagger_file_is_a_clear_error(tmp_path, monkeypatch, name: str) -> None:
    monkeypatch.setattr(quote_tagger, name, tmp_path / "missing")
    default_tagger.cache_clear()
    word_clusters.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"bench/(train_quote_tagger|word_clusters)\.py"):
            default_tagger()
    finally:
        monkeypatch.undo()
        default_tagger.cache_clear()
        word_clusters.cache_clear()
