"""Numeric claims: forms, values, qualifiers, units, objects, exclusions and claimants.

Each table row is a short text run through the real pipeline and ``extract_claims``.
The rows are chosen so that the extractor's own scanning decides them (a
spelled-out number, a qualifier word, a month name), not the NER model's tags.
The number-word readers are pure functions and are tested without a model.
"""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from service.nlp.annotator import Annotator
from service.nlp.annotator import sentences_of
from service.nlp.claims import extract_claims
from service.nlp.numbers import as_number
from service.nlp.numbers import parse_numeral
from service.nlp.numbers import read_fraction
from service.nlp.numbers import read_number_words
from service.nlp.numbers import read_vague
from service.nlp.results import Claim
from service.nlp.results import Quote
from service.nlp.results import Speaker
from tests.conftest import SEEDS
from tests.conftest import read_seed


def claims_of(annotator: Annotator, text: str, quotes: tuple[Quote, ...] = ()) -> tuple[Claim, ...]:
    """The claims of ``text``, after checking the invariants every claim must keep."""
    doc = annotator.parse([text])[0]
    sentences = sentences_of(doc)
    claims = extract_claims(doc, text, sentences, quotes)
    check_claims(claims, text, sentences)
    return claims


def check_claims(claims, text: str, sentences) -> None:
    assert [c.id for c in claims] == [f"C{n}" for n in range(1, len(claims) + 1)]
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for before, after in zip(claims, claims[1:], strict=False):
        assert before.end <= after.start, (before, after)
    for claim in claims:
        assert claim.text == text[claim.start : claim.end], claim
        assert claim.text.strip() == claim.text and claim.text, claim
        assert claim.qualifier in {
            "exact",
            "approximate",
            "at_least",
            "more_than",
            "at_most",
            "less_than",
            "range",
        }
        assert (claim.value_max is not None) == (claim.qualifier == "range"), claim
        for number in (claim.value, claim.value_max):
            if number is not None and float(number).is_integer():
                assert isinstance(number, int), claim
        if sentences:
            sentence = sentences[claim.sentence]
            assert sentence.start <= claim.start < sentence.end, claim


def the_claim(claims: tuple[Claim, ...], text: str, surface: str) -> Claim:
    """The one claim overlapping the first occurrence of ``surface`` in ``text``."""
    start = text.index(surface)
    end = start + len(surface)
    found = [c for c in claims if c.start < end and start < c.end]
    assert len(found) == 1, (surface, claims)
    return found[0]


# --- Forms and values ----------------------------------------------------------------------

