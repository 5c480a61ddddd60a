"""The PolNeAR quote scorer parses brat files and counts matches as its docstring says.

No models: predictions are hand-made ``Quote`` records.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from service.nlp.quotes import end_choices
from service.nlp.quotes import speaker_choices
from service.nlp.quotes import start_choices
from service.nlp.results import Cue
from service.nlp.results import Quote
from service.nlp.results import Speaker
from tests.conftest import parse_for_quotes

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str = "quotes_polnear"):
    """A script in bench/ as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


qp = _load()


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    starts = [i for i in range(len(text)) if text.startswith(part, i)]
    return starts[nth], starts[nth] + len(part)


def _t(number: int, label: str, text: str, part: str, nth: int = 0) -> str:
    start, end = _at(text, part, nth)
    return f"T{number}\t{label} {start} {end}\t{part}"


def _quote(
    text: str, content: str, speaker: str | None = None, kind: str = "direct", nth: int = 0
) -> Quote:
    start, end = _at(text, content, nth)
    said = None
    if speaker is not None:
        s, e = _at(text, speaker)
        said = Speaker(speaker, s, e, None)
    return Quote(f"Q{start}", content, start, end, kind, said, None)


TEXT = (
    '"We will win," Smith said. '
    "Jones said that the plan would fail. "
    "Officials believe the deal is dead."
)


def _ann(text: str = TEXT) -> str:
    return "\n".join(
        [
            _t(1, "Content", text, '"We will win,"'),
            _t(2, "Source", text, "Smith"),
            _t(3, "Cue", text, "said"),
            _t(4, "Attribution", text, "said"),
            "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
            _t(5, "Source", text, "Jones"),
            _t(6, "Cue", text, "said", 1),
            _t(7, "Content", text, "that the plan would fail"),
            _t(8, "Attribution", text, "said", 1),
            "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
            _t(9, "Cue", text, "believe"),
            _t(10, "Content", text, "the deal is dead"),
            _t(11, "Attribution-no-source", text, "believe"),
            "E3\tAttribution-no-source:T11 Cue:T9 Content:T10",
            "#1\tAnnotatorNotes T9\tnot speech, but PolNeAR keeps it",
            "",
        ]
    )


def test_parse_ann_reads_roles_in_any_order_and_a_missing_source() -> None:
    gold = qp.parse_ann(_ann(), TEXT)
    assert [q.relation for q in gold.quotes] == ["E1", "E2", "E3"]
    assert [TEXT[q.content.start : q.content.end] for q in gold.quotes] == [
        '"We will win,"',
        "that the plan would fail",
        "the deal is dead",
    ]
    assert [[s.text for s in q.sources] for q in gold.quotes] == [["Smith"], ["Jones"], []]
    assert [q.cue.text for q in gold.quotes] == ["said", "said", "believe"]
    assert gold.relations == 3
    assert gold.mismatches == [] and gold.problems == [] and gold.no_content == []
    assert gold.cues == ["said", "said", "believe"]


def test_discontinuous_content_is_its_hull_or_its_fragments() -> None:
    text = '"First part," he said, "second part."'
    (a, b), (c, d) = _at(text, '"First part,"'), _at(text, '"second part')
    e, f = d + 1, d + 2  # the closing mark alone, a fragment with nothing to score
    ann = (
        f"T1\tContent {a} {b};{c} {d};{e} {f}\t{text[a:b]} {text[c:d]} {text[e:f]}\n"
        f"{_t(2, 'Source', text, 'he')}\n{_t(3, 'Cue', text, 'said')}\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"
    )
    hull = qp.parse_ann(ann, text)
    assert [(q.content.start, q.content.end) for q in hull.quotes] == [(a, f)]
    assert hull.quotes[0].content.fragments == ((a, b), (c, d), (e, f))
    assert hull.discontinuous == {"Content": 1}
    assert hull.mismatches == []
    split = qp.parse_ann(ann, text, fragments=True)
    assert [(q.content.start, q.content.end) for q in split.quotes] == [(a, b), (c, d)]
    assert {q.sources[0].text for q in split.quotes} == {"he"}


