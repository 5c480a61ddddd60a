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
from service.nlp.entities import add_descriptions
from service.nlp.entities import build_entities
from service.nlp.entities import group_mentions
from service.nlp.entities import rank_by_speakers
from service.nlp.titles import PERSON_ROLES
from service.nlp.titles import title_words


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


NAME_VARIANTS = [
    pytest.param(
        "Joe Biden spoke. Joseph R. Biden left. Biden returned.",
        [("Joe Biden", "PERSON"), ("Joseph R. Biden", "PERSON"), ("Biden", "PERSON")],
        [["Joe Biden", "Joseph R. Biden", "Biden"]],
        id="short-first-name-and-middle-initial",
    ),
    pytest.param(
        "Joseph R. Biden Jr. spoke. Joe Biden left.",
        [("Joseph R. Biden Jr.", "PERSON"), ("Joe Biden", "PERSON")],
        [["Joseph R. Biden Jr.", "Joe Biden"]],
        id="generational-suffix",
    ),
    pytest.param(
        "Bill Clinton spoke. Hillary Clinton spoke. William Clinton left.",
        [("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("William Clinton", "PERSON")],
        [["Bill Clinton", "William Clinton"], ["Hillary Clinton"]],
        id="formal-first-name",
    ),
    pytest.param(
        "Hillary Rodham Clinton spoke. Hillary Clinton left.",
        [("Hillary Rodham Clinton", "PERSON"), ("Hillary Clinton", "PERSON")],
        [["Hillary Rodham Clinton", "Hillary Clinton"]],
        id="middle-name",
    ),
    pytest.param(
        "George W. Bush met George H.W. Bush.",
        [("George W. Bush", "PERSON"), ("George H.W. Bush", "PERSON")],
        [["George W. Bush"], ["George H.W. Bush"]],
        id="different-middle-initials-apart",
    ),
    pytest.param(
        "Chris Smith met Christopher Smith.",
        [("Chris Smith", "PERSON"), ("Christopher Smith", "PERSON")],
        [["Chris Smith"], ["Christopher Smith"]],
        id="short-form-of-several-names-stays-apart",
    ),
    pytest.param(
        "Tom Brady and Tim Brady",
        [("Tom Brady", "PERSON"), ("Tim Brady", "PERSON")],
        [["Tom Brady"], ["Tim Brady"]],
        id="different-short-names-apart",
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


@pytest.mark.parametrize(
    ("text", "spec", "expected"), GROUPING + NAME_VARIANTS + ALIASES + CONVENTIONS
)
def test_grouping(text: str, spec: list[tuple[str, str]], expected: list[list[str]]) -> None:
    assert groups_of(text, spec) == expected


@pytest.mark.parametrize(("text", "spec", "_"), GROUPING + NAME_VARIANTS + ALIASES + CONVENTIONS)
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


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds: each run of text up to and with a full stop."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^.\s][^.]*\.?", text)]


def described(text: str, spec: list[tuple[str, str]]) -> list[list[str]]:
    """Groups of ``text`` with descriptions added, as mention texts."""
    bounds = _sentences(text)
    mentions = tag(text, spec, tuple(start for start, _ in bounds))
    groups = add_descriptions(group_mentions(mentions), text, bounds)
    for group in groups:
        for m in group:
            assert m.text == text[m.start : m.end]
    return [[m.text for m in group] for group in groups]


DESCRIPTIONS = [
    pytest.param(
        "German Chancellor Angela Merkel spoke. The German Chancellor left.",
        [("Angela Merkel", "PERSON")],
        [["Angela Merkel", "The German Chancellor"]],
        id="same-title",
    ),
    pytest.param(
        "President Barack Obama spoke. Later the president left.",
        [("Barack Obama", "PERSON")],
        [["Barack Obama", "the president"]],
        id="role-alone",
    ),
    pytest.param(
        "U.S. President Barack Obama met Chinese President Xi Jinping. Then the US President spoke.",
        [("Barack Obama", "PERSON"), ("Xi Jinping", "PERSON")],
        [["Barack Obama", "the US President"], ["Xi Jinping"]],
        id="country-picks-one-of-two",
    ),
    pytest.param(
        "President Barack Obama met President Xi Jinping. Then the president spoke.",
        [("Barack Obama", "PERSON"), ("Xi Jinping", "PERSON")],
        [["Barack Obama"], ["Xi Jinping"]],
        id="two-fit-none-joins",
    ),
    pytest.param(
        "Vice President Joe Biden met President Barack Obama. The president spoke; "
        "the vice president left.",
        [("Joe Biden", "PERSON"), ("Barack Obama", "PERSON")],
        [["Joe Biden", "the vice president"], ["Barack Obama", "The president"]],
        id="rank-tells-offices-apart",
    ),
    pytest.param(
        "Former President Bill Clinton met President Barack Obama. The president spoke.",
        [("Bill Clinton", "PERSON"), ("Barack Obama", "PERSON")],
        [["Bill Clinton"], ["Barack Obama", "The president"]],
        id="former-is-another-office",
    ),
    pytest.param(
        "Russian ambassador Alexander Orlov spoke. The Russian ambassador to France said no.",
        [("Alexander Orlov", "PERSON"), ("France", "GPE")],
        [["Alexander Orlov", "The Russian ambassador to France"], ["France"]],
        id="complement-after-role",
    ),
    pytest.param(
        "Chinese President Xi Jinping spoke. The president of the United States left.",
        [("Xi Jinping", "PERSON"), ("the United States", "GPE")],
        [["Xi Jinping"], ["the United States"]],
        id="complement-against-title",
    ),
    pytest.param(
        "Barack Obama spoke. The president left.",
        [("Barack Obama", "PERSON")],
        [["Barack Obama"]],
        id="never-given-the-title",
    ),
    pytest.param(
        "The president spoke. Later President Barack Obama left.",
        [("Barack Obama", "PERSON")],
        [["Barack Obama"]],
        id="named-only-after",
    ),
    pytest.param(
        "German Chancellor Angela Merkel spoke. The German Chancellor Angela Merkel left.",
        [("Angela Merkel", "PERSON"), ("Angela Merkel", "PERSON")],
        [["Angela Merkel", "Angela Merkel"]],
        id="title-before-a-name-is-no-description",
    ),
    pytest.param(
        "Angela Merkel, the German chancellor, met Tony Blair. The chancellor said no.",
        [("Angela Merkel", "PERSON"), ("Tony Blair", "PERSON")],
        [["Angela Merkel", "the German chancellor", "The chancellor"], ["Tony Blair"]],
        id="appositive-title",
    ),
    pytest.param(
        "Ivanka Trump, the Republican nominee's daughter, spoke. The nominee left.",
        [("Ivanka Trump", "PERSON")],
        [["Ivanka Trump"]],
        id="possessive-appositive-is-someone-elses-title",
    ),
    pytest.param(
        "President Barack Obama spoke. The president's aides left.",
        [("Barack Obama", "PERSON")],
        [["Barack Obama", "The president"]],
        id="possessive-description",
    ),
    pytest.param(
        "President Barack Obama spoke. The president of the company left.",
        [("Barack Obama", "PERSON")],
        [["Barack Obama"]],
        id="unnamed-complement",
    ),
    pytest.param(
        "The International Monetary Fund cut its forecast. The fund said so.",
        [("The International Monetary Fund", "ORG")],
        [["The International Monetary Fund", "The fund"]],
        id="organisation-head",
    ),
    pytest.param(
        "The Justice Department and the State Department met. The department said so.",
        [("The Justice Department", "ORG"), ("the State Department", "ORG")],
        [["The Justice Department"], ["the State Department"]],
        id="two-organisations-fit-none-joins",
    ),
    pytest.param(
        "Dish Network carried RT. The network said so.",
        [("Dish Network", "ORG"), ("RT", "ORG")],
        [["Dish Network"], ["RT"]],
        id="generic-head-alone-joins-nothing",
    ),
    pytest.param(
        "The Trump Foundation gave. Then the Trump foundation said so.",
        [("The Trump Foundation", "ORG"), ("Trump", "PERSON")],
        [["The Trump Foundation", "the Trump foundation"], ["Trump"]],
        id="organisation-head-with-its-words",
    ),
]


@pytest.mark.parametrize(("text", "spec", "expected"), DESCRIPTIONS)
def test_descriptions(text: str, spec: list[tuple[str, str]], expected: list[list[str]]) -> None:
    assert described(text, spec) == expected


def test_descriptions_count_as_mentions_but_not_as_names() -> None:
    text = "German Chancellor Angela Merkel spoke. The German Chancellor left."
    bounds = _sentences(text)
    mentions = tag(text, [("Angela Merkel", "PERSON")], tuple(s for s, _ in bounds))
    groups = add_descriptions(group_mentions(mentions), text, bounds)
    (entity,) = build_entities(groups, len(text), [s for s, _ in bounds])
    assert (entity.name, entity.type, entity.aliases) == (
        "Angela Merkel",
        "PERSON",
        ("Angela Merkel",),
    )
    assert [(m.text, m.sentence) for m in entity.mentions] == [
        ("Angela Merkel", 0),
        ("The German Chancellor", 1),
    ]


@pytest.mark.parametrize(
    ("text", "name", "words"),
    [
        ("met U.S. President Barack Obama", "Barack Obama", {"USA", "president"}),
        (
            "said former Secretary of State Hillary Clinton",
            "Hillary Clinton",
            {"former", "secretary", "of", "state"},
        ),
        (
            "Clinton campaign chairman John Podesta",
            "John Podesta",
            {"clinton", "campaign", "chairman"},
        ),
        ("met Sen. Elizabeth Warren", "Elizabeth Warren", {"sen"}),
        ("Angela Merkel, the German chancellor, said", "Angela Merkel", {"german", "chancellor"}),
        ("Obama met Angela Merkel", "Angela Merkel", set()),
        ("Angela Merkel, who spoke", "Angela Merkel", set()),
    ],
)
def test_title_words(text: str, name: str, words: set[str]) -> None:
    start = text.index(name)
    assert title_words(text, start, start + len(name)) == words


def test_person_roles_are_roles_for_quote_speakers_too() -> None:
    # Speakers' descriptions (quotes) and entities' descriptions read the same roles.
    from service.nlp.quotes import ROLE_NOUNS

    assert PERSON_ROLES <= ROLE_NOUNS


def test_speakers_raise_salience_and_renumber() -> None:
    # Merkel, named second, is the speaker of three quotes and so more central than Blair.
    text = "In Berlin, Tony Blair met Angela Merkel. Later they spoke."
    entities = entities_of(text, [("Tony Blair", "PERSON"), ("Angela Merkel", "PERSON")])
    assert [e.name for e in entities] == ["Tony Blair", "Angela Merkel"]
    merkel = entities[1].id
    speakers = [merkel, merkel, merkel, None]
    ranked, renamed = rank_by_speakers(entities, speakers, len(text), [0])
    assert [e.name for e in ranked] == ["Angela Merkel", "Tony Blair"]
    assert [e.id for e in ranked] == ["E1", "E2"]
    assert renamed == {"E1": "E2", "E2": "E1"}
    assert sum(e.salience for e in ranked) == pytest.approx(1, abs=1e-3)


def test_ranking_without_speakers_changes_nothing() -> None:
    text = "Tony Blair met Angela Merkel in Berlin on Monday; Blair left."
    spec = [
        ("Tony Blair", "PERSON"),
        ("Angela Merkel", "PERSON"),
        ("Berlin", "GPE"),
        ("Monday", "DATE"),
        ("Blair", "PERSON"),
    ]
    entities = entities_of(text, spec)
    ranked, renamed = rank_by_speakers(entities, [], len(text), [0])
    assert ranked == entities
    assert all(old == new for old, new in renamed.items())


REAL_DESCRIPTIONS = [
    pytest.param(
        "German Chancellor Angela Merkel met Tony Blair in Berlin. The German Chancellor said "
        "talks went well.",
        "Merkel",
        ["Angela Merkel", "The German Chancellor"],
        id="chancellor",
    ),
    pytest.param(
        "President Barack Obama visited Paris on Monday. Officials said the president was tired.",
        "Obama",
        ["Barack Obama", "the president"],
        id="president",
    ),
]


@pytest.mark.parametrize(("text", "name", "mentions"), REAL_DESCRIPTIONS)
def test_descriptions_with_real_model(annotator, text: str, name: str, mentions: list[str]) -> None:
    result = annotator.annotate(text)
    (entity,) = [e for e in result.entities if name in e.name]
    assert [m.text for m in entity.mentions] == mentions
    assert all(text[m.start : m.end] == m.text for m in entity.mentions)