FORMS = [
    # text, the number as written, value, unit
    ("Officials said 65 countries joined the coalition.", "65", 65, None),
    ("The war displaced 2.5 million people in the region.", "2.5 million", 2_500_000, None),
    ("Police arrested 1,200 demonstrators on Saturday.", "1,200", 1200, None),
    ("The aid package is worth $1.2bn over five years.", "$1.2bn", 1_200_000_000, "USD"),
    ("Brussels set aside €30m for the programme.", "€30m", 30_000_000, "EUR"),
    ("The ministry spent £450,000 on consultants.", "£450,000", 450_000, "GBP"),
    ("The fund holds US$5 billion in reserves.", "US$5 billion", 5_000_000_000, "USD"),
    ("Turnout reached 40% in the capital.", "40%", 40, "%"),
    ("The party won forty per cent of the seats.", "forty per cent", 40, "%"),
    ("Inflation rose 2.5 percent last month.", "2.5 percent", 2.5, "%"),
    ("The bill needs two-thirds of the Senate.", "two-thirds", 0.6667, "fraction"),
    ("Three quarters of respondents agreed.", "Three quarters", 0.75, "fraction"),
    ("A third of the budget goes to defence.", "A third", 0.3333, "fraction"),
    ("Half of the residents fled the town.", "Half", 0.5, "fraction"),
    ("About four in 10 voters approve of him.", "four in 10", 0.4, "fraction"),
    ("Police detained a dozen activists outside.", "a dozen", 12, None),
    ("Dozens of protesters gathered outside parliament.", "Dozens", 24, None),
    ("Hundreds of people marched through the city.", "Hundreds", 200, None),
    ("Tens of thousands of refugees crossed the border.", "Tens of thousands", 20_000, None),
    ("Hundreds of thousands of people lost power.", "Hundreds of thousands", 200_000, None),
    ("They spent millions of dollars on the campaign.", "millions", 2_000_000, "USD"),
    ("Several hundred soldiers were deployed.", "Several hundred", 300, None),
    ("A few thousand fans waited at the gate.", "A few thousand", 3000, None),
    ("Russia is now a coalition of two, he said.", "two", 2, None),
    ("The pilots warned the jet 10 times before firing.", "10 times", 10, "times"),
    ("The ceasefire collapsed two days after the talks.", "two days", 2, "days"),
    ("The march covered 5 km through the old town.", "5 km", 5, "km"),
    ("Customs officers seized 3.5 tonnes of cocaine.", "3.5 tonnes", 3.5, "tonnes"),
    ("The company cut forty-five jobs in March.", "forty-five", 45, None),
    ("The city hired two hundred and fifty nurses.", "two hundred and fifty", 250, None),
    ("The blackout hit one and a half million homes.", "one and a half million", 1_500_000, None),
    ("Some half a million people fled the fighting.", "half a million", 500_000, None),
    ("The drought lasted nearly three years in all.", "three years", 3, "years"),
    ("The project will cost 30k, the council said.", "30k", 30_000, None),
    ("The reservoir lost 1.5bn litres of water.", "1.5bn litres", 1_500_000_000, "litres"),
    ("The team ran a 10km loop in the rain.", "10km", 10, "km"),
    ("The storm brought 80 mph winds to the coast.", "80 mph", 80, "mph"),
    ("Temperatures reached 40C in the shade.", "40C", 40, "°C"),
    ("Each ticket cost 50 cents at the door.", "50 cents", 0.5, "USD"),
    ("The company paid 3 million euros in fines.", "3 million euros", 3_000_000, "EUR"),
    ("Her lead shrank by 4 percentage points.", "4 percentage points", 4, "percentage points"),
    ("The central bank cut rates by 25 basis points.", "25 basis points", 25, "basis points"),
    ("A 45-year-old man was arrested at the scene.", "45-year-old", 45, "years"),
    ("The talks went on for 48 hours without a break.", "48 hours", 48, "hours"),
    ("The agency declined the offer twice last year.", "twice", 2, "times"),
    ("We reached a quarter-of-a-million people.", "a quarter-of-a-million", 250_000, None),
    ("The trial took a year and a half to finish.", "a year and a half", 1.5, "years"),
    ("Nine of 10 limes sold here come from Mexico.", "Nine of 10", 0.9, "fraction"),
    ("A half-dozen officials resigned on Monday.", "half-dozen", 6, None),
    ("The Fed raised rates by a quarter of a percent.", "a quarter of a percent", 0.25, "%"),
    ("The crowd grew to 2½ thousand people.", "2½ thousand", 2500, None),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), FORMS)
def test_each_form_is_read_with_its_value_and_unit(
    annotator: Annotator, text: str, surface: str, value: float, unit: str | None
) -> None:
    claim = the_claim(claims_of(annotator, text), text, surface)
    assert surface in claim.text
    assert claim.value == pytest.approx(value)
    assert claim.unit == unit


def test_integral_values_are_ints_and_others_floats(annotator: Annotator) -> None:
    text = "The firm raised $1.2bn and 2.5 percent more from 65 investors."
    claims = claims_of(annotator, text)
    values = {c.text.split()[0]: c.value for c in claims}
    assert values["$1.2bn"] == 1_200_000_000 and isinstance(values["$1.2bn"], int)
    assert values["2.5"] == 2.5 and isinstance(values["2.5"], float)
    assert values["65"] == 65 and isinstance(values["65"], int)