def test_fragments_a_space_apart_in_a_line_are_one_quote() -> None:
    # PolNeAR cuts a Content at each sentence break; a paragraph break parts two
    # quotes, as the service reports them.
    text = '"One. Two," he said. "Three.\n\nFour."'
    (a, b), (c, d) = _at(text, '"One.'), _at(text, 'Two,"')
    (e, f), (g, h) = _at(text, '"Three.'), _at(text, 'Four."')
    spans = f"{a} {b};{c} {d};{e} {f};{g} {h}"
    written = " ".join(text[i:j] for i, j in ((a, b), (c, d), (e, f), (g, h)))
    ann = (
        f"T1\tContent {spans}\t{written}\n"
        f"{_t(2, 'Source', text, 'he')}\n{_t(3, 'Cue', text, 'said')}\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"
    )
    split = qp.parse_ann(ann, text, fragments=True)
    assert split.mismatches == []
    pieces = [text[q.content.start : q.content.end] for q in split.quotes]
    assert pieces == ['"One. Two,"', '"Three.', 'Four."']


def test_span_text_running_over_lines_is_one_record() -> None:
    text = "Intro.\n\nShe said: Line one.\n\nLine two.\nEnd."
    a, _ = _at(text, "Line one.")
    _, d = _at(text, "Line two.")
    ann = (
        f"T1\tContent {a} {d}\tLine one.\n\nLine two.\n"
        f"{_t(2, 'Source', text, 'She')}\n{_t(3, 'Cue', text, 'said')}\n"
        "E1\tAttribution:T3 Source:T2 Cue:T3 Content:T1\n"
    )
    gold = qp.parse_ann(ann, text)
    assert gold.mismatches == [] and gold.problems == []
    assert gold.quotes[0].content.text == "Line one.\n\nLine two."


def test_wrong_offsets_are_counted_not_fatal() -> None:
    ann = (
        "T1\tContent 0 5\tnot the text\n"
        "T2\tContent 10 9999\tbeyond the end\n"
        "T3\tCue 15 19\tSmith\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3\n"
        "E2\tAttribution:T3 Content:T2 Cue:T3\n"
    )
    gold = qp.parse_ann(ann, TEXT, "x.ann")
    assert len(gold.mismatches) == 2  # T1 and T3 differ from the article
    assert any("T2" in p and "outside" in p for p in gold.problems)
    assert any("missing T2" in p for p in gold.problems)
    assert [q.relation for q in gold.quotes] == ["E1"]
    assert gold.no_content == ["E2"]


def test_numbered_roles_and_relations_without_content() -> None:
    text = '"One," Ann said. "Two." Bob agreed.'
    ann = "\n".join(
        [
            _t(1, "Content", text, '"One,"'),
            _t(2, "Source", text, "Ann"),
            _t(3, "Cue", text, "said"),
            _t(4, "Content", text, '"Two."'),
            "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2 Content2:T4",
            _t(5, "Cue", text, "agreed"),
            "E2\tAttribution-no-source:T5 ",
            "E3\tAttribution:T5 Cue:T5 Speaker:T2",
        ]
    )
    gold = qp.parse_ann(ann, text)
    assert [(q.relation, q.content.text, q.sources[0].text) for q in gold.quotes] == [
        ("E1", '"One,"', "Ann"),
        ("E1", '"Two."', "Ann"),
    ]
    assert gold.no_content == ["E2", "E3"]
    assert gold.unknown_roles == {"Speaker": 1}
    assert gold.cues == ["said"]


@pytest.mark.parametrize(
    ("raw", "trimmed"),
    [
        ("“We will win,”", "We will win"),
        ('  "Yes."  ', "Yes"),
        ("‘no’", "no"),
        ("« oui »", "oui"),
        ("„ja“", "ja"),
        ("(that he would go)", "that he would go"),
        ("the Clintons’ plan.", "the Clintons’ plan"),
        ('"..."', ""),
    ],
)
def test_trim_drops_marks_punctuation_and_space_at_both_ends(raw: str, trimmed: str) -> None:
    start, end = qp.trim(raw, 0, len(raw))
    assert raw[start:end] == trimmed


