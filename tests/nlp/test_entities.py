"""Grouping NER mentions into entities.

The tables drive ``group_mentions``/``build_entities`` with hand-made mentions,
so they test the rules and not any model's tagging; the last tests run short
texts through the real pipeline.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest

from service.nlp.entities import TaggedMention
from service.nlp.entities import build_entities
from service.nlp.entities import group_mentions


def tag(
    text: str, spec: list[tuple[str, str]], sentence_starts: tuple[int, ...] = (0,)
) -> list[TaggedMention]:
    """Mentions of ``text``: each (surface, TYPE) at its next occurrence, in order."""
    mentions, at = [], 0
    for surface, kind in spec:
        start = text.index(surface, at)
        sentence = bisect_right(sentence_starts, start) - 1
        mentions.append(TaggedMention(surface, start, start + len(surface), sentence, kind))
        at = start + len(surface)
    return mentions


def groups_of(text: str, spec: list[tuple[str, str]]) -> list[list[str]]:
    return [[m.text for m in group] for group in group_mentions(tag(text, spec))]


GROUPING = [
    pytest.param(
        "Barack Obama spoke. Obama left.",
        [("Barack Obama", "PERSON"), ("Obama", "PERSON")],
        [["Barack Obama", "Obama"]],
        id="surname-refers-back",
    ),
    pytest.param(
        "Obama spoke first. Later Barack Obama left.",
        [("Obama", "PERSON"), ("Barack Obama", "PERSON")],
        [["Obama", "Barack Obama"]],
        id="surname-before-full-name",
    ),
    pytest.param(
        "Angela Merkel arrived. Angela smiled.",
        [("Angela Merkel", "PERSON"), ("Angela", "PERSON")],
        [["Angela Merkel", "Angela"]],
        id="first-name",
    ),
    pytest.param(
        "Recep Tayyip Erdogan spoke. Tayyip Erdogan left. Erdogan returned.",
        [("Recep Tayyip Erdogan", "PERSON"), ("Tayyip Erdogan", "PERSON"), ("Erdogan", "PERSON")],
        [["Recep Tayyip Erdogan", "Tayyip Erdogan", "Erdogan"]],
        id="longer-partial-names",
    ),
    pytest.param(
        "Syria said no. Syria's army moved.",
        [("Syria", "GPE"), ("Syria", "GPE")],
        [["Syria", "Syria"]],
        id="same-name",
    ),
    pytest.param(
        "the United States and United States",
        [("the United States", "GPE"), ("United States", "GPE")],
        [["the United States", "United States"]],
        id="leading-the",
    ),
    pytest.param(
        "Mr Hollande met Hollande",
        [("Mr Hollande", "PERSON"), ("Hollande", "PERSON")],
        [["Mr Hollande", "Hollande"]],
        id="title",
    ),
    pytest.param(
        "Turkey said Turkey would act.",
        [("Turkey", "GPE"), ("Turkey", "ORG")],
        [["Turkey", "Turkey"]],
        id="type-disagreement-stays-one",
    ),
    pytest.param(
        "Hollande met Francois Hollande. Hollande said.",
        [("Hollande", "ORG"), ("Francois Hollande", "PERSON"), ("Hollande", "PERSON")],
        [["Hollande", "Francois Hollande", "Hollande"]],
        id="mistyped-surname-joins-person",
    ),
    pytest.param(
        "Bill Clinton spoke. Hillary Clinton spoke. Clinton left.",
        [("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")],
        [["Bill Clinton"], ["Hillary Clinton", "Clinton"]],
        id="same-surname-nearest-before",
    ),
    pytest.param(
        "Clinton began. Bill Clinton spoke. Hillary Clinton spoke. Clinton left.",
        [
            ("Clinton", "PERSON"),
            ("Bill Clinton", "PERSON"),
            ("Hillary Clinton", "PERSON"),
            ("Clinton", "PERSON"),
        ],
        [["Clinton", "Bill Clinton"], ["Hillary Clinton", "Clinton"]],
        id="same-surname-first-after-when-none-before",
    ),
    pytest.param(
        "George Washington visited Washington.",
        [("George Washington", "PERSON"), ("Washington", "GPE")],
        [["George Washington"], ["Washington"]],
        id="place-named-like-a-person-stays-apart",
    ),
    pytest.param(
        "10 people and 10 tanks",
        [("10", "CARDINAL"), ("10", "CARDINAL")],
        [["10"], ["10"]],
        id="numbers-never-merged",
    ),
    pytest.param(
        "on Monday and again Monday",
        [("Monday", "DATE"), ("Monday", "DATE")],
        [["Monday", "Monday"]],
        id="same-date-merged",
    ),
    pytest.param(
        "Russia and Russian troops",
        [("Russia", "GPE"), ("Russian", "NORP")],
        [["Russia"], ["Russian"]],
        id="different-names-apart",
    ),
]


ALIASES = [
    pytest.param(
        "US troops, U.S. jets, the United States and America",
        [("US", "GPE"), ("U.S.", "GPE"), ("the United States", "GPE"), ("America", "GPE")],
        [["US", "U.S.", "the United States", "America"]],
        id="united-states",
    ),
    pytest.param(
        "Russia and the Russian Federation",
        [("Russia", "GPE"), ("the Russian Federation", "GPE")],
        [["Russia", "the Russian Federation"]],
        id="official-name",
    ),
    pytest.param(
        "Syria, the Syrian Arab Republic",
        [("Syria", "GPE"), ("the Syrian Arab Republic", "GPE")],
        [["Syria", "the Syrian Arab Republic"]],
        id="pycountry-common-name",
    ),
    pytest.param(
        "Britain, the UK and the United Kingdom",
        [("Britain", "GPE"), ("UK", "GPE"), ("the United Kingdom", "GPE")],
        [["Britain", "UK", "the United Kingdom"]],
        id="united-kingdom",
    ),
    pytest.param(
        "ISIS, ISIL, IS, Islamic State and Daesh",
        [
            ("ISIS", "ORG"),
            ("ISIL", "ORG"),
            ("IS", "ORG"),
            ("Islamic State", "ORG"),
            ("Daesh", "ORG"),
        ],
        [["ISIS", "ISIL", "IS", "Islamic State", "Daesh"]],
        id="islamic-state",
    ),
    pytest.param(
        "the UN and the United Nations",
        [("UN", "ORG"), ("the United Nations", "ORG")],
        [["UN", "the United Nations"]],
        id="well-known-acronym",
    ),
    pytest.param(
        "the Environmental Protection Agency (EPA) said the EPA would act",
        [("the Environmental Protection Agency", "ORG"), ("EPA", "ORG"), ("EPA", "ORG")],
        [["the Environmental Protection Agency", "EPA", "EPA"]],
        id="acronym-defined-in-text",
    ),
    pytest.param(
        "the Democratic National Committee and the DNC and the Defense Nuclear Council",
        [
            ("the Democratic National Committee", "ORG"),
            ("DNC", "ORG"),
            ("the Defense Nuclear Council", "ORG"),
        ],
        [["the Democratic National Committee"], ["DNC"], ["the Defense Nuclear Council"]],
        id="ambiguous-acronym-stays-apart",
    ),
    pytest.param(
        "Iceland, and IS fighters",
        [("Iceland", "GPE"), ("IS", "ORG")],
        [["Iceland"], ["IS"]],
        id="two-letter-codes-are-not-countries",
    ),
    pytest.param(
        "Jordan and Michael Jordan; Jordan scored",
        [("Jordan", "GPE"), ("Michael Jordan", "PERSON"), ("Jordan", "PERSON")],
        [["Jordan", "Michael Jordan", "Jordan"]],
        id="person-reading-wins-when-tagged-person",
    ),
    pytest.param(
        "American officials in America",
        [("American", "NORP"), ("America", "GPE")],
        [["American"], ["America"]],
        id="demonym-is-not-the-country",
    ),
]


CONVENTIONS = [
    pytest.param(
        "Democrats met. A Democrat spoke; the Democrats left.",
        [("Democrats", "NORP"), ("Democrat", "NORP"), ("Democrats", "NORP")],
        [["Democrats", "Democrat", "Democrats"]],
        id="plural-group-joins-singular",
    ),
    pytest.param(
        "the Congressional Black Caucus Foundation gala; the Black Caucus Foundation said",
        [("the Congressional Black Caucus Foundation", "ORG"), ("Black Caucus Foundation", "ORG")],
        [["the Congressional Black Caucus Foundation", "Black Caucus Foundation"]],
        id="organisation-suffix",
    ),
    pytest.param(
        "the Democratic National Committee, the Republican National Committee, the National Committee",
        [
            ("the Democratic National Committee", "ORG"),
            ("the Republican National Committee", "ORG"),
            ("the National Committee", "ORG"),
        ],
        [
            ["the Democratic National Committee"],
            ["the Republican National Committee"],
            ["the National Committee"],
        ],
        id="ambiguous-organisation-suffix-stays-apart",
    ),
    pytest.param(
        "the Air Force and the US Air Force",
        [("Air Force", "ORG"), ("the US Air Force", "ORG")],
        [["Air Force", "the US Air Force"]],
        id="organisation-suffix-before-full-name",
    ),
]


@pytest.mark.parametrize(("text", "spec", "expected"), GROUPING + ALIASES + CONVENTIONS)
def test_grouping(text: str, spec: list[tuple[str, str]], expected: list[list[str]]) -> None:
    assert groups_of(text, spec) == expected


@pytest.mark.parametrize(("text", "spec", "_"), GROUPING + ALIASES + CONVENTIONS)
def test_every_mention_in_exactly_one_entity(text: str, spec: list, _: object) -> None:
    mentions = tag(text, spec)
    entities = build_entities(group_mentions(mentions))
    placed = sorted((m.start, m.end) for e in entities for m in e.mentions)
    assert placed == sorted((m.start, m.end) for m in mentions)


NAMING = [
    pytest.param(
        [("Obama", "PERSON"), ("Barack Obama", "PERSON")], "Barack Obama", "PERSON", id="longest"
    ),
    pytest.param(
        [("the Islamic State", "ORG"), ("Islamic State", "ORG")],
        "Islamic State",
        "ORG",
        id="without-the",
    ),
    pytest.param([("Mr Hollande", "PERSON")], "Hollande", "PERSON", id="without-title"),
    pytest.param(
        [("US", "GPE"), ("the United States", "GPE"), ("U.S.", "ORG")],
        "United States",
        "GPE",
        id="country-most-complete",
    ),
    pytest.param(
        [("Syria", "GPE"), ("Syria", "NORP"), ("Syria", "GPE")], "Syria", "GPE", id="majority-type"
    ),
]


@pytest.mark.parametrize(("spec", "name", "kind"), NAMING)
def test_name_is_most_complete_form_and_type_is_majority(
    spec: list[tuple[str, str]], name: str, kind: str
) -> None:
    text = " and ".join(surface for surface, _ in spec)
    (entity,) = build_entities(group_mentions(tag(text, spec)))
    assert (entity.name, entity.type) == (name, kind)


def test_a_titled_surname_is_one_person_all_through() -> None:
    # "Mr. Obama" after "Michelle Obama" is still the Mr. Obama named before her.
    text = "Mr. Obama spoke. Barack Obama left. Michelle Obama came. Mr. Obama returned."
    spec = [
        ("Obama", "PERSON"),
        ("Barack Obama", "PERSON"),
        ("Michelle Obama", "PERSON"),
        ("Obama", "PERSON"),
    ]
    mentions = tag(text, spec)
    mentions = [
        TaggedMention(
            m.text, m.start, m.end, m.sentence, m.type, "mr" if m.text == "Obama" else None
        )
        for m in mentions
    ]
    groups = [[m.start for m in g] for g in group_mentions(mentions)]
    assert groups == [[4, 17, 61], [36]]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("said Mr. Obama", "mr"),
        ("said Mrs Clinton", "mrs"),
        ('"President Obama', "president"),
        ("the first lady, Michelle Obama", None),
        ("Obama", None),
    ],
)
def test_title_before_a_person_is_found(text: str, title: str | None) -> None:
    from service.nlp.entities import _title_of

    name = text.split()[-1]
    start = text.rindex(name)
    assert _title_of(text, start, [name]) == title


def entities_of(text: str, spec: list[tuple[str, str]], sentence_starts=(0,)):
    mentions = tag(text, spec, sentence_starts)
    return build_entities(group_mentions(mentions), len(text), sentence_starts)


def test_entities_sorted_and_numbered_by_salience() -> None:
    text = "In the news: Berlin, then Paris, then Paris again."
    entities = entities_of(text, [("Berlin", "GPE"), ("Paris", "GPE"), ("Paris", "GPE")])
    assert [(e.id, e.name, len(e.mentions)) for e in entities] == [
        ("E1", "Paris", 2),
        ("E2", "Berlin", 1),
    ]


def test_saliences_are_a_distribution() -> None:
    text = "Tony Blair met Angela Merkel in Berlin on Monday with 300 officials; Blair left."
    spec = [
        ("Tony Blair", "PERSON"),
        ("Angela Merkel", "PERSON"),
        ("Berlin", "GPE"),
        ("Monday", "DATE"),
        ("300", "CARDINAL"),
        ("Blair", "PERSON"),
    ]
    entities = entities_of(text, spec)
    saliences = [e.salience for e in entities]
    assert all(0 <= s <= 1 for s in saliences)
    assert sum(saliences) == pytest.approx(1, abs=1e-3)
    assert saliences == sorted(saliences, reverse=True)
    assert entities[0].name == "Tony Blair"
    assert [e.type for e in entities[-2:]] == ["DATE", "CARDINAL"]


@pytest.mark.parametrize(
    ("text", "spec", "starts", "first"),
    [
        pytest.param(
            "Headline. Then Paris " + "x " * 40 + "Rome, Rome, Rome and Rome.",
            [("Paris", "GPE"), ("Rome", "GPE"), ("Rome", "GPE"), ("Rome", "GPE"), ("Rome", "GPE")],
            (0, 10),
            "Rome",
            id="many-mentions-beat-one-early-mention",
        ),
        pytest.param(
            "Paris and Rome. " + "x " * 40 + ". Rome.",
            [("Paris", "GPE"), ("Rome", "GPE"), ("Rome", "GPE")],
            (0, 98),
            "Rome",
            id="headline-and-repeated-beats-headline-once",
        ),
        pytest.param(
            "Paris " + "x " * 50 + ". Rome.",
            [("Paris", "GPE"), ("Rome", "GPE")],
            (0,),
            "Paris",
            id="earlier-beats-later",
        ),
        pytest.param(
            "Rome in 2016. " + "x " * 30 + ". In 2016, Rome.",
            [("Rome", "GPE"), ("2016", "DATE"), ("2016", "DATE"), ("Rome", "GPE")],
            (0, 76),
            "Rome",
            id="names-beat-dates-mentioned-as-often",
        ),
    ],
)
def test_salience_ranks(text: str, spec: list, starts: tuple, first: str) -> None:
    assert entities_of(text, spec, starts)[0].name == first


def test_aliases_are_the_distinct_forms_in_order() -> None:
    text = "the United States, US, America, US again"
    spec = [("the United States", "GPE"), ("US", "GPE"), ("America", "GPE"), ("US", "GPE")]
    (entity,) = entities_of(text, spec)
    assert entity.aliases == ("the United States", "US", "America")


# Short texts through the real pipeline: names any English NER model finds.
REAL = [
    pytest.param(
        "Tony Blair visited Berlin on Monday. Blair met reporters there.",
        "Blair",
        ["Tony Blair", "Blair"],
        id="surname",
    ),
    pytest.param(
        "Angela Merkel spoke in Paris. On Tuesday, Merkel flew home.",
        "Merkel",
        ["Angela Merkel", "Merkel"],
        id="surname-later-sentence",
    ),
    pytest.param(
        "Germany sent troops. Germany's army is large, officials in Germany said.",
        "Germany",
        ["Germany", "Germany", "Germany"],
        id="possessive",
    ),
]


@pytest.mark.parametrize(("text", "name", "mentions"), REAL)
def test_grouping_with_real_model(annotator, text: str, name: str, mentions: list[str]) -> None:
    result = annotator.annotate(text)
    (entity,) = [e for e in result.entities if re.search(rf"\b{name}\b", e.name)]
    assert [m.text for m in entity.mentions] == mentions
    for m in entity.mentions:
        assert text[m.start : m.end] == m.text


def test_plural_group_name_matching_a_shared_surname_does_not_crash() -> None:
    """A NORP plural whose singular is a surname two people share (found on PolNeAR train)."""
    text = "John Ebeling met Mary Ebeling. The Ebeling family and the Ebelings came. Ebeling spoke."
    spec = [
        ("John Ebeling", "PERSON"),
        ("Mary Ebeling", "PERSON"),
        ("Ebeling", "NORP"),
        ("Ebelings", "NORP"),
        ("Ebeling", "PERSON"),
    ]
    groups = groups_of(text, spec)
    assert sum(len(g) for g in groups) == len(spec)