# --- Qualifiers ----------------------------------------------------------------------------

QUALIFIERS = [
    ("About 300 people attended the rally.", "300", "approximate"),
    ("Around 50 cars were burned overnight.", "50", "approximate"),
    ("Roughly 1,500 families lost their homes.", "1,500", "approximate"),
    ("Approximately 70 percent of voters agreed.", "70", "approximate"),
    ("The fire destroyed some 200 houses.", "200", "approximate"),
    ("Nearly 15 years have passed since then.", "15", "approximate"),
    ("Almost 20 countries were affected.", "20", "approximate"),
    ("An estimated 3 million Syrians have fled.", "3 million", "approximate"),
    ("The crowd of 5,000 or so cheered loudly.", "5,000", "approximate"),
    ("He served a 40-odd year sentence.", "40", "approximate"),
    ("Dozens of protesters were detained.", "Dozens", "approximate"),
    ("More than 60 countries joined the coalition.", "60", "more_than"),
    ("Over 100 people were injured in the blast.", "100", "more_than"),
    ("Prices rose above 5 percent in May.", "5", "more_than"),
    ("The fund has upwards of $2 million in cash.", "$2 million", "more_than"),
    ("The clinic has seen 100+ cases this week.", "100", "more_than"),
    ("At least 12 people died in the attack.", "12", "at_least"),
    ("No fewer than 40 ministers signed the letter.", "40", "at_least"),
    ("Donors who gave $100,000 or more were named.", "$100,000", "at_least"),
    ("The law allows up to 300 soldiers on the base.", "300", "at_most"),
    ("Each family may bring at most two bags.", "two", "at_most"),
    ("The rules allow no more than 10 cars per street.", "10", "at_most"),
    ("As many as 400 people may have died.", "400", "at_most"),
    ("Fewer than 50 students passed the exam.", "50", "less_than"),
    ("Less than half of the voters turned out.", "half", "less_than"),
    ("The town has under 2,000 inhabitants.", "2,000", "less_than"),
    ("Support fell below 30 percent in June.", "30", "less_than"),
    ("Most of the voters were 45 or older.", "45", "at_least"),
    ("Among Latinos younger than 30, she won easily.", "30", "less_than"),
    ("The count is closing in on 600 overall.", "600", "approximate"),
    ("It was about a six-hour flight from Hawaii.", "six", "approximate"),
    ("Britain will spend £1bn over five years.", "five years", "exact"),
    ("He has served in the Senate for over 20 years.", "20 years", "more_than"),
    ("We work for eight hours plus, every day.", "eight hours", "more_than"),
    ("Police counted 130 people at the scene.", "130", "exact"),
    ("The committee has 12 members.", "12", "exact"),
]


@pytest.mark.parametrize(("text", "surface", "qualifier"), QUALIFIERS)
def test_qualifier_comes_from_the_words_around_the_number(
    annotator: Annotator, text: str, surface: str, qualifier: str
) -> None:
    claim = the_claim(claims_of(annotator, text), text, surface)
    assert claim.qualifier == qualifier


def test_span_covers_qualifier_number_unit_and_counted_noun(annotator: Annotator) -> None:
    text = "Officials said more than 60 countries and about $1.2bn were involved."
    claims = claims_of(annotator, text)
    assert [c.text for c in claims] == ["more than 60 countries", "about $1.2bn"]


# --- Ranges -------------------------------------------------------------------------------

