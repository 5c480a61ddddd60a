"""The annotator on real text: offsets, blank input, batches and the seeds."""

from __future__ import annotations

import re

import pytest
import stanza

from service.nlp.annotator import Annotator
from service.nlp.loader import RUN
from service.nlp.loader import build_pipeline
from service.nlp.loader import inspect_models
from service.web.schemas import annotation_body
from tests.conftest import SEEDS
from tests.conftest import read_seed
from tests.invariants import check_annotation

# Texts whose code points are not one byte, one UTF-16 unit or one grapheme each.
AWKWARD = [
    pytest.param("Tony Blair 😀🇫🇷 met Angela Merkel in Paris.", id="emoji-and-flag"),
    pytest.param(
        "Tony Blair met Angela Merkel in Paris.\r\nMerkel said \u201cno\u201d.\r\n\r\nEnd.",
        id="crlf",
    ),
    pytest.param("Cafe\u0301 owner Jose\u0301 Garci\u0301a visited Madrid.", id="combining"),
    pytest.param(
        "Angela Merkel visited \u5317\u4eac and \u041c\u043e\u0441\u043a\u0432\u0430.",
        id="cjk-cyrillic",
    ),
    pytest.param(
        "\u0627\u0644\u0633\u0644\u0627\u0645 Tony Blair \u05e9\u05dc\u05d5\u05dd in London.",
        id="rtl",
    ),
    pytest.param(
        "Tony\u200b Blair said\u00a0hi\u2028to Merkel.\x00 Paris\ttoo.\x0c",
        id="controls-and-spaces",
    ),
    pytest.param(
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 Angela Merkel in Berlin.", id="zwj-sequence"
    ),
    pytest.param("\ufeffTony Blair spoke in London.", id="leading-bom"),
    pytest.param("   Tony Blair spoke in London.   \n\n", id="outer-whitespace"),
]


@pytest.mark.parametrize("text", AWKWARD)
def test_offsets_are_code_points_into_the_exact_text(annotator: Annotator, text: str) -> None:
    result = annotator.annotate(text)
    check_annotation(annotation_body(result), text)
    assert result.entities, "every text names somebody or somewhere"


def test_very_long_runs_are_left_out_of_sentences(annotator: Annotator) -> None:
    # stanza's tokenizer is quadratic in token length: 20,000 characters took seconds,
    # 200,000 took minutes, before such runs were blanked for it.
    blob = "QUJD" * 5000
    text = f"Tony Blair spoke in London. {blob}\nAngela Merkel replied from Berlin."
    result = annotator.annotate(text)
    check_annotation(annotation_body(result), text)
    start = text.index(blob)
    for sentence in result.sentences:
        assert sentence.end <= start or sentence.start >= start + len(blob)
    names = {e.name for e in result.entities}
    assert {"Tony Blair", "Angela Merkel"} <= names


@pytest.mark.parametrize("text", ["", " ", "\n\r\n\t ", "\u00a0\u2003"])
def test_blank_text_gives_empty_annotations(annotator: Annotator, text: str) -> None:
    result = annotator.annotate(text)
    assert (result.text_length, result.sentences, result.entities) == (len(text), (), ())


def test_include_nothing_leaves_entities_out(annotator: Annotator) -> None:
    result = annotator.annotate("Tony Blair spoke in London.", include=[])
    assert result.entities is None
    assert result.sentences


def test_unknown_annotation_kind_is_refused(annotator: Annotator) -> None:
    with pytest.raises(ValueError, match="unknown annotations: gossip"):
        annotator.annotate("text", include=["gossip"])


def _comparable(result) -> dict:
    body = annotation_body(result)
    body["meta"].pop("elapsed_ms")
    return body


def test_batch_gives_the_same_results_as_one_by_one(annotator: Annotator) -> None:
    texts = [read_seed(p) for p in SEEDS] + ["", "Angela Merkel spoke in Berlin."]
    ids = [f"d{i}" for i in range(len(texts))]
    together = annotator.annotate_many(texts, ids)
    alone = [annotator.annotate(t, i) for t, i in zip(texts, ids, strict=True)]
    assert [_comparable(r) for r in together] == [_comparable(r) for r in alone]


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_offsets_hold(annotator: Annotator, seed) -> None:
    text = read_seed(seed)
    check_annotation(annotation_body(annotator.annotate(text)), text)


@pytest.fixture(scope="module")
def seed_entity_types(annotator: Annotator) -> dict[str, set[str]]:
    """Surface form -> the types of the entities it is a mention of, over both seeds."""
    found: dict[str, set[str]] = {}
    for seed in SEEDS:
        for entity in annotator.annotate(read_seed(seed)).entities:
            for mention in entity.mentions:
                found.setdefault(mention.text, set()).add(entity.type)
    return found