def test_jaccard_counts_shared_characters_over_all() -> None:
    assert qp.jaccard((0, 10), (0, 10)) == 1.0
    assert qp.jaccard((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert qp.jaccard((0, 10), (0, 5)) == 0.5
    assert qp.jaccard((0, 10), (10, 20)) == 0.0
    assert qp.jaccard((3, 3), (3, 3)) == 0.0


def test_matching_is_one_to_one_best_first() -> None:
    # Prediction 0 fits both golds; the better pair (gold 1) wins, and gold 0
    # falls back to prediction 1 rather than sharing prediction 0.
    pairs = qp.match_one_to_one([((0.7,), 0, 0), ((0.9,), 1, 0), ((0.6,), 0, 1), ((0.5,), 1, 1)])
    assert sorted(pairs) == [(0, 1), (1, 0)]
    # Ties go to the lower gold, then predicted, index.
    assert qp.match_one_to_one([((1.0,), 1, 0), ((1.0,), 0, 0)]) == [(0, 0)]


def test_prf_arithmetic() -> None:
    assert qp.prf(2, 4, 2, 5) == pytest.approx((0.5, 0.4, 2 * 0.5 * 0.4 / 0.9))
    assert qp.prf(0, 0, 0, 7) == (0.0, 0.0, 0.0)
    assert qp.prf(3, 3, 3, 3) == (1.0, 1.0, 1.0)
    # Subset rows may match different numbers on each side.
    assert qp.prf(1, 2, 3, 4) == pytest.approx((0.5, 0.75, 0.6))


def test_is_direct_sees_marks_just_outside_the_span() -> None:
    text = 'He said "we win" and that we lose.'
    assert qp.is_direct(text, *_at(text, "we win"))
    assert qp.is_direct(text, *_at(text, '"we win"'))
    assert not qp.is_direct(text, *_at(text, "that we lose"))
    assert not qp.is_direct("the Clintons’ plan", 0, 17)


def _row(scored: dict, metric: str, mode: str, subset: str = "all") -> tuple[int, int, int, int]:
    row = scored["counts"][f"{metric}|{mode}|{subset}"]
    return row["matched_pred"], row["pred"], row["matched_gold"], row["gold"]


def test_score_article_counts_every_metric() -> None:
    gold = qp.parse_ann(_ann(), TEXT).quotes
    pred = [
        # Exact after trimming, right speaker.
        _quote(TEXT, "We will win", "Smith", "direct"),
        # Overlaps E2's content (Jaccard 19/24) but not exactly; wrong speaker.
        _quote(TEXT, "the plan would fail", "Smith", "indirect"),
        # Matches nothing in content; names Jones, E2's source.
        _quote(TEXT, "Officials", "Jones", "indirect"),
    ]
    scored = qp.score_article(TEXT, gold, pred)
    assert _row(scored, "content", "exact") == (1, 3, 1, 3)
    assert _row(scored, "content", "jaccard") == (2, 3, 2, 3)
    assert _row(scored, "content+speaker", "exact") == (1, 3, 1, 3)
    assert _row(scored, "content+speaker", "jaccard") == (1, 3, 1, 3)
    # Speaker alone: golds with a Source (E1, E2) vs predictions with a speaker (all
    # three); "Smith" fits only E1 (taken by the exact pair), "Jones" fits E2.
    assert _row(scored, "speaker", "exact") == (2, 3, 2, 2)
    # Direct subset: only E1 and the first prediction are in quotation marks.
    assert _row(scored, "content", "jaccard", "direct") == (1, 1, 1, 1)
    assert scored["gold_direct"] == [True, False, False]


def test_speakerless_prediction_matches_a_gold_without_source() -> None:
    gold = qp.parse_ann(_ann(), TEXT).quotes
    pred = [_quote(TEXT, "the deal is dead", None, "indirect")]
    scored = qp.score_article(TEXT, gold, pred)
    assert _row(scored, "content+speaker", "exact") == (1, 1, 1, 3)
    assert _row(scored, "speaker", "exact") == (0, 0, 0, 2)
    named = [_quote(TEXT, "the deal is dead", "Officials", "indirect")]
    assert _row(qp.score_article(TEXT, gold, named), "content+speaker", "exact") == (0, 1, 0, 3)
    # And a speakerless prediction does not match a gold quote that has a Source.
    unnamed = [_quote(TEXT, "We will win", None)]
    assert _row(qp.score_article(TEXT, gold, unnamed), "content+speaker", "jaccard") == (0, 1, 0, 3)
    assert _row(qp.score_article(TEXT, gold, unnamed), "content", "exact") == (1, 1, 1, 3)


def _gold(text: str, content: str, source: str | None = None) -> object:
    start, end = _at(text, content)
    sources = ()
    if source is not None:
        s, e = _at(text, source)
        sources = (qp.Span("Source", s, e, ((s, e),), source),)
    return qp.GoldQuote(
        "E1", qp.Span("Content", start, end, ((start, end),), content), sources, None
    )


@pytest.mark.parametrize(
    ("predicted", "exact", "jaccard"),
    [
        ("abcdefghij", 1, 1),  # identical
        ("abcdefghi", 0, 1),  # Jaccard 0.9
        ("abcde", 0, 1),  # Jaccard 0.5: still a match
        ("abcd", 0, 0),  # Jaccard 0.4
        ("fghijklmnopqrst", 0, 0),  # Jaccard 5/20
    ],
)
def test_content_thresholds(predicted: str, exact: int, jaccard: int) -> None:
    text = "abcdefghijklmnopqrst"
    gold = [_gold(text, "abcdefghij")]
    scored = qp.score_article(text, gold, [_quote(text, predicted)])
    assert _row(scored, "content", "exact") == (exact, 1, exact, 1)
    assert _row(scored, "content", "jaccard") == (jaccard, 1, jaccard, 1)


def test_exact_means_identical_not_nearly() -> None:
    text = "x" * 150 + "y"
    gold = [_gold(text, text)]
    scored = qp.score_article(text, gold, [_quote(text, "x" * 150)])  # Jaccard 150/151
    assert _row(scored, "content", "exact") == (0, 1, 0, 1)
    assert _row(scored, "content", "jaccard") == (1, 1, 1, 1)


def test_speaker_spans_are_trimmed_and_compared_by_mode() -> None:
    text = "Ann Lee (the mayor) said the budget is fine."
    gold = [_gold(text, "the budget is fine", "Ann Lee (the mayor)")]
    for speaker, exact, jaccard in [
        ("Ann Lee (the mayor)", 1, 1),
        ("Ann Lee (the mayor", 1, 1),  # the lone bracket is trimmed away on both sides
        ("Ann Lee (the", 0, 1),  # 12 of 18 characters
        ("Ann Lee", 0, 0),  # 7 of 18
    ]:
        scored = qp.score_article(text, gold, [_quote(text, "the budget is fine", speaker)])
        assert _row(scored, "speaker", "exact") == (exact, 1, exact, 1), speaker
        assert _row(scored, "content+speaker", "jaccard") == (jaccard, 1, jaccard, 1), speaker


def test_duplicate_predictions_count_once() -> None:
    gold = qp.parse_ann(_ann(), TEXT).quotes
    twice = [_quote(TEXT, "We will win", "Smith"), _quote(TEXT, "We will win,", "Smith")]
    scored = qp.score_article(TEXT, gold, twice)
    assert _row(scored, "content", "exact") == (1, 2, 1, 3)
    assert _row(scored, "speaker", "jaccard") == (1, 2, 1, 2)


def _polnear(tmp_path, split: str = "dev"):
    texts, anns = tmp_path / split / "text", tmp_path / split / "attributions"
    texts.mkdir(parents=True)
    anns.mkdir(parents=True)
    (texts / "a.txt").write_text(TEXT, encoding="utf-8")
    (anns / "a_ffff.ann").write_text("E1\tAttribution:T1\n", encoding="utf-8")
    (anns / "a_0abc.ann").write_text(_ann(), encoding="utf-8")
    (texts / "b.txt").write_text("No annotations here.", encoding="utf-8")
    return tmp_path


def test_load_split_takes_the_first_annotator_and_skips_unannotated(tmp_path) -> None:
    articles, skipped = qp.load_split(_polnear(tmp_path), "dev")
    assert skipped == ["b"]
    assert [(a["stem"], a["ann"], a["annotators"]) for a in articles] == [("a", "a_0abc.ann", 2)]
    assert len(articles[0]["gold"].quotes) == 3


def test_load_split_of_a_missing_folder_says_where_it_looked(tmp_path) -> None:
    # The trainers would otherwise fit on nothing and fail far from the cause.
    with pytest.raises(FileNotFoundError, match="no PolNeAR train articles in .*--data"):
        qp.load_split(tmp_path / "nowhere", "train")


def test_cue_coverage_uses_is_reporting_cue_when_present(tmp_path, monkeypatch) -> None:
    articles, skipped = qp.load_split(_polnear(tmp_path), "dev")
    monkeypatch.setattr(qp, "reporting_cue_test", lambda: lambda cue: cue == "said")
    stats = qp.gold_statistics(articles, skipped, top=5)
    assert (stats["cues_not_reporting"], stats["cues_total"]) == (1, 3)
    assert stats["top_cues"][0] == {"cue": "said", "count": 2, "reporting": True}
    monkeypatch.setattr(qp, "reporting_cue_test", lambda: None)
    stats = qp.gold_statistics(articles, skipped, top=5)
    assert stats["cues_not_reporting_share"] is None
    assert stats["gold_quotes_without_source"] == 1
    assert stats["gold_quotes_direct"] == 1


def test_api_quotes_become_records() -> None:
    items = [
        {
            "id": "Q1",
            "text": "We will win",
            "start": 1,
            "end": 12,
            "kind": "direct",
            "speaker": {"text": "Smith", "start": 15, "end": 20, "entity": "E1"},
            "cue": {"text": "said", "start": 21, "end": 25},
        },
        {"id": "Q2", "text": "x", "start": 0, "end": 1, "kind": "indirect", "speaker": None},
    ]
    first, second = qp.quotes_from_json(items)
    assert first.speaker == Speaker("Smith", 15, 20, "E1") and first.cue == Cue("said", 21, 25)
    assert second.speaker is None and second.cue is None


def test_main_scores_and_writes_json_and_errors(tmp_path, monkeypatch, capsys) -> None:
    data = _polnear(tmp_path / "polnear")
    monkeypatch.setattr(
        qp,
        "predict_local",
        lambda texts, threads, batch: [
            (_quote(TEXT, "We will win", "Smith"), _quote(TEXT, "Officials", None, "indirect"))
        ],
    )
    report, errors = tmp_path / "out.json", tmp_path / "errors.txt"
    assert qp.main(["--data", str(data), "--json", str(report), "--errors", str(errors)]) == 0
    table = capsys.readouterr().out
    assert "| content | exact | all | 3 | 2 | 0.500 | 0.333 | 0.400 |" in table
    figures = json.loads(report.read_text(encoding="utf-8"))
    assert figures["scores"]["content|exact|all"]["f1"] == 0.4
    assert figures["gold"]["articles_skipped_no_ann"] == 1
    dump = errors.read_text(encoding="utf-8")
    assert dump.count("\nFN ") == 2 and dump.count("\nFP ") == 1
    assert "⟦Officials⟧" in dump


def test_partials_inside_an_indirect_quote_are_set_aside_others_kept() -> None:
    text = "Blair said London would fight a “common enemy”. Critics call it a “fiasco”."
    reported = _quote(text, "London would fight a “common enemy”", "Blair", "indirect")
    nested = _quote(text, "common enemy", "Blair", "partial")
    alone = _quote(text, "fiasco", None, "partial")
    kept = qp.without_nested_partials([reported, nested, alone])
    assert kept == (reported, alone)


def _essentials(quotes) -> list[tuple]:
    """Quotes without entity ids (the annotator renumbers entities by salience)."""
    return [
        (
            q.kind,
            q.start,
            q.end,
            q.speaker and (q.speaker.start, q.speaker.end),
            q.cue and (q.cue.start, q.cue.end),
        )
        for q in quotes
    ]


def test_cached_parses_give_the_annotators_quotes(annotator, tmp_path, monkeypatch) -> None:
    import service.nlp.annotator as annotator_module

    loads = []
    monkeypatch.setattr(
        annotator_module, "load_annotator", lambda *a, **k: loads.append(1) or annotator
    )
    texts = [TEXT, "   ", "Angela Merkel, who leads the party, said the talks had failed."]
    first = qp.cached_parses(texts, tmp_path)
    again = qp.cached_parses(texts, tmp_path)
    assert loads == [1], "the second call reads the cache"
    assert first[1] is None and again == first
    for text, doc in zip(texts, again, strict=True):
        live = annotator.annotate(text, include=["quotes"]).quotes
        assert _essentials(qp.quotes_of(text, doc)) == _essentials(live)


def _trained_twice(
    name: str, annotator, root: Path, monkeypatch, suffix: str, *args: str
) -> tuple[Path, Path]:
    """The files the training script ``name`` writes in two runs on a small PolNeAR-like
    train split (``TEXT`` and its gold, four times) under ``root``."""
    trainer = _load(name)
    monkeypatch.setattr(trainer, "cached_parses", lambda texts, cache: annotator.parse(texts))
    texts, anns = root / "train" / "text", root / "train" / "attributions"
    texts.mkdir(parents=True)
    anns.mkdir(parents=True)
    for n in range(4):
        (texts / f"a{n}.txt").write_text(TEXT, encoding="utf-8")
        (anns / f"a{n}_0abc.ann").write_text(_ann(), encoding="utf-8")
    outs = (root / f"one{suffix}", root / f"two{suffix}")
    for out in outs:
        common = ["--data", str(root), "--out", str(out), "--folds", "2", "--min-count", "1"]
        assert trainer.main([*common, *args]) == 0
    return outs


def test_training_the_filter_is_deterministic(annotator, tmp_path, monkeypatch) -> None:
    one, two = _trained_twice(
        "train_quote_filter", annotator, tmp_path, monkeypatch, ".json", "--steps", "20"
    )
    assert one.read_bytes() == two.read_bytes()
    trainer = sys.modules["train_quote_filter"]
    model = json.loads(one.read_bytes())
    assert re.fullmatch(r"PolNeAR train, 4 articles, \d+ candidate quotes", model["trained_on"])
    assert model["threshold"] in trainer.THRESHOLDS
    assert model["settings"]["threshold"] == "cross-validated"
    assert model["weights"] and set(model["cross_validation"]) == {"without_filter", "with_filter"}


def test_the_filter_ships_a_given_threshold_of_its_table(annotator, tmp_path, monkeypatch) -> None:
    one, _ = _trained_twice(
        "train_quote_filter",
        annotator,
        tmp_path,
        monkeypatch,
        ".json",
        "--steps",
        "20",
        "--threshold",
        "0.65",
    )
    model = json.loads(one.read_bytes())
    assert model["threshold"] == 0.65 and model["settings"]["threshold"] == "given"
    trainer = sys.modules["train_quote_filter"]
    with pytest.raises(SystemExit):
        trainer.main(["--threshold", "0.62"])  # not a threshold the table scores


def test_quote_step_bench_times_each_seed(annotator, monkeypatch, capsys) -> None:
    module = _load("quote_step")
    monkeypatch.setattr(module, "load_annotator", lambda *a, **k: annotator)
    argv = ["quote_step.py", "--runs", "1", "--lengths", "4000", "--long-runs", "1"]
    monkeypatch.setattr(sys, "argv", argv)
    assert module.main() == 0
    out = capsys.readouterr().out.splitlines()
    rows = [line for line in out if line.startswith("| 0")]
    assert len(rows) == len(list((ROOT / "seeds").glob("*.txt")))
    assert all(re.search(r"\| x1\.\d{3} \|$", row) for row in rows)
    assert any(re.fullmatch(r"\| 4,000 \| \d+ ms \| \d+ ms \|", line) for line in out)


def test_training_the_tagger_is_deterministic(annotator, tmp_path, monkeypatch) -> None:
    one, two = _trained_twice(
        "train_quote_tagger", annotator, tmp_path, monkeypatch, ".crfsuite", "--iterations", "5"
    )
    assert one.read_bytes() == two.read_bytes()
    settings_path = one.with_suffix(".json")
    assert settings_path.read_bytes() == two.with_suffix(".json").read_bytes()
    trainer = sys.modules["train_quote_tagger"]
    settings = json.loads(settings_path.read_bytes())
    assert settings["threshold"] == trainer.SPAN_THRESHOLD
    assert settings["check"]["threshold"] in trainer.THRESHOLDS
    assert set(settings["check"]) == {"threshold", "bias", "weights"}
    assert settings["training"]["check_threshold"] == "cross-validated"
    assert set(settings["cross_validation"]) == {
        "without_tagger",
        "without_check",
        "with_tagger",
        "by_check_threshold",
    }


def test_the_tagger_ships_a_given_check_threshold_of_its_table(
    annotator, tmp_path, monkeypatch
) -> None:
    one, _ = _trained_twice(
        "train_quote_tagger",
        annotator,
        tmp_path,
        monkeypatch,
        ".crfsuite",
        "--iterations",
        "5",
        "--check-threshold",
        "0.6",
    )
    settings = json.loads(one.with_suffix(".json").read_bytes())
    assert settings["check"]["threshold"] == 0.6
    assert settings["training"]["check_threshold"] == "given"
    trainer = sys.modules["train_quote_tagger"]
    with pytest.raises(SystemExit):
        trainer.main(["--check-threshold", "0.27"])  # not a threshold the table scores


def test_training_the_choosers_is_deterministic(annotator, tmp_path, monkeypatch) -> None:
    one, two = _trained_twice(
        "train_quote_ends", annotator, tmp_path, monkeypatch, "", "--steps", "20"
    )
    for name, what in (
        ("quote_starts.json", "starts"),
        ("quote_ends.json", "ends"),
        ("quote_speaker_ends.json", "speaker ends"),
    ):
        assert (one / name).read_bytes() == (two / name).read_bytes()
        model = json.loads((one / name).read_bytes())
        assert re.fullmatch(rf"PolNeAR train, 4 articles, \d+ possible {what}", model["trained_on"])
        assert set(model["cross_validation"]) == {
            "rules_and_filter",
            "with_chosen_starts",
            "with_chosen_starts_and_ends",
            "with_chosen_speaker_ends_too",
        }
        assert model["weights"]


def _jones_said(text: str, content: str) -> list:
    """The gold quote of ``Jones said <content>`` in ``text``."""
    ann = [
        _t(1, "Source", text, "Jones"),
        _t(2, "Cue", text, "said"),
        _t(3, "Content", text, content),
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
    ]
    return qp.parse_ann("\n".join(ann), text).quotes


def test_end_examples_label_where_the_gold_content_ends(annotator) -> None:
    trainer = _load("train_quote_ends")
    text = "Jones said that the plan would fail, even as talks went on."
    gold = _jones_said(text, "that the plan would fail")
    doc, sentences, entities = parse_for_quotes(annotator, text)
    choices = end_choices(doc, text, sentences, entities)
    assert len(choices) == 1
    ((rows, labels),) = trainer.examples(text, choices, gold, "end")
    assert len(rows) == len(labels) == len(choices[0].offsets)
    assert labels.count(1) == 1
    right = choices[0].offsets[labels.index(1)]
    assert text[choices[0].quote.start : right] == "that the plan would fail"
    # A quote no gold Content starts with teaches nothing.
    assert trainer.examples(text, choices, [], "end") == []


def test_start_examples_label_where_the_gold_content_starts(annotator) -> None:
    trainer = _load("train_quote_ends")
    text = "Jones said on Monday that the plan would fail."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    (choice,) = start_choices(doc, text, sentences, entities)
    assert text[choice.quote.start : choice.quote.end] == "that the plan would fail"
    gold = _jones_said(text, "the plan would fail.")  # the scorer trims the full stop
    ((_, labels),) = trainer.examples(text, [choice], gold, "start")
    assert labels.count(1) == 1
    right = choice.offsets[labels.index(1)]
    assert text[right : choice.quote.end] == "the plan would fail"
    # A quote no gold Content ends with teaches nothing.
    assert trainer.examples(text, [choice], _jones_said(text, "that the plan"), "start") == []


def test_speaker_examples_label_where_the_gold_source_ends(annotator) -> None:
    trainer = _load("train_quote_ends")
    text = "“The plan will fail,” said Ann Jones, who runs the council."
    doc, sentences, entities = parse_for_quotes(annotator, text)
    (choice,) = speaker_choices(doc, text, sentences, entities)
    speaker = choice.quote.speaker
    assert text[speaker.start : speaker.end] == "Ann Jones, who runs the council"

    def gold(source: str, cue: str = "said", content: str = "The plan will fail") -> list:
        ann = [
            _t(1, "Source", text, source),
            _t(2, "Cue", text, cue),
            _t(3, "Content", text, content),
            "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        ]
        return qp.parse_ann("\n".join(ann), text).quotes

    ((_, labels),) = trainer.speaker_examples(text, [choice], gold("Ann Jones,"))  # trimmed
    assert labels.count(1) == 1
    right = choice.offsets[labels.index(1)]
    assert text[speaker.start : right] == "Ann Jones"
    # The attribution is found by its content when the cues differ.
    ((_, labels),) = trainer.speaker_examples(text, [choice], gold("Ann Jones", cue="runs"))
    assert labels.count(1) == 1
    # A Source that starts elsewhere, or another attribution's, teaches nothing.
    assert trainer.speaker_examples(text, [choice], gold("Jones")) == []
    elsewhere = gold("Ann Jones", cue="runs", content="the council")
    assert trainer.speaker_examples(text, [choice], elsewhere) == []


@pytest.mark.parametrize("objective", ["pointwise", "listwise"])
def test_a_chooser_learns_to_pick_the_right_option(objective: str) -> None:
    trainer = _load("train_quote_ends")
    # Each choice: the rules' option (``d=0``) and one more; the right one has ``w=stop``.
    right_first = ([["d=0", "w=stop"], ["d=+1", "w=go"]], [1, 0])
    right_later = ([["d=0", "w=go"], ["d=+1", "w=stop"]], [0, 1])
    data = [right_first] * 30 + [right_later] * 10
    chooser = trainer.fit_chooser(data, min_count=1, steps=100, objective=objective)
    assert chooser.weights["w=stop"] > chooser.weights["w=go"]
    assert chooser.best([["d=0", "w=go"], ["d=+1", "w=stop"]], default=0) == 1
    assert chooser.best([["d=0", "w=stop"], ["d=+1", "w=go"]], default=0) == 0


def test_the_tagger_check_is_scored_as_the_service_applies_it() -> None:
    trainer = _load("train_quote_tagger")
    kept = [Quote("Q1", "b", 10, 11, "direct", None, None)]
    early = Quote("Q2", "a", 0, 1, "indirect", None, None)
    late = Quote("Q3", "c", 20, 21, "indirect", None, None)
    learned = [(early, 0.3), (late, 0.1)]
    assert trainer.with_checked(kept, learned, 0.25) == [early, kept[0]]
    assert trainer.with_checked(kept, learned, 0.0) == [early, kept[0], late]
    assert trainer.fit_check([]) == ({}, 0.0)
    weights, _ = trainer.fit_check([(["cue_last=hugged"], 1), (["cue_last=saw"], 0)] * 5)
    assert weights["cue_last=hugged"] > 0 > weights["cue_last=saw"]


def test_tagger_labels_content_then_cue_then_source() -> None:
    trainer = _load("train_quote_tagger")
    text = "Jones said that the plan would fail."
    offsets = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    gold = _jones_said(text, "that the plan would fail.")
    assert trainer.labels(text, offsets, gold) == [
        "B-S",
        "B-Q",
        "B-C",
        "I-C",
        "I-C",
        "I-C",
        "I-C",
        "O",  # the full stop is trimmed, as the scorer trims
    ]


def test_earlier_stages_need_the_parse_cache() -> None:
    for flag in ("--no-filter", "--no-tagger", "--no-bounds"):
        with pytest.raises(SystemExit):
            qp.main([flag])