RANGES = [
    ("Between 20 and 30 people were hurt.", "20", 20, 30, None),
    ("The plan affects 20-30 villages in the north.", "20-30", 20, 30, None),
    ("Officials expect 20 to 30 arrests tonight.", "20 to 30", 20, 30, None),
    ("Support ranged from 35 to 47 percent.", "35", 35, 47, "%"),
    ("He earned between $2,500 and $5,000 in interest.", "$2,500", 2500, 5000, "USD"),
    ("A club costs $20 million to $30 million to build.", "$20 million", 20e6, 30e6, "USD"),
    ("The repairs cost $20-30m in total.", "$20-30m", 20e6, 30e6, "USD"),
    ("Only two or three soldiers survived.", "two or three", 2, 3, None),
    ("Growth of 2–3% is forecast.", "2–3%", 2, 3, "%"),
    ("They walk between 5 and 10 km each day.", "5", 5, 10, "km"),
]


@pytest.mark.parametrize(("text", "surface", "low", "high", "unit"), RANGES)
def test_ranges_give_value_and_value_max(
    annotator: Annotator, text: str, surface: str, low: float, high: float, unit: str | None
) -> None:
    claim = the_claim(claims_of(annotator, text), text, surface)
    assert (claim.qualifier, claim.value, claim.value_max, claim.unit) == (
        "range",
        pytest.approx(low),
        pytest.approx(high),
        unit,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A change is two numbers, the first taking the unit of the second.
        ("Her approval rose from 35 to 47 percent.", [(35, "%"), (47, "%")]),
        # A falling pair is no range.
        ("He won 47 percent to 46 percent.", [(47, "%"), (46, "%")]),
        ("The course was cut from 36 holes to 18 holes.", [(36, None), (18, None)]),
    ],
)
def test_changes_and_comparisons_are_not_ranges(
    annotator: Annotator, text: str, expected: list[tuple[float, str | None]]
) -> None:
    claims = claims_of(annotator, text)
    assert [(c.value, c.unit) for c in claims] == expected
    assert all(c.value_max is None for c in claims)


# --- Units --------------------------------------------------------------------------------

UNITS = [
    ("The state paid ¥300 million in damages.", "¥300 million", "JPY"),
    ("Investors lost A$40m in the collapse.", "A$40m", "AUD"),
    ("The fine was 500 dollars per day.", "500 dollars", "USD"),
    ("The deal is worth 2 billion yuan.", "2 billion yuan", "CNY"),
    ("Prices rose 8pc in a year.", "8pc", "%"),
    ("The bridge is 3 miles long.", "3 miles", "miles"),
    ("The parcel weighed 20 kilograms.", "20 kilograms", "kg"),
    ("The boat carried 2,000 pounds of fish.", "2,000 pounds", "lb"),
    ("Winds reached 100 km/h on the coast.", "100 km/h", "km/h"),
    ("The fire burned 4,000 hectares of forest.", "4,000 hectares", "hectares"),
    ("The wall is 6 metres high.", "6 metres", "m"),
    ("The country pumps 10 million barrels a day.", "10 million barrels", "barrels"),
    ("The trial lasted three weeks in all.", "three weeks", "weeks"),
    ("The dispute has gone on for two decades.", "two decades", "decades"),
    ("The cost rose 10-fold in a year.", "10-fold", "times"),
    ("A 30-second advert ran on Sunday.", "30-second", "seconds"),
    ("The island covers 12 square kilometres.", "12 square kilometres", "km2"),
]


@pytest.mark.parametrize(("text", "surface", "unit"), UNITS)
def test_units_are_normalised(annotator: Annotator, text: str, surface: str, unit: str) -> None:
    claim = the_claim(claims_of(annotator, text), text, surface)
    assert claim.unit == unit
    assert surface in claim.text


# --- Objects ------------------------------------------------------------------------------