# Names every reasonable English NER model finds in the seeds, with the type it gives.
@pytest.mark.parametrize(
    ("surface", "kind"),
    [
        ("Obama", "PERSON"),
        ("Putin", "PERSON"),
        ("Assad", "PERSON"),
        ("France", "GPE"),
        ("Syria", "GPE"),
        ("Russia", "GPE"),
        ("Paris", "GPE"),
        ("Moscow", "GPE"),
    ],
)
def test_seed_names_found_with_their_type(
    seed_entity_types: dict[str, set[str]], surface: str, kind: str
) -> None:
    assert kind in seed_entity_types.get(surface, set())


def test_seed_full_name_and_surname_are_one_entity(annotator: Annotator) -> None:
    # Both seeds name "Barack Obama" in full and "Obama" alone elsewhere.
    for seed in SEEDS:
        entities = annotator.annotate(read_seed(seed)).entities
        obama = [e for e in entities if e.type == "PERSON" and "Obama" in e.name]
        assert len(obama) == 1, [e.name for e in obama]
        assert obama[0].name == "Barack Obama"
        assert {m.text for m in obama[0].mentions} >= {"Barack Obama", "Obama"}


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_headline_names_are_the_most_salient(annotator: Annotator, seed) -> None:
    # A news headline names what the article is about; names it repeats later rank first.
    entities = annotator.annotate(read_seed(seed)).entities
    headline_names = [e for e in entities if e.mentions[0].sentence == 0 and len(e.mentions) >= 3]
    assert headline_names, "the headline names countries the article repeats"
    top = {e.id for e in entities[: len(headline_names) + 2]}
    assert {e.id for e in headline_names} <= top
    assert all(e.type not in {"CARDINAL", "DATE", "PERCENT"} for e in entities[:5])


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_entities_are_the_same_whatever_else_is_asked_for(annotator: Annotator, seed) -> None:
    # Speakers feed salience, so quotes are found for entities alone too.
    text = read_seed(seed)
    alone = annotator.annotate(text, include=["entities"]).entities
    assert annotator.annotate(text).entities == alone
    assert annotator.annotate(text, include=["entities", "quotes"]).entities == alone


# A speaker's head: up to its first preposition after a word (``in London``), or whole.
_HEAD = re.compile(r".*?(?=\s+(?:of|for|at|from|with|to|in|on|by)\s|$)", re.DOTALL)


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_speakers_point_at_the_entities_they_name(annotator: Annotator, seed) -> None:
    # Entities are numbered again after quotes are found: speaker ids must follow them.
    result = annotator.annotate(read_seed(seed))
    ids = {e.id for e in result.entities}
    linked = 0
    for quote in result.quotes:
        if quote.speaker is None or quote.speaker.entity is None:
            continue
        assert quote.speaker.entity in ids
        speaker = quote.speaker
        # A phrase names its head, not the place or body after a preposition: ``the
        # Parliament of Canada in Ottawa`` names the Parliament, ``the ambassador to
        # France`` no one.
        head = _HEAD.match(speaker.text)
        head_end = speaker.start + head.end()
        named = {
            e.id
            for e in result.entities
            for m in e.mentions
            if speaker.start <= m.start and m.end == head_end
        }
        if named:
            linked += 1
            assert speaker.entity in named, quote
    assert linked
    for claim in result.claims:
        assert claim.claimant is None or claim.claimant in ids


def test_seed_description_joins_the_person_given_that_title(annotator: Annotator) -> None:
    # Seed 001 names "US President Barack Obama", later quoted as "said the US President".
    (seed,) = [p for p in SEEDS if p.name.startswith("001")]
    text = read_seed(seed)
    result = annotator.annotate(text)
    (obama,) = [e for e in result.entities if e.name == "Barack Obama"]
    assert "the US President" in [m.text for m in obama.mentions]
    assert "the US President" not in obama.aliases
    speakers = {q.speaker.text: q.speaker.entity for q in result.quotes if q.speaker}
    assert speakers["the US President"] == obama.id


MWT_TEXTS = [
    "We cannot wait, and they're gonna vote; Obama's aides said it'd pass. I wanna go.",
    "The U.S. Senate's vote wasn't close: 52-48, said Sen. Mitch McConnell (R-Ky.).",
]


def test_running_without_mwt_changes_no_token_sentence_or_tag(model_dir: str) -> None:
    # The service drops stanza's multi-word token expansion (service.nlp.loader.RUN); this
    # holds it to stanza's default pipeline, with MWT, on the models in use.
    info = inspect_models(model_dir)
    full = build_pipeline(info, torch_threads=1, run_mwt=True)
    lean = build_pipeline(info, torch_threads=1)
    assert "mwt" in full.processors and "mwt" not in lean.processors
    texts = [read_seed(path) for path in SEEDS] + MWT_TEXTS

    def read(pipeline, processors: str) -> list:
        docs = pipeline.process([stanza.Document([], text=t) for t in texts], processors=processors)
        return [
            [(t.start_char, t.end_char, t.text, t.ner) for s in doc.sentences for t in s.tokens]
            + [(s.tokens[0].start_char, s.tokens[-1].end_char) for s in doc.sentences]
            for doc in docs
        ]

    assert read(lean, ",".join(RUN)) == read(full, "tokenize,mwt,ner")