OBJECTS = [
    ("Obama praised the coalition of 65 countries.", "65", "countries"),
    ("The attacks killed 130 people in Paris.", "130", "people"),
    ("Russia is a coalition of two, he said.", "two", "coalition"),
    ("Dozens of protesters blocked the road.", "Dozens", "protesters"),
    ("About 40% of the eligible voters stayed home.", "40%", "voters"),
    ("Two-thirds of Republican primary voters agreed.", "Two-thirds", "voters"),
    ("Police found 20 heavily armed men in the house.", "20", "men"),
    ("The school has 152 single-family homes nearby.", "152", "homes"),
    ("Officers seized 3.5 tonnes of cocaine.", "3.5 tonnes", "cocaine"),
    ("The US sent $1.2bn in military aid.", "$1.2bn", "aid"),
    ("He paid a $30,000 fine last year.", "$30,000", "fine"),
    ("The fund bought a 10% stake in the firm.", "10%", "stake"),
    ("The death toll rose to 130 on Sunday.", "130", "toll"),
    ("Turnout was 65% in the final round.", "65%", "Turnout"),
    ("The top tax rate of 39.6 percent will stay.", "39.6", "rate"),
    ("Two of the attackers escaped.", "Two", "attackers"),
    ("They hired 20 more teachers this year.", "20", "teachers"),
    ("The 187-member committee met on Friday.", "187", "member"),
    ("He calls for $1 trillion in new spending.", "$1 trillion", "spending"),
    ("Mexico buys $250 billion worth of goods.", "$250 billion", "goods"),
    ("Sanders won six of the past seven contests.", "six", "contests"),
    ("It is one of the two largest teachers unions.", "two", "unions"),
    ("The bank cut rates by 25 basis points.", "25 basis points", "rates"),
    ("A hamlet with a population under 500 voted no.", "500", "population"),
    ("The national average of 4.9 percent is low.", "4.9", "average"),
    # No object: a duration, a repetition, a number followed by a verb or a pronoun.
    ("The pilots warned the jet 10 times.", "10 times", None),
    ("The strike lasted two days in all.", "two days", None),
    ("Rubio has won 12 and Cruz has won five.", "12", None),
    ("Young people under 30 engage less in politics.", "30", None),
    ("Two of them escaped through the window.", "Two", None),
    ("The survey found 47 percent said yes.", "47", None),
]


@pytest.mark.parametrize(("text", "surface", "object_"), OBJECTS)
def test_object_is_the_counted_noun(
    annotator: Annotator, text: str, surface: str, object_: str | None
) -> None:
    claim = the_claim(claims_of(annotator, text), text, surface)
    assert claim.object == object_


# --- What is not a claim -------------------------------------------------------------------

# Each text holds numbers that are not claims and exactly the listed claims, so a row
# fails both when an excluded number is taken and when the scan finds nothing at all.
EXCLUSIONS = [
    ("In 2015 the army sent 300 troops.", ["300 troops"]),
    ("The strike began on September 30 with 40 workers.", ["40 workers"]),
    ("On 13 November gunmen killed 130 people.", ["130 people"]),
    ("The meeting on July 8 and 9 drew 500 delegates.", ["500 delegates"]),
    ("The 1990s and the '80s saw 3 recessions.", ["3 recessions"]),
    ("The bus left at 10:30 with 40 passengers.", ["40 passengers"]),
    ("The shop opens at 9 a.m. and sells 200 loaves.", ["200 loaves"]),
    ("He finished 21st of 90 runners.", ["90 runners"]),
    ("It was the twenty-first summit, with 30 leaders.", ["30 leaders"]),
    ("Apollo 11 carried 3 astronauts to the Moon.", ["3 astronauts"]),
    ("The F-16 and MH17 files mention 12 pilots.", ["12 pilots"]),
    ("Resolution 2249 was backed by 15 members.", ["15 members"]),
    ("Article 50 gives Britain two years to leave.", ["two years"]),
    ("The No. 2 official met 40 envoys.", ["40 envoys"]),
    ("See page 3 for the 12 charts.", ["12 charts"]),
    ("Call 555-1234 to book one of 20 seats.", ["20 seats"]),
    ("Call (202) 456-1111 to reach 12 staff.", ["12 staff"]),
    ("Read https://example.com/2015/report-17 on 6 cases.", ["6 cases"]),
    ("Write to news2016@example.org about the 8 errors.", ["8 errors"]),
    ("The hashtag #Paris2015 drew 900 posts.", ["900 posts"]),
    ("The 9/11 report cited 24/7 coverage by 50 networks.", ["50 networks"]),
    ("The Senate voted 52-48 to confirm 3 judges.", ["3 judges"]),
    ("1. Cut taxes for 50 million families", ["50 million families"]),
    ("The Big Three carmakers and Three Mile Island employ 900 people.", ["900 people"]),
    ("No one knows; one of them said 30 people left.", ["30 people"]),
    ("Ticket 12345678901 was one of 400 sold.", ["400"]),
    ("Room 101 held 20 files.", ["20 files"]),
    ("The two-state solution needs 5 votes.", ["5 votes"]),
    ("The three-way race drew 4 debates.", ["4 debates"]),
    ("One day we will hire 12 nurses.", ["12 nurses"]),
    ("The G20 and 4G plans cost 3 billion.", ["3 billion"]),
]


@pytest.mark.parametrize(("text", "expected"), EXCLUSIONS)
def test_dates_times_ordinals_names_and_identifiers_are_not_claims(
    annotator: Annotator, text: str, expected: list[str]
) -> None:
    assert [c.text for c in claims_of(annotator, text)] == expected


# --- Claimant and quote ------------------------------------------------------------------


def _quote(text: str, inner: str, qid: str, entity: str | None, speaker: str | None) -> Quote:
    start = text.index(inner)
    who = None
    if speaker is not None:
        at = text.index(speaker)
        who = Speaker(speaker, at, at + len(speaker), entity)
    return Quote(qid, inner, start, start + len(inner), "direct", who, None)


def test_claim_inside_a_quote_names_its_speaker_and_quote(annotator: Annotator) -> None:
    text = '"We have a coalition of 65 countries," Obama said. France lost 130 people.'
    quote = _quote(text, "We have a coalition of 65 countries,", "Q1", "E2", "Obama")
    first, second = claims_of(annotator, text, (quote,))
    assert (first.text, first.claimant, first.quote) == ("65 countries", "E2", "Q1")
    assert (second.text, second.claimant, second.quote) == ("130 people", None, None)


def test_innermost_quote_wins(annotator: Annotator) -> None:
    text = "Hollande said: \"Putin told me 'we have 40 jets' and I believe him.\" Ten days passed."
    outer = _quote(
        text, "Putin told me 'we have 40 jets' and I believe him.", "Q1", "E1", "Hollande"
    )
    inner = _quote(text, "we have 40 jets", "Q2", "E3", "Putin")
    claims = claims_of(annotator, text, (outer, inner))
    jets = the_claim(claims, text, "40")
    assert (jets.claimant, jets.quote) == ("E3", "Q2")
    days = the_claim(claims, text, "Ten days")
    assert (days.claimant, days.quote) == (None, None)


@pytest.mark.parametrize(
    ("speaker", "entity"),
    [(None, None), ("a spokesman", None)],
    ids=["unnamed", "not-an-entity"],
)
def test_claimant_is_null_without_a_speaker_entity(
    annotator: Annotator, speaker: str | None, entity: str | None
) -> None:
    text = '"At least 12 people died," a spokesman said.'
    quote = _quote(text, "At least 12 people died,", "Q4", entity, speaker)
    (claim,) = claims_of(annotator, text, (quote,))
    assert (claim.claimant, claim.quote, claim.qualifier) == (None, "Q4", "at_least")


def test_span_stops_at_the_end_of_its_quote(annotator: Annotator) -> None:
    text = 'He promised "a cut of 20" percent to voters.'
    quote = _quote(text, "a cut of 20", "Q1", "E1", None)
    (claim,) = claims_of(annotator, text, (quote,))
    assert claim.quote == "Q1"
    assert claim.end <= quote.end


# --- The seeds and odd input ---------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_claims_keep_the_span_invariant(annotator: Annotator, path) -> None:
    text = read_seed(path)
    claims = claims_of(annotator, text)
    assert claims
    for claim in claims:
        # Dates and years are never claims.
        assert not any(month in claim.text for month in ("September", "November")), claim
        assert "2016" not in claim.text and "2015" not in claim.text, claim


def test_seed_000_claims(annotator: Annotator) -> None:
    text = read_seed(SEEDS[0])
    claims = claims_of(annotator, text)
    coalition = the_claim(claims, text, "65 countries")
    assert (coalition.value, coalition.object, coalition.qualifier) == (65, "countries", "exact")
    warned = the_claim(claims, text, "10 times")
    assert (warned.value, warned.unit) == (10, "times")
    assert the_claim(claims, text, "two days").unit == "days"
    almost = the_claim(claims, text, "almost 20 countries")
    assert (almost.value, almost.qualifier, almost.object) == (20, "approximate", "countries")


def test_seed_001_claims(annotator: Annotator) -> None:
    text = read_seed(SEEDS[1])
    claims = claims_of(annotator, text)
    assert the_claim(claims, text, "130 people").value == 130
    two = the_claim(claims, text, "coalition of two")
    assert (two.value, two.object) == (2, "coalition")
    sixty = the_claim(claims, text, "more than 60 countries")
    assert (sixty.value, sixty.qualifier, sixty.object) == (60, "more_than", "countries")
    assert the_claim(claims, text, "17 countries").value == 17


ODD = [
    "",
    "   \n\n",
    "$",
    "%",
    "$ and % and $$ and %%",
    "1,2,3 and 1.2.3 and 10,00 and 1,000,000,000,000,000,000",
    "😀 5 😀 🇫🇷 10% 👍🏽 $3",
    "Line one has 12 cars.\r\nLine two has 3 buses.\r\n",
    "9" * 400 + " and 12 cats",
    "--5 and -3 and − 4 and 5- and -",
    "½ ¼ 2½ and ٣ and ３ and 1e10 and 0x1F",
    "a a a a dozen dozens of of hundreds of of thousands",
    "between and and to 5 to to 6 or or",
    "\x00 7\u200b8 \u2028 9\ufeff",
    "twenty-first one-on-one two-thirds-majority half- -half",
    "$1.2bn$3m€4k£",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_never_crashes(annotator: Annotator, text: str) -> None:
    claims_of(annotator, text)


def test_crlf_keeps_code_point_offsets(annotator: Annotator) -> None:
    text = "Line one has 12 cars.\r\nLine two has 3 buses.\r\n"
    assert [c.text for c in claims_of(annotator, text)] == ["12 cars", "3 buses"]


# Pieces that exercise every path of the scanner, glued by every kind of separator.
PIECES = st.sampled_from(
    """1 12 1,200 2.5 1,2,3 007 2016 30 $ € £ US % - – — / : . , ( ) ' ’ # @ + ½ m bn k km
    per cent percent million dozen dozens hundreds of tens thousands a an half third thirds
    two twenty-five one and between to or from more than about at least up under over
    years days times people countries the coalition said September May No. Apollo year-old
    fold plus odd or so rose was 😀 \u200b e x""".split()
)
SEPARATORS = st.sampled_from(["", " ", " ", "-", "\n", "\r\n", "\u00a0", ", "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(PIECES, SEPARATORS), max_size=40))
def test_any_text_gives_claims_that_keep_the_invariants(parts: list[tuple[str, str]]) -> None:
    # Pure function over the text: no model needed, so thousands of odd texts are cheap.
    text = "".join(piece + sep for piece, sep in parts)
    claims = extract_claims(None, text, (), ())
    check_claims(claims, text, ())


def test_time_is_linear_in_the_text() -> None:
    # Pure function over the text: no model needed to show there is no quadratic pass.
    unit = "Obama said more than 60 countries and about $1.2bn, 40% of voters, on May 3. "
    small = unit * 200
    began = time.perf_counter()
    few = extract_claims(None, small, (), ())
    small_s = time.perf_counter() - began
    large = unit * 2000
    began = time.perf_counter()
    many = extract_claims(None, large, (), ())
    large_s = time.perf_counter() - began
    assert len(few) == 600 and len(many) == 6000
    assert large_s < 30 * small_s + 0.5


# --- Numbers in words and digits (pure functions) -----------------------------------------


@pytest.mark.parametrize(
    ("words", "value", "used"),
    [
        ("forty", 40, 1),
        ("forty five thousand", 45_000, 3),
        ("two hundred and five", 205, 4),
        ("two hundred and fifty thousand", 250_000, 5),
        ("two thousand five hundred", 2500, 4),
        ("one and a half million", 1_500_000, 5),
        ("a hundred people", 100, 2),
        ("a dozen eggs", 12, 2),
        ("two dozen", 24, 2),
        ("half a million", 500_000, 3),
        ("eleven hundred", 1100, 2),
        ("two three", 2, 1),
        ("twenty twenty", 20, 1),
        ("three hundred and", 300, 2),
    ],
)
def test_read_number_words(words: str, value: int, used: int) -> None:
    assert read_number_words(words.split()) == (Decimal(value), used)


@pytest.mark.parametrize("words", ["hundred", "thousand people", "a people", "and two", ""])
def test_read_number_words_rejects_what_is_no_number(words: str) -> None:
    assert read_number_words(words.split()) is None


@pytest.mark.parametrize(
    ("words", "value", "used"),
    [
        ("dozens of people", 24, 1),
        ("hundreds", 200, 1),
        ("tens of thousands of people", 20_000, 3),
        ("hundreds of millions", 200_000_000, 3),
        ("scores of people", 40, 1),
        ("a few hundred", 300, 3),
        ("several thousand", 3000, 2),
        ("a couple of hundred", 200, 4),
    ],
)
def test_read_vague(words: str, value: int, used: int) -> None:
    assert read_vague(words.split()) == (Decimal(value), used)


@pytest.mark.parametrize("words", ["tens", "tens of people", "scores", "a few days", "few hundred"])
def test_read_vague_rejects(words: str) -> None:
    assert read_vague(words.split()) is None


@pytest.mark.parametrize(
    ("words", "joined", "value"),
    [
        ("two thirds", False, "0.6667"),
        ("three quarters of", False, "0.75"),
        ("a third of", False, "0.3333"),
        ("one third", True, "0.3333"),
        ("half of", False, "0.5"),
        ("half the", False, "0.5"),
    ],
)
def test_read_fraction(words: str, joined: bool, value: str) -> None:
    assert read_fraction(words.split(), joined)[0] == Decimal(value)


@pytest.mark.parametrize(
    "words", ["a third term", "one third", "two third", "a thirds", "half brother", "eleven thirds"]
)
def test_read_fraction_rejects(words: str) -> None:
    assert read_fraction(words.split()) is None


@pytest.mark.parametrize(
    ("digits", "value"),
    [("65", "65"), ("1,200", "1200"), ("2.5", "2.5"), ("1,000,000.75", "1000000.75"), ("0", "0")],
)
def test_parse_numeral(digits: str, value: str) -> None:
    assert parse_numeral(digits) == Decimal(value)


@pytest.mark.parametrize("digits", ["1,2,3", "1.2.3", "10,00", "007", "05", "123456789", ""])
def test_parse_numeral_rejects(digits: str) -> None:
    assert parse_numeral(digits) is None


def test_as_number_keeps_ints_integral() -> None:
    assert as_number(Decimal("1.2") * 10**9) == 1_200_000_000
    assert isinstance(as_number(Decimal("65.0")), int)
    assert as_number(Decimal("2.5")) == 2.5
