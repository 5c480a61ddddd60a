"""Numeric claims: every count, amount, percentage, sum of money and measure a text asserts.

The extractor scans the text itself, left to right, with its own small
tokenizer (numerals, words, single symbols, each with code-point offsets), so
spelled-out and vague quantities that the NER model misses are found too;
stanza's entities serve as one more signal for what is *not* a claim. One pass
over the tokens, with fixed-size look-behind and look-ahead, keeps it linear in
the length of the text (about a millisecond for a 3,000-character article).

What a claim is:

- A number in digits (``65``, ``1,200``, ``2.5``, ``2.5 million``, ``$1.2bn``,
  ``30k``, ``2½``) or words (``forty``, ``two hundred and fifty``, ``a
  dozen``, ``half a million``, ``a quarter of a million``, ``a year and a
  half``), a repetition (``twice``, ``thrice``), a vague quantity
  (``dozens``, ``hundreds of``, ``tens of thousands``, ``a few hundred``), a
  fraction (``two-thirds``, ``a third of``, ``half of``) or a ratio (``four
  in 10``, ``three out of four``, ``nine of 10``).
  Values follow ``service.nlp.numbers``: fractions and ratios are worth the
  fraction (``two-thirds`` 0.6667, ``four in 10`` 0.4, unit ``fraction``);
  vague quantities are worth twice their base (``dozens`` 24, ``hundreds``
  200, ``tens of thousands`` 20,000) with qualifier ``approximate``.
- Not a claim: years (a bare four-digit number from 1000 to 2100), decades
  (``1990s``, ``'90s``), dates (a day number next to a month name, ``July 8
  and 9``, and any bare number inside a DATE or TIME entity), times of day
  (``10:30``, ``9 a.m.``), ordinals (``21st``, ``twenty-first``), numbers
  that are part of a name or identifier (``Apollo 11``, ``F-16``, ``MH17``,
  ``No. 10``, ``page 3``, ``Resolution 2249``, ``Three Mile Island``,
  ``10 Downing Street``, a bare number in digits inside a named entity),
  scores and votes written ``52-48``, phone numbers, numbers in URLs, e-mail
  addresses, hashtags and handles, list numbering at the start of a line,
  digit runs over seven digits without commas, small spelled-out numbers in
  compounds (``two-state``, ``one-sided``, ``three-way``), and ``one`` used
  as a pronoun or in an idiom (``one of``, ``no one``, ``the one``, ``one
  day``).

The fields:

- ``text``/``start``/``end``: the qualifier, the number and its unit, and,
  when the counted thing follows the number, up to that noun: ``more than 60
  countries``, ``dozens of protesters``, ``$1.2bn``, ``about 40%``. The span
  never reaches past the end of the quote that holds the number, nor into
  the next claim.
- ``value``/``value_max``: ``value_max`` only for ranges (``between 20 and
  30``, ``20-30``, ``20 to 30``, ``from 20 to 30``, ``two or three``), where
  ``value`` is the low end; a scale or unit written once applies to both ends
  (``$20-30m`` is 20,000,000 to 30,000,000 USD). ``from 35 to 47 percent``
  after a verb of change (``rose``, ``fell``) is two claims, not a range, and
  so is a falling pair (``47 percent to 46 percent``).
- ``unit``: an ISO 4217 code for money (``$`` USD, ``£`` GBP, ``€`` EUR,
  ``dollars``, ``bucks``, ``euros``, ``A$`` AUD, ``cents`` USD/100, ...);
  ``%`` for per cent; ``percentage points``, ``basis points``, ``points``; a
  normalised unit of measure (``km``, ``m``, ``miles``, ``kg``, ``tonnes``,
  ``lb``, ``km2``, ``mph``, ``°C``, ...); a time unit for durations
  (``seconds``, ``minutes``, ``hours``, ``days``, ``weeks``, ``months``,
  ``years``, ``decades``, ``centuries``; ``45-year-old`` is 45 years);
  ``times`` for repetitions and multiples (``10 times``, ``twice``,
  ``10-fold``); ``fraction`` for fractions and ratios; None for plain
  counts. ``pounds`` alone is weight (``lb``); money in pounds is ``£`` or
  ``pounds sterling``. ``m`` after digits is million (``€30m``) unless a
  word of size follows (``30m tall``).
- ``qualifier``: from the words just before the number, an article allowed
  between (``about``, ``around``, ``roughly``, ``approximately``, ``some``,
  ``nearly``, ``almost``, ``an estimated``, ``closing in on``: approximate;
  ``more than``, ``over``, ``above``, ``upwards of``, ``older than``:
  more_than; ``at least``, ``no fewer than``: at_least; ``up to``, ``at
  most``, ``no more than``, ``as many as``: at_most; ``fewer than``, ``less
  than``, ``under``, ``below``, ``younger than``: less_than), or just after
  it (``or more``, ``or older``, ``and over``: at_least; ``or so``, ``-odd``:
  approximate; ``+``, ``-plus``, ``plus``: more_than; ``or fewer``, ``or
  younger``: at_most); ranges are ``range``; vague quantities without
  another qualifier ``approximate``; everything else ``exact``. ``over`` and
  ``under`` before a duration mean "during" (``£1bn over five years`` is
  exact) unless another preposition comes first (``for over 20 years``).
- ``object``: the noun the number quantifies, as written (a single word, the
  head of its phrase). After the number (and its unit), skipping
  determiners, possessives and a number after them, the first plural noun of
  the noun phrase, or its last word when none is plural (``65 countries``,
  ``130 people killed``, ``20 armed men``, ``dozens of protesters``, ``40% of
  the eligible voters``, ``3.5 tonnes of cocaine``, ``six of the past seven
  contests``). A count of more than one takes only a plural noun. Sums of
  money, percentages and measures take a noun directly after them only after
  a determiner (``a $30,000 fine``, ``a 10% stake``), plus ``in`` and ``worth
  of`` for money (``$1.2bn in military aid``). When nothing follows: the noun
  before ``of`` in a determiner's phrase (``a coalition of two``, ``the tax
  rate of 39.6 percent``), before ``by`` (``cut rates by 25 basis points``)
  or before a qualifier (``a population under 500``), or the subject of a
  verb of change or of ``be`` (``the death toll rose to 130``, ``turnout was
  65%``). Durations and repetitions have no object; neither has a number
  followed by a verb or a pronoun, nor one whose noun is a name.
- ``sentence``: the index of the sentence the claim starts in.
- ``claimant``/``quote``: the innermost quote whose span holds the number
  (qualifier, number and unit) gives ``quote``, and its speaker's entity
  ``claimant`` (None when the speaker is not linked to an entity).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from typing import NamedTuple

from service.nlp.numbers import DENOMINATORS
from service.nlp.numbers import FEW
from service.nlp.numbers import NUMBER_WORDS
from service.nlp.numbers import SCALES
from service.nlp.numbers import SUFFIX_SCALES
from service.nlp.numbers import VULGAR_FRACTIONS
from service.nlp.numbers import as_number
from service.nlp.numbers import fraction
from service.nlp.numbers import parse_numeral
from service.nlp.numbers import read_fraction
from service.nlp.numbers import read_number_words
from service.nlp.numbers import read_vague
from service.nlp.results import Claim
from service.nlp.results import Quote
from service.nlp.results import Sentence
from service.nlp.spans import APOSTROPHES
from service.nlp.spans import make_span
from service.nlp.spans import mask_long_runs

# --- Lexicon -------------------------------------------------------------------------------

CURRENCY_SYMBOLS = {
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₺": "TRY",
    "₪": "ILS",
    "₦": "NGN",
    "₱": "PHP",
    "₴": "UAH",
}
# Letters written against a dollar sign: US$5, A$5, HK$5.
DOLLAR_PREFIXES = {
    "US": "USD",
    "A": "AUD",
    "AU": "AUD",
    "C": "CAD",
    "CA": "CAD",
    "HK": "HKD",
    "NZ": "NZD",
    "S": "SGD",
    "R": "BRL",
    "NT": "TWD",
}
ISO_CODES = frozenset(
    """USD EUR GBP JPY CNY INR RUB CHF CAD AUD HKD NZD SGD SEK NOK DKK KRW BRL MXN ZAR TRY
    SAR AED ILS NGN EGP PKR UAH PLN""".split()
)
OTHER_CURRENCY_PREFIXES = {"RMB": "CNY", "Rs": "INR"}


class _Unit(NamedTuple):
    unit: str
    kind: str  # money, percent, points, measure, time, times
    factor: Decimal = Decimal(1)


def _units(kind: str, spec: str) -> dict[tuple[str, ...], _Unit]:
    """Parse lines of ``unit: phrase | phrase`` into a table keyed by each phrase's words."""
    table = {}
    for line in spec.strip().splitlines():
        unit, phrases = line.split(":", 1)
        for phrase in phrases.split("|"):
            table[tuple(phrase.split())] = _Unit(unit.strip(), kind)
    return table


_HUNDREDTH = Decimal("0.01")
#: Units written as words after a number, keyed by their lower-case words.
UNIT_PHRASES: dict[tuple[str, ...], _Unit] = {
    **_units(
        "money",
        """
        USD: dollars | dollar | us dollars | american dollars | bucks
        AUD: australian dollars
        CAD: canadian dollars
        HKD: hong kong dollars
        NZD: new zealand dollars
        SGD: singapore dollars
        EUR: euros | euro
        GBP: pounds sterling | sterling | british pounds
        EGP: egyptian pounds
        JPY: yen
        CNY: yuan | renminbi
        INR: rupees | rupee
        PKR: pakistani rupees
        RUB: roubles | rubles | rouble | ruble
        MXN: pesos | mexican pesos
        PHP: philippine pesos
        CHF: francs | swiss francs
        TRY: lira | liras
        SAR: riyals
        AED: dirhams
        ILS: shekels
        ZAR: rand
        NGN: naira
        UAH: hryvnias
        PLN: zloty
        """,
    ),
    ("cents",): _Unit("USD", "money", _HUNDREDTH),
    ("cent",): _Unit("USD", "money", _HUNDREDTH),
    ("pence",): _Unit("GBP", "money", _HUNDREDTH),
    **_units(
        "percent",
        """
        %: percent | per cent | pct
        percentage points: percentage points | percentage point
        """,
    ),
    **_units(
        "points",
        """
        basis points: basis points | basis point | bps
        points: points | point | pts
        """,
    ),
    **_units(
        "measure",
        """
        km: kilometres | kilometre | kilometers | kilometer | km | kms
        m: metres | metre | meters | meter
        cm: centimetres | centimeters | cm
        mm: millimetres | millimeters | mm
        miles: miles | mile
        nmi: nautical miles
        ft: feet | foot | ft
        in: inches | inch
        yd: yards | yard
        light years: light years
        km2: square kilometres | square kilometers | square km | sq km | km2 | km²
        sq mi: square miles | square mile | sq miles | sq mi
        m2: square metres | square meters | sq m | m2 | m²
        sq ft: square feet | sq ft
        m3: cubic metres | cubic meters
        acres: acres | acre
        hectares: hectares | hectare
        tonnes: tonnes | tonne | metric tons | metric tonnes
        tons: tons | ton
        kg: kilograms | kilogram | kilogrammes | kilos | kilo | kg | kgs
        g: grams | gram | grammes
        mg: milligrams | mg
        lb: pounds | pound | lb | lbs
        oz: ounces | ounce | oz
        litres: litres | litre | liters | liter
        ml: millilitres | milliliters | ml
        gallons: gallons | gallon
        barrels: barrels | barrel | bbl
        mph: miles per hour | mph
        km/h: kilometres per hour | kilometers per hour | kph | kmh
        knots: knots
        °C: degrees celsius | degrees centigrade | celsius
        °F: degrees fahrenheit | fahrenheit
        degrees: degrees
        MW: megawatts | mw
        GW: gigawatts | gw
        kW: kilowatts | kw
        kWh: kilowatt hours | kwh
        MWh: megawatt hours | mwh
        GB: gigabytes | gb
        TB: terabytes | tb
        MB: megabytes
        calories: calories
        """,
    ),
    **_units(
        "time",
        """
        seconds: seconds | secs
        minutes: minutes | minute | mins
        hours: hours | hour | hrs
        days: days | day
        nights: nights | night
        weeks: weeks | week
        months: months | month
        years: years | year | yrs
        decades: decades | decade
        centuries: centuries | century
        """,
    ),
    ("times",): _Unit("times", "times"),
}
# Only after a hyphen: "a 30-second advert", "a 10-fold rise" ("second" is also an ordinal).
HYPHEN_UNITS = {
    **UNIT_PHRASES,
    ("second",): _Unit("seconds", "time"),
    ("fold",): _Unit("times", "times"),
}
# Units written against the digits ("5km", "24h"); matched on the exact text first, so
# "4G" and "3D" are identifiers and "5g" is grams.
ATTACHED_UNITS: dict[str, _Unit] = {
    "g": _Unit("g", "measure"),
    "C": _Unit("°C", "measure"),
    "F": _Unit("°F", "measure"),
    "h": _Unit("hours", "time"),
    "x": _Unit("times", "times"),
    "p": _Unit("GBP", "money", _HUNDREDTH),
    "pc": _Unit("%", "percent"),
    "mi": _Unit("miles", "measure"),
    "min": _Unit("minutes", "time"),
    "sec": _Unit("seconds", "time"),
    "hr": _Unit("hours", "time"),
    "bp": _Unit("basis points", "points"),
}
ATTACHED_WORDS = frozenset(
    """km kms cm mm kg kgs mg ft mph kph kmh lb lbs oz ml mw gw kw kwh mwh gb tb pct pts bps
    km2 km² m2 m² mins secs hrs yrs""".split()
)
# Abbreviated scales after digits, exact text: "$1.2bn", "€30m", "30k", "$2B".
SUFFIX_SCALE_TEXTS = {
    **SUFFIX_SCALES,
    **{k.upper(): v for k, v in SUFFIX_SCALES.items() if k in ("k", "m", "b", "bn", "mn", "tn")},
    "Bn": 10**9,
}
# Abbreviated scales that may also stand apart: "$2 bn".
SPACED_SCALES = {k: v for k, v in SUFFIX_SCALES.items() if len(k) > 1}
# "30m tall" is metres; otherwise "m" after digits is million, as news writes it.
METRE_WORDS = frozenset("tall high long deep wide away above below across underground".split())
REPETITIONS = {"twice": 2, "thrice": 3}
PERCENT_SIGNS = frozenset("%٪﹪％")
HYPHENS = frozenset("-‐‑")
RANGE_DASHES = frozenset("-‐‑–‒")
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})

QUALIFIERS: dict[tuple[str, ...], str] = {
    tuple(words.split()): kind
    for kind, phrases in {
        "approximate": """about|around|roughly|approximately|approx|some|nearly|almost|close to|
            an estimated|estimated|circa|just about|in the region of|on the order of|
            somewhere around|an approximate|closing in on|approaching|nearing""",
        "more_than": """more than|over|above|upwards of|in excess of|greater than|higher than|
            exceeding|just over|well over|well above|north of|little more than|
            a little more than|a little over|slightly more than|slightly over|older than""",
        "at_least": """at least|no fewer than|no less than|not less than|not fewer than|
            a minimum of|minimum of|at the very least""",
        "at_most": """up to|at most|no more than|not more than|a maximum of|maximum of|
            as many as|as much as|as high as""",
        "less_than": """fewer than|less than|under|below|lower than|just under|just below|
            well below|well under|short of|just shy of|shy of|slightly less than|
            a little less than|little less than|younger than""",
        "between": "between",
        "from": "from",
    }.items()
    for words in phrases.split("|")
}
QUALIFIERS_AFTER: dict[tuple[str, ...], str] = {
    ("or", "more"): "at_least",
    ("or", "older"): "at_least",
    ("and", "older"): "at_least",
    ("or", "over"): "at_least",
    ("and", "over"): "at_least",
    ("and", "up"): "at_least",
    ("or", "younger"): "at_most",
    ("and", "younger"): "at_most",
    ("or", "under"): "at_most",
    ("and", "under"): "at_most",
    ("or", "so"): "approximate",
    ("or", "thereabouts"): "approximate",
    ("or", "fewer"): "at_most",
    ("or", "less"): "at_most",
    ("and", "counting"): "at_least",
}
QUALIFIER_KINDS = frozenset("approximate more_than at_least at_most less_than".split())

MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
TIME_WORDS = frozenset(
    "am pm o'clock o’clock gmt utc est edt cst cdt pst pdt et pt bst cet".split()
)
# Words before a bare number that make it a label: "No. 10", "page 3", "Article 50".
ID_WORDS = frozenset(
    """no nos number article articles section sections chapter resolution route flight room
    page pages line vol volume episode season phase stage level category grade model version
    tier zone district precinct amendment gate platform terminal highway interstate exit
    channel item paragraph clause rule figure table step part proposition prop measure
    question title lot unit apartment apt suite ward box code pin id case docket hb sb hr
    act v ver no.""".split()
)
STREET_WORDS = frozenset(
    "street st avenue ave road rd boulevard blvd lane drive place way square".split()
)
# Words after which a bare four-digit number is a year, even where the model calls it a count.
YEAR_PREPOSITIONS = frozenset(
    """in since by until till from of the before after during through between and to early
    late""".split()
)
PRONOUNS = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them
    their theirs this that these those who whom whose which what one ones themselves
    himself herself itself ourselves yourselves""".split()
)
DETERMINERS = frozenset(
    "the a an its their his her our your my these those this that every each all some any".split()
)
# Words a counted noun phrase may open with and that are not its head: "20 more people".
NOUN_PHRASE_OPENERS = DETERMINERS | frozenset("other more additional further".split())
FUNCTION_WORDS = frozenset(
    """the a an and or but nor of in on at to for from by with without about into onto over
    under above below between among through during before after since until than then that
    which who whom whose what when where why how this these those there here it its they
    them their he him his she her we us our you your i me my is are was were be been being
    am do does did done have has had having will would shall should can could may might must
    not no so as if because while although though also only just even still yet already
    more most less least many much few several some any all both each every either neither
    other another such own same very too quite rather per via vs versus ago earlier later
    last next nearly almost around roughly approximately some up down out off again
    said say says saying told tell tells according added reported claimed stated argued
    noted warned include including included includes remain remained remains live lived
    voted supported oppose opposed opposes want wanted wants
    think thinks thought believe believed believes agree agreed agrees approve approved
    get got gets go went goes come came comes see saw seen make made makes take took
    taken give gave given become became died die dies let lets per cent percent""".split()
)
# Past tenses that do not end in -ed, read as verbs after a number: "400 sold", "12 fled".
IRREGULAR_PASTS = frozenset(
    """sold told won lost left held hit cut put set shot fought brought bought caught taught
    sent spent ran found paid kept met led fled fell rose grew drew flew knew threw wrote
    stood sat lay beat broke chose drove ate froze hid rode rang sang sank slid spoke stole
    struck swam swore tore woke wore began became""".split()
)
IRREGULAR_PLURALS = frozenset(
    """people men women children police feet teeth mice geese personnel staff cattle clergy
    folk folks data media criteria phenomena militia youth crew troops aircraft spacecraft
    sheep deer fish offspring species series headquarters""".split()
)
NOT_PLURAL = frozenset(
    """news this his its was has is us as yes always perhaps whereas besides
    towards afterwards sometimes thus plus bus gas chaos means""".split()
)
# Verbs whose subject is what a number after them measures: "the toll rose to 130".
CHANGE_VERBS = frozenset(
    """rose rise rises risen rising fell fall falls fallen falling dropped drop drops
    climbed climb climbs increased increase increases decreased decrease decreases jumped
    jump jumps grew grow grows grown declined decline declines slipped slip slips soared
    soar soars plunged plunge plunges reached reach reaches hit hits stood stands stand was
    were is are be been totaled totalled totals total topped tops exceeded exceeds
    surpassed surpasses hovered hovers hovering remained remains remain numbered amounted
    amounts edged ticked dipped dips surged surges sank sinks shrank shrinks swelled swells
    neared nears doubled tripled went go goes came comes stands improved improves worsened
    gained gains lost loses widened widens narrowed narrows crumbled tumbled slumped rallied
    advanced retreated shed slid plummeted skyrocketed spiked recovered rebounded""".split()
)
# Words between a subject and its verb of change: "consumption appears to have declined".
BEFORE_VERB = frozenset(
    """has have had will would could may might is was been be to appears appeared seems
    seemed expected likely also already just reportedly""".split()
)
FROM_CHANGE_VERBS = CHANGE_VERBS | frozenset(
    "up down cut cuts raised raise raises reduced reduce reduces slashed changed moved".split()
)
# Heads that name a number rather than a thing counted: "a total of 130".
GENERIC_HEADS = frozenset("total number figure amount count sum tally".split())
ONE_IDIOMS = frozenset(
    """day time point way hand side thing reason another more last such must can could
    would should might will may which who that in to on at as for by with is was are were
    has had have does did""".split()
)
ONE_BLOCKERS = frozenset("the this that no any every each which someone anyone another".split())
NAME_TYPES = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())
NOT_A_COUNT_TYPES = frozenset({"DATE", "TIME", "ORDINAL"})

_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")
# Stretches whose digits are never claims: URLs, e-mail addresses, handles, hashtags, phones.
# Stretches whose digits are never claims, each with a cheap test for whether to look at all:
# URLs, domains, e-mail addresses, handles and hashtags, phone numbers.
_BLOCKED = (
    ("://", re.compile(r"(?:https?|ftp)://\S+")),
    ("www.", re.compile(r"www\.\S+")),
    ("@", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|@\w+")),
    ("#", re.compile(r"#\w+")),
    (".", re.compile(r"\b[\w-]+\.(?:com|org|net|gov|edu|int|io|co|uk|de|fr|ru)\b(?:/\S*)?")),
    (
        "",
        re.compile(
            r"(?<![\w$£€])(?:\+\d{1,3}[ .-])?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b"
            r"|(?<![\w,.$£€-])\d{3}-\d{4}\b"
        ),
    ),
)


# --- Tokens and context ------------------------------------------------------------------


class _Tok(NamedTuple):
    text: str
    low: str
    start: int
    end: int
    kind: str  # "num", "word" or "sym"


def _tokenize(text: str) -> list[_Tok]:
    tokens = []
    for match in _TOKEN.finditer(text):
        piece = match.group()
        first = piece[0]
        kind = "num" if "0" <= first <= "9" else ("word" if first.isalpha() else "sym")
        tokens.append(_Tok(piece, piece.lower(), match.start(), match.end(), kind))
    return tokens


@dataclass(frozen=True, slots=True)
class _Entities:
    """The NER spans of a document, for "which entity holds this span" in O(log n)."""

    starts: list[int]
    spans: list[tuple[int, int, str]]

    @classmethod
    def of(cls, doc: object) -> _Entities:
        spans = sorted(
            (ent.start_char, ent.end_char, ent.type) for ent in getattr(doc, "ents", None) or ()
        )
        return cls([s[0] for s in spans], spans)

    def holding(self, start: int, end: int) -> tuple[int, int, str] | None:
        index = bisect_right(self.starts, start) - 1
        if index >= 0 and self.spans[index][1] >= end:
            return self.spans[index]
        return None


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    toks: list[_Tok]
    sentence_starts: frozenset[int]
    entities: _Entities
    blocked: list[tuple[int, int]]

    def gap(self, left: int, right: int) -> str:
        """The whitespace between two tokens ("" when they touch)."""
        return self.text[self.toks[left].end : self.toks[right].start]

    def touching(self, left: int, right: int) -> bool:
        return (
            0 <= left and right < len(self.toks) and self.toks[left].end == self.toks[right].start
        )

    def spaced(self, left: int, right: int) -> bool:
        """The two tokens exist and are apart by whitespace on one line (or touch)."""
        return 0 <= left and right < len(self.toks) and "\n" not in self.gap(left, right)

    def word(self, index: int) -> str:
        """The lower-case word at ``index``, or "" for a symbol, a number or past the end."""
        if 0 <= index < len(self.toks) and self.toks[index].kind == "word":
            return self.toks[index].low
        return ""

    def is_blocked(self, start: int, end: int) -> bool:
        index = bisect_right(self.blocked, (start, len(self.text) + 1)) - 1
        return index >= 0 and self.blocked[index][1] > start

    def opens_sentence(self, index: int) -> bool:
        tok = self.toks[index]
        if index == 0 or tok.start in self.sentence_starts:
            return True
        before = self.toks[index - 1]
        return (
            before.kind == "sym"
            and before.text in "\"“‘'([:—–-•*"
            or "\n" in self.gap(index - 1, index)
        )


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    spans = [
        (m.start(), m.end())
        for trigger, pattern in _BLOCKED
        if trigger in text
        for m in pattern.finditer(text)
    ]
    return sorted(spans)


# --- Reading one amount ------------------------------------------------------------------


@dataclass(slots=True)
class _Amount:
    """A number as read, before it is judged a claim or not."""

    first: int  # first token: the currency sign or the number
    last: int  # last token, inclusive: the unit, or a qualifier written after
    numbers: list[int]  # the first token of each number (two for a range)
    value: Decimal
    base: Decimal  # the value before a scale word or suffix
    scale: int
    form: str  # digits, words, vague or fraction
    unit: str | None = None
    kind: str = "count"  # count, money, percent, points, measure, time, times, fraction
    approximate: bool = False
    after: str | None = None
    compound: int | None = None  # "187-member": the word joined to the number
    value_max: Decimal | None = None
    reject: str | None = None
    words: list[str] = field(default_factory=list)

    @property
    def bare(self) -> bool:
        """A plain number: no unit, scale, currency or joined word."""
        return (
            self.kind == "count"
            and self.scale == 1
            and self.form in ("digits", "words")
            and self.compound is None
            and self.after is None
        )


def _word_run(ctx: _Context, index: int, limit: int = 10) -> tuple[list[int], bool]:
    """Word tokens from ``index`` joined by spaces or single hyphens, and whether the first
    two are hyphen-joined ("two-thirds")."""
    toks = ctx.toks
    run = [index]
    joined = False
    at = index
    while len(run) < limit:
        nxt = at + 1
        if nxt < len(toks) and toks[nxt].kind == "word" and ctx.spaced(at, nxt):
            run.append(nxt)
            at = nxt
            continue
        hyphen = nxt
        if (
            hyphen + 1 < len(toks)
            and toks[hyphen].text in HYPHENS
            and ctx.touching(at, hyphen)
            and ctx.touching(hyphen, hyphen + 1)
            and toks[hyphen + 1].kind == "word"
        ):
            if len(run) == 1:
                joined = True
            run.append(hyphen + 1)
            at = hyphen + 1
            continue
        break
    return run, joined


def _digits_core(ctx: _Context, index: int) -> _Amount:
    toks = ctx.toks
    tok = toks[index]
    value = parse_numeral(tok.text)
    if value is None:
        return _Amount(index, index, [index], Decimal(0), Decimal(0), 1, "digits", reject="digits")
    amount = _Amount(index, index, [index], value, value, 1, "digits")
    nxt = index + 1
    if ctx.touching(index, nxt) and toks[nxt].kind == "word":
        suffix = toks[nxt]
        if suffix.low in ORDINAL_SUFFIXES:
            return _rejected(amount, nxt, "ordinal")
        if suffix.low in ("am", "pm"):
            return _rejected(amount, nxt, "time")
        if suffix.low == "s":
            return _rejected(amount, nxt, "decade")
        metres = suffix.text == "m" and ctx.word(nxt + 1) in METRE_WORDS
        if suffix.text in SUFFIX_SCALE_TEXTS and not metres:
            amount.scale = SUFFIX_SCALE_TEXTS[suffix.text]
            amount.value = value * amount.scale
            amount.last = nxt
        elif not (
            suffix.text in ATTACHED_UNITS
            or suffix.low in ATTACHED_WORDS
            or metres
            or (suffix.text in ISO_CODES)
        ):
            return _rejected(amount, nxt, "identifier")
    elif ctx.touching(index, nxt) and toks[nxt].text in VULGAR_FRACTIONS:
        amount.value = amount.base = value + Decimal(VULGAR_FRACTIONS[toks[nxt].text])
        amount.last = nxt
    while True:  # "2.5 million", "$2 bn", "two hundred thousand", "3 dozen"
        nxt = amount.last + 1
        word = ctx.word(nxt) if ctx.spaced(amount.last, nxt) else ""
        scale = SCALES.get(word) or SPACED_SCALES.get(word) or (12 if word == "dozen" else 0)
        if not scale or ctx.touching(amount.last, nxt):
            return amount
        amount.scale *= scale
        amount.value *= scale
        amount.last = nxt


def _rejected(amount: _Amount, last: int, why: str) -> _Amount:
    amount.last = max(amount.last, last)
    amount.reject = why
    return amount


def _words_core(ctx: _Context, index: int) -> _Amount | None:
    if ctx.toks[index].low in REPETITIONS:
        value = Decimal(REPETITIONS[ctx.toks[index].low])
        words = [ctx.toks[index].low]
        amount = _Amount(index, index, [index], value, value, 1, "words", words=words)
        amount.unit, amount.kind = "times", "times"
        return amount
    run, joined = _word_run(ctx, index)
    words = [ctx.toks[i].low for i in run]
    if words[:1] in (["a"], ["an"]) and words[2:5] == ["and", "a", "half"]:
        found = _phrase_at(ctx, run[1], UNIT_PHRASES)
        if found is not None and found[1] == run[1] and found[0].kind in ("time", "measure"):
            one_and_a_half = Decimal("1.5")
            amount = _Amount(index, run[4], [index], one_and_a_half, one_and_a_half, 1, "words")
            amount.unit, amount.kind = found[0].unit, found[0].kind
            return amount  # "a year and a half"
    if words[:1] == ["half"] and words[1:2] in (["a"], ["an"]):
        found = _phrase_at(ctx, run[2], UNIT_PHRASES) if len(run) > 2 else None
        if found is not None and found[0].kind in ("time", "measure"):
            half = Decimal("0.5")
            amount = _Amount(index, index, [index], half, half, 1, "fraction", words=["half"])
            _apply_unit(amount, *found)
            return amount
    read = read_vague(words)
    form = "vague"
    if read is None:
        read = read_fraction(words, joined)
        form = "fraction"
    if read is None:
        read = read_number_words(words)
        form = "words"
    if read is None:
        return None
    value, used = read
    used_words = words[:used]
    scales = [SCALES[w] for w in used_words if w in SCALES]
    scale = scales[-1] if scales and form == "words" else 1
    base = value / scale if scale > 1 else value
    amount = _Amount(index, run[used - 1], [index], value, base, scale, form, words=used_words)
    if form == "fraction":
        _of_a_scale(ctx, amount, run, used)
        if amount.form == "words":
            return amount
    if form == "vague":
        amount.approximate = True
        amount.scale = 2  # never "bare": a vague quantity is always a claim
    elif form == "fraction":
        amount.unit, amount.kind = "fraction", "fraction"
    # Stop before "twenty-first", "one-on-one": the number was the start of another word.
    after = run[used] if used < len(run) else None
    if after is not None and ctx.touching(after - 1, after) and ctx.toks[after - 1].text in HYPHENS:
        if ctx.toks[after].low in ("first", "second", "third", "fourth", "fifth", "sixth"):
            return _rejected(amount, after, "ordinal")
        if ctx.toks[after].low.endswith("th") and form == "words":
            return _rejected(amount, after, "ordinal")
    return amount


def _of_a_scale(ctx: _Context, amount: _Amount, run: list[int], used: int) -> None:
    """``a quarter of a million``, ``a third-of-a-billion``: a fraction of a scale word."""
    words = [ctx.toks[i].low for i in run[used : used + 3]]
    if len(words) < 3 or words[0] != "of" or words[1] not in ("a", "an"):
        return
    scale = SCALES.get(words[2])
    if scale and scale >= 1000:
        amount.value = amount.value * scale
        amount.unit, amount.kind, amount.form = None, "count", "words"
        amount.scale, amount.last = scale, run[used + 2]


def _currency_before(ctx: _Context, index: int) -> tuple[str, int] | None:
    """The currency written before the number at ``index``: its code and first token."""
    toks = ctx.toks
    prev = index - 1
    if prev < 0:
        return None
    sign = toks[prev]
    if sign.text in CURRENCY_SYMBOLS and (ctx.touching(prev, index) or ctx.gap(prev, index) == " "):
        if (
            sign.text == "$"
            and ctx.touching(prev - 1, prev)
            and toks[prev - 1].text in DOLLAR_PREFIXES
        ):
            return DOLLAR_PREFIXES[toks[prev - 1].text], prev - 1
        return CURRENCY_SYMBOLS[sign.text], prev
    if sign.kind == "word" and ctx.gap(prev, index) == " ":
        if sign.text in ISO_CODES:
            return sign.text, prev
        if sign.text in OTHER_CURRENCY_PREFIXES:
            return OTHER_CURRENCY_PREFIXES[sign.text], prev
    if (
        sign.text == "."
        and prev > 0
        and toks[prev - 1].text == "Rs"
        and ctx.touching(prev - 1, prev)
    ):
        return "INR", prev - 1
    return None


def _phrase_at(
    ctx: _Context, index: int, table: dict[tuple[str, ...], _Unit]
) -> tuple[_Unit, int] | None:
    """The longest phrase of ``table`` starting at token ``index``, and its last token."""
    if ctx.word(index) == "":
        return None
    run, _ = _word_run(ctx, index, limit=3)
    words = tuple(ctx.toks[i].low for i in run)
    for length in range(len(words), 0, -1):
        unit = table.get(words[:length])
        if unit is not None:
            return unit, run[length - 1]
    return None


def _apply_unit(amount: _Amount, unit: _Unit, last: int) -> None:
    if amount.kind == "money" and unit.kind == "money":
        amount.last = last  # "$5 million dollars": the sign already said it
        return
    if amount.kind not in ("count", "fraction"):
        return
    amount.unit, amount.kind = unit.unit, unit.kind
    amount.value *= unit.factor
    amount.base *= unit.factor
    amount.last = last


def _read_unit(ctx: _Context, amount: _Amount) -> None:
    """Extend ``amount`` with the unit written after it, if any."""
    toks = ctx.toks
    at = amount.last + 1
    if at >= len(toks) or not ctx.spaced(amount.last, at):
        return
    tok = toks[at]
    touching = ctx.touching(amount.last, at)
    if tok.text in PERCENT_SIGNS:
        _apply_unit(amount, _Unit("%", "percent"), at)
    elif tok.text == "°":
        letter = toks[at + 1].text if ctx.touching(at, at + 1) else ""
        if letter in ("C", "F"):
            _apply_unit(amount, _Unit(f"°{letter}", "measure"), at + 1)
        else:
            _apply_unit(amount, _Unit("degrees", "measure"), at)
    elif tok.text in CURRENCY_SYMBOLS and touching and amount.kind != "money":
        _apply_unit(amount, _Unit(CURRENCY_SYMBOLS[tok.text], "money"), at)
    elif tok.text in HYPHENS and touching and ctx.touching(at, at + 1):
        _read_hyphenated(ctx, amount, at + 1)
    elif tok.kind == "word" and touching and amount.form == "digits":
        unit = ATTACHED_UNITS.get(tok.text)
        if unit is None and (tok.low in ATTACHED_WORDS or tok.text == "m"):
            found = _phrase_at(ctx, at, UNIT_PHRASES)
            unit = found[0] if found else _Unit("m", "measure")
        if unit is None and tok.text in ISO_CODES:
            unit = _Unit(tok.text, "money")
        if unit is not None:
            _apply_unit(amount, unit, at)
    elif tok.kind == "word":
        found = _phrase_at(ctx, at, UNIT_PHRASES)
        if found is not None:
            _apply_unit(amount, *found)
        elif tok.text in ISO_CODES:
            _apply_unit(amount, _Unit(tok.text, "money"), at)
        elif tok.low == "of" and amount.form == "vague":
            # "millions of dollars", "hundreds of years", "thousands of tonnes", "dozens of times"
            found = _phrase_at(ctx, at + 1, UNIT_PHRASES)
            if found is not None and found[0].kind in ("money", "time", "measure", "times"):
                _apply_unit(amount, *found)
        elif tok.low == "of" and amount.form == "fraction" and ctx.word(at + 1) in ("a", "an"):
            found = _phrase_at(ctx, at + 2, UNIT_PHRASES)  # "a quarter of a percent"
            if found is not None and found[0].kind in ("percent", "points"):
                _apply_unit(amount, *found)
        elif tok.low in ("a", "an") and amount.words[:1] == ["half"]:
            found = _phrase_at(ctx, at + 1, UNIT_PHRASES)
            if found is not None and found[0].kind in ("time", "measure"):
                _apply_unit(amount, *found)


def _per_hour(ctx: _Context, amount: _Amount) -> None:
    """``10 km/h``: a distance per hour is a speed."""
    last = amount.last
    if amount.unit == "km" and ctx.touching(last, last + 1) and ctx.toks[last + 1].text == "/":
        if ctx.word(last + 2) == "h" and ctx.touching(last + 1, last + 2):
            amount.unit, amount.last = "km/h", last + 2


def _read_hyphenated(ctx: _Context, amount: _Amount, at: int) -> None:
    """``10-year``, ``45-year-old``, ``100-plus``, ``40-odd``, ``187-member``."""
    toks = ctx.toks
    word = ctx.word(at)
    found = _phrase_at(ctx, at, HYPHEN_UNITS) if word else None
    if found is not None:
        _apply_unit(amount, *found)
        last = amount.last
        if ctx.touching(last, last + 1) and toks[last + 1].text in HYPHENS:
            if ctx.word(last + 2) == "old" and ctx.touching(last + 1, last + 2):
                amount.last = last + 2
    elif word in ("plus", "odd", "ish"):
        amount.after = "more_than" if word == "plus" else "approximate"
        amount.last = at
        _read_unit(ctx, amount)  # "a 40-odd year career", "100-plus days"
    elif word == "strong":
        amount.last = at  # "a 5,000-strong force": the noun after it is the object
    elif not _collectable(ctx, at):
        return  # "1-about", "two-and": no compound word
    elif amount.form != "digits" and amount.value < 10:
        _rejected(amount, at, "compound")  # "two-state solution", "one-sided", "one-on-one"
    else:
        amount.compound, amount.last = at, at


def _read_after(ctx: _Context, amount: _Amount) -> None:
    """A qualifier written after the number: ``or more``, ``or so``, ``+``."""
    at = amount.last + 1
    if at < len(ctx.toks) and ctx.toks[at].text == "+" and ctx.touching(amount.last, at):
        amount.after, amount.last = "more_than", at
        return
    pair = (ctx.word(at), ctx.word(at + 1))
    if pair in QUALIFIERS_AFTER and ctx.spaced(amount.last, at + 1):
        amount.after, amount.last = QUALIFIERS_AFTER[pair], at + 1
    elif pair[0] == "plus" and ctx.spaced(amount.last, at):
        # "eight hours plus", but not the sum in "five plus three"
        if at + 1 >= len(ctx.toks) or not _starts_number(ctx, at + 1):
            amount.after, amount.last = "more_than", at


def _read_amount(ctx: _Context, index: int) -> _Amount | None:
    """The number starting at token ``index`` (digits or words) with its currency and unit."""
    tok = ctx.toks[index]
    if tok.kind == "num":
        amount = _digits_core(ctx, index)
    elif tok.kind == "word":
        amount = _words_core(ctx, index)
    else:
        return None
    if amount is None or amount.reject:
        return amount
    currency = _currency_before(ctx, index) if tok.kind == "num" else None
    if currency is not None:
        amount.unit, amount.kind, amount.first = currency[0], "money", currency[1]
    elif tok.kind == "num" and index > 0 and ctx.toks[index - 1].text in ("-", "−"):
        if ctx.touching(index - 1, index) and not ctx.touching(index - 2, index - 1):
            if index < 2 or ctx.toks[index - 2].kind != "num":
                amount.value, amount.base, amount.first = -amount.value, -amount.base, index - 1
    _read_unit(ctx, amount)
    _per_hour(ctx, amount)
    _read_after(ctx, amount)
    return amount


def _starts_number(ctx: _Context, index: int) -> bool:
    """Cheap test: could a number start at token ``index``?"""
    tok = ctx.toks[index]
    if tok.kind == "num":
        return True
    if tok.kind != "word":
        return False
    if tok.low in NUMBER_WORDS or tok.low in REPETITIONS:
        return True
    if tok.low in ("a", "an"):
        nxt = ctx.word(index + 1)
        if nxt in SCALES or nxt in DENOMINATORS or nxt in FEW or nxt == "dozen":
            return True
        return ctx.word(index + 2) == "and" and ctx.word(index + 4) == "half"
    return False


# --- Ranges, ratios and qualifiers --------------------------------------------------------


def _qualifier_before(ctx: _Context, index: int) -> tuple[str | None, int]:
    """The qualifier phrase that ends just before token ``index``, and its first token.

    An article between them is allowed: "about a six-hour flight", "nearly a
    10 percent drop".
    """
    found = _phrase_before(ctx, index)
    if found[0] is None and ctx.word(index - 1) in ("a", "an"):
        kind, start = _phrase_before(ctx, index - 1)
        if kind in QUALIFIER_KINDS:
            return kind, start
    return found


def _phrase_before(ctx: _Context, index: int) -> tuple[str | None, int]:
    for length in (4, 3, 2, 1):
        start = index - length
        if start < 0:
            continue
        if any(ctx.toks[i].kind != "word" for i in range(start, index)):
            continue
        if not ctx.spaced(start, index):
            continue
        kind = QUALIFIERS.get(tuple(ctx.toks[i].low for i in range(start, index)))
        if kind is not None:
            return kind, start
    return None, index


def _between_nearby(ctx: _Context, index: int) -> bool:
    """``between the ages of 18 and 29``: a ``between`` a few words before the number."""
    for back in range(index - 1, max(-1, index - 6), -1):
        if ctx.toks[back].kind != "word":
            return False
        if ctx.toks[back].low == "between":
            return True
    return False


def _changes_before(ctx: _Context, index: int) -> bool:
    """A verb of change just before the ``from`` at ``index``: "rose from 35 to 47"."""
    return any(ctx.word(i) in FROM_CHANGE_VERBS for i in range(max(0, index - 3), index))


def _read_range(ctx: _Context, amount: _Amount, opener: str | None) -> _Amount | None:
    """The upper end of a range starting with ``amount``, or None."""
    toks = ctx.toks
    at = amount.last + 1
    if at + 1 >= len(toks) or not ctx.spaced(amount.last, at + 1):
        return None
    link = toks[at]
    if link.text in RANGE_DASHES:
        both = ctx.touching(at - 1, at) and ctx.touching(at, at + 1)
        if link.text in HYPHENS and not both:
            return None
    elif link.low == "and":
        if opener != "between":
            return None
    elif link.low not in ("to", "or", "through"):
        return None
    start = at + 1
    if toks[start].kind == "sym" and toks[start].text in CURRENCY_SYMBOLS:
        start += 1
        if start >= len(toks):
            return None
    if not _starts_number(ctx, start):
        return None
    upper = _read_amount(ctx, start)
    if upper is None or upper.reject or upper.form in ("vague", "fraction"):
        return None
    if amount.unit is not None and upper.unit not in (None, amount.unit):
        return None
    if amount.unit is None and upper.unit is None and amount.kind != upper.kind:
        return None
    return upper


def _merge_range(amount: _Amount, upper: _Amount) -> bool:
    """Make ``amount`` the range up to ``upper``; False when they cannot be one."""
    low = amount.value
    if amount.scale == 1 and upper.scale > 1 and amount.base < upper.base:
        low = amount.value * upper.scale
    if upper.value <= low:
        return False
    amount.value = low
    amount.value_max = upper.value
    if amount.unit is None and upper.unit is not None:
        amount.unit, amount.kind = upper.unit, upper.kind
    amount.last = upper.last
    amount.numbers.extend(upper.numbers)
    amount.after = upper.after or amount.after
    amount.scale = max(amount.scale, upper.scale)
    return True


def _read_ratio(ctx: _Context, amount: _Amount) -> bool:
    """``four in 10``, ``three out of four``, ``nine of 10``: make ``amount`` the fraction.

    ``X of Y`` is a ratio only with a round whole (2 to 10, or 100) and no
    determiner between: ``eight of the 10 states`` counts states. False if
    there is no ratio.
    """
    at = amount.last + 1
    if ctx.word(at) == "in":
        start = at + 1
    elif ctx.word(at) == "out" and ctx.word(at + 1) == "of":
        start = at + 2
    elif ctx.word(at) == "of":
        start = at + 1
    else:
        return False
    if (
        start >= len(ctx.toks)
        or not ctx.spaced(amount.last, start)
        or not _starts_number(ctx, start)
    ):
        return False
    whole = _read_amount(ctx, start)
    if whole is None or whole.reject or not whole.bare or not 0 < amount.value < whole.value:
        return False
    if whole.value > 1000 or (whole.form == "digits" and len(ctx.toks[start].text) == 4):
        return False
    if ctx.word(at) == "of" and not (2 <= whole.value <= 10 or whole.value == 100):
        return False
    amount.value = amount.base = fraction(amount.value, whole.value)
    amount.unit, amount.kind, amount.form = "fraction", "fraction", "fraction"
    amount.numbers.append(start)
    amount.last = whole.last
    return True


# --- What is not a claim ------------------------------------------------------------------


def _is_plural(word: str) -> bool:
    low = word.lower()
    if low in IRREGULAR_PLURALS:
        return True
    if low in NOT_PLURAL or low in FUNCTION_WORDS or len(low) < 4 or word.isupper():
        return False
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s"))


def _is_year(ctx: _Context, index: int, amount: _Amount) -> bool:
    tok = ctx.toks[index]
    if tok.kind != "num" or len(tok.text) != 4 or not tok.text.isdigit():
        return False
    if not 1000 <= int(tok.text) <= 2100 or amount.unit is not None or amount.scale != 1:
        return False
    # A year unless the model calls it a count and a plural noun follows: "In 2015, 1500 troops".
    held = ctx.entities.holding(tok.start, tok.end)
    noun = amount.last + 1
    if (
        held is not None
        and held[2] in ("CARDINAL", "QUANTITY")
        and ctx.word(noun)
        and _is_plural(ctx.toks[noun].text)
        and ctx.word(index - 1) not in YEAR_PREPOSITIONS
    ):
        return False
    return True


def _month_at(ctx: _Context, index: int) -> bool:
    tok = ctx.toks[index] if 0 <= index < len(ctx.toks) else None
    return tok is not None and tok.kind == "word" and tok.low in MONTHS and tok.text[0].isupper()


def _is_date(ctx: _Context, index: int, amount: _Amount) -> bool:
    tok = ctx.toks[index]
    if tok.kind != "num" or not tok.text.isdigit() or not 1 <= int(tok.text) <= 31:
        return False
    if amount.unit is not None or amount.scale != 1:
        return False
    before = index - 1
    if before >= 0 and ctx.toks[before].text == ".":
        before -= 1
    if _month_at(ctx, before):
        return True
    after = index + 1
    if ctx.word(after) == "of":
        after += 1
    return _month_at(ctx, after)


def _is_time(ctx: _Context, amount: _Amount) -> bool:
    at = amount.last + 1
    word = ctx.word(at)
    if not word or not ctx.spaced(amount.last, at):
        return False
    if word in TIME_WORDS:
        return True
    return word in ("a", "p") and ctx.word(at + 2) == "m" and ctx.touching(at, at + 1)


def _is_list_number(ctx: _Context, index: int, amount: _Amount) -> bool:
    tok = ctx.toks[index]
    # Look back a few characters only, so the test costs the same anywhere in the text.
    window = ctx.text[max(0, tok.start - 8) : tok.start]
    if "\n" not in window and tok.start > 8:
        return False
    if window.rsplit("\n", 1)[-1].strip() not in ("", "("):
        return False
    nxt = index + 1
    return (
        amount.last == index
        and nxt < len(ctx.toks)
        and ctx.toks[nxt].text in ".)"
        and ctx.touching(index, nxt)
    )


def _glued_to_name(ctx: _Context, index: int, leading: bool) -> str | None:
    """Why the digits at ``index`` are part of a longer token: "MH17", "F-16", "'90s", "9/11".

    ``leading`` is False for the upper end of a range, whose left neighbour is the dash.
    """
    toks = ctx.toks
    prev = index - 1
    if leading and prev >= 0 and ctx.touching(prev, index):
        left = toks[prev]
        if left.kind == "word":
            return "identifier"
        if left.text in "#№":
            return "identifier"
        if left.text in APOSTROPHES or left.text == "‘":
            return "year"
        if left.text in HYPHENS and ctx.touching(prev - 1, prev) and toks[prev - 1].kind == "word":
            return "identifier"
        if (
            left.text in "/:."
            and ctx.touching(prev - 1, prev)
            and toks[prev - 1].kind in ("num", "word")
        ):
            return "identifier"
        if (
            left.text in RANGE_DASHES
            and ctx.touching(prev - 1, prev)
            and toks[prev - 1].kind == "num"
        ):
            return "score"
    nxt = index + 1
    if ctx.touching(index, nxt) and toks[nxt].text in "/:" and ctx.touching(nxt, nxt + 1):
        if nxt + 1 < len(toks) and toks[nxt + 1].kind == "num":
            return "date or time"
    return None


def _labelled(ctx: _Context, index: int, amount: _Amount) -> str | None:
    """Why a bare number is a label rather than a count: "No. 10", "Apollo 11", "10 Downing St"."""
    toks = ctx.toks
    before = index - 1
    if before >= 0 and toks[before].text == "." and ctx.word(before - 1) in ("no", "nos"):
        return "identifier"
    word = ctx.word(before)
    if not word or not ctx.spaced(before, index):
        return None
    if word in ID_WORDS:
        return "identifier"
    noun = amount.last + 1
    counted = ctx.word(noun) and _is_plural(toks[noun].text) and ctx.spaced(amount.last, noun)
    name_like = any(c.isupper() for c in toks[before].text)
    if name_like and word not in FUNCTION_WORDS and word not in MONTHS and not counted:
        if not any(k[-1] == word for k in QUALIFIERS):
            return "name"
    if amount.form == "digits" and ctx.word(noun) and toks[noun].text[0].isupper():
        at = noun
        while at < noun + 3 and ctx.word(at) and toks[at].text[0].isupper():
            if ctx.word(at) in STREET_WORDS:
                return "address"
            at += 1
    return None


def _spelled_count(ctx: _Context, index: int, amount: _Amount) -> bool:
    """A lower-case number word before a plural ("two Pinocchios"): never part of a name."""
    noun = amount.last + 1
    return (
        amount.form == "words"
        and ctx.toks[index].text.islower()
        and bool(ctx.word(noun))
        and _is_plural(ctx.toks[noun].text)
    )


def _one_day_is_an_idiom(ctx: _Context, index: int, amount: _Amount) -> bool:
    """``one day`` is "some day" unless a preposition makes it a span: "within one day"."""
    if amount.words != ["one"] or amount.unit != "days" or amount.last != index + 1:
        return False
    return ctx.word(index - 1) not in ("for", "within", "in", "after", "than", "only", "just")


def _one_is_a_pronoun(ctx: _Context, index: int, amount: _Amount) -> bool:
    """``one`` alone counts only before a noun: "one person", not "one of", "no one"."""
    if amount.words != ["one"] or amount.last != index:
        return False
    if ctx.word(index - 1) in ONE_BLOCKERS:
        return True
    nxt = ctx.word(index + 1)
    if not nxt or not ctx.spaced(index, index + 1):
        return True
    if nxt in ONE_IDIOMS or nxt in FUNCTION_WORDS or nxt == "of" or nxt in PRONOUNS:
        return True
    head = _noun_head(ctx, index + 1, plural_first=False)
    return head is None or ctx.word(head + 1) == "of"  # "one key part of the plan"


def _why_not(ctx: _Context, amount: _Amount, qualified: bool, after_date: bool) -> str | None:
    """Why ``amount`` is not a claim, or None when it is one."""
    if amount.reject:
        return amount.reject
    toks = ctx.toks
    first = amount.numbers[0]
    if ctx.is_blocked(toks[amount.first].start, toks[amount.last].end):
        return "url, handle or phone"
    for index in amount.numbers:
        if toks[index].kind == "num":
            glued = _glued_to_name(ctx, index, index == first)
            if glued:
                return glued
            if _is_year(ctx, index, amount):
                return "year"
    if amount.form == "words" and amount.value_max is None:
        text = toks[first].text
        if text[0].isupper() and not text.isupper() and not ctx.opens_sentence(first):
            return "name"  # "the Big Three", "Three Mile Island"
    if not qualified and _one_day_is_an_idiom(ctx, first, amount):
        return "idiom"
    if not amount.bare:
        return None
    if _is_time(ctx, amount):
        return "time"
    if _is_date(ctx, first, amount) or (after_date and amount.form == "digits"):
        return "date"
    if toks[first].kind == "num" and _is_list_number(ctx, first, amount):
        return "list numbering"
    held = ctx.entities.holding(toks[first].start, toks[amount.last].end)
    if held is not None and held[2] in NOT_A_COUNT_TYPES:
        return "date or time"
    if held is not None and held[2] in NAME_TYPES and not _spelled_count(ctx, first, amount):
        return "name"
    labelled = _labelled(ctx, first, amount)
    if labelled:
        return labelled
    if amount.form == "words":
        if not qualified and amount.value_max is None and _one_is_a_pronoun(ctx, first, amount):
            return "pronoun"
    return None


def _continues_date(ctx: _Context, date_end: int, index: int) -> bool:
    """Does the number at ``index`` continue a date ending at token ``date_end``: "July 8 and 9"?"""
    if date_end < 0 or index - date_end != 2:
        return False
    return ctx.toks[date_end + 1].low in ("and", ",", "&", "or", "to", "-", "–")


# --- The counted thing ---------------------------------------------------------------------


def _collectable(ctx: _Context, index: int) -> bool:
    tok = ctx.toks[index] if index < len(ctx.toks) else None
    if tok is None or tok.kind != "word":
        return False
    return (
        tok.low not in FUNCTION_WORDS
        and tok.low not in IRREGULAR_PASTS
        and tok.low not in PRONOUNS
        and tok.low not in NUMBER_WORDS
        and tok.low not in MONTHS
    )


def _noun_head(ctx: _Context, index: int, plural_first: bool) -> int | None:
    """The head noun of the noun phrase starting at token ``index`` (None when there is none).

    Determiners, possessives and a number after them are skipped ("two of the
    100 senators", "seven of the state's 44 delegates", "six of the past seven
    contests"); then up to five words are read, stopping at a function word,
    pronoun, number or punctuation (a hyphen inside a compound excepted). A
    word in -ly or -ed is read only when another word follows it ("heavily
    armed men", not "130 people killed"); one in -ing also at the end of a
    phrase that has begun ("new spending") or opens the phrase after a
    preposition ("$5bn in funding").
    """
    toks = ctx.toks
    at = _skip_openers(ctx, index)
    opens_after_preposition = ctx.word(index - 1) in ("of", "in") and at == index
    words: list[int] = []
    count = 0  # words read, a hyphenated compound counting once
    while at < len(toks) and count < 5 and (not words or ctx.spaced(words[-1], at)):
        tok = toks[at]
        if tok.text in HYPHENS and words and ctx.touching(at - 1, at) and ctx.touching(at, at + 1):
            at += 1
            count -= 1
            continue
        if words and _is_number_token(ctx, at) and _collectable(ctx, at + 1):
            words, count = [], 0  # "the past seven contests": the number starts the phrase anew
            at += 1
            continue
        if not _collectable(ctx, at):
            break
        if _is_possessive(ctx, at) and ctx.spaced(at, at + 1):
            words, count = [], 0  # "Washington state's 44 delegates": the owner is no head
            at = _skip_openers(ctx, at + 1, owned=True)
            continue
        followed = ctx.spaced(at, at + 1) and _collectable(ctx, at + 1)
        if tok.low.endswith(("ly", "ed")) and not followed:
            break
        if tok.low.endswith("ing") and not (followed or words or opens_after_preposition):
            break
        words.append(at)
        count += 1
        if plural_first and _is_plural(tok.text):
            nxt = at + 1
            if ctx.spaced(at, nxt) and _collectable(ctx, nxt) and _is_plural(toks[nxt].text):
                at = nxt  # "two largest teachers unions": the last of two plurals heads
                continue
            return at
        at += 1
    return words[-1] if words else None


def _is_number_token(ctx: _Context, index: int) -> bool:
    if index >= len(ctx.toks):
        return False
    tok = ctx.toks[index]
    return tok.kind == "num" or (tok.kind == "word" and tok.low in NUMBER_WORDS)


def _skip_openers(ctx: _Context, at: int, owned: bool = False) -> int:
    """The first token after the determiners, possessives and numbers opening a phrase.

    A number is skipped only after a determiner or an owner (``owned``).
    """
    toks = ctx.toks
    skipped = int(owned)
    while at < len(toks) and skipped < 4:
        tok = toks[at]
        if tok.kind == "word" and (tok.low in NOUN_PHRASE_OPENERS or _is_possessive(ctx, at)):
            at += 1
        elif skipped and (tok.kind == "num" or tok.low in SCALES) and ctx.spaced(at, at + 1):
            at += 1
        else:
            break
        skipped += 1
    return at


def _is_possessive(ctx: _Context, index: int) -> bool:
    text = ctx.toks[index].text
    return len(text) > 2 and text[-2] in APOSTROPHES and text[-1] in "sS"


def _object_after(ctx: _Context, amount: _Amount, determined: bool) -> tuple[int | None, bool]:
    """The object written after the number, and whether something was there to look at."""
    at = amount.last + 1
    if amount.compound is not None:
        return amount.compound, True
    if at >= len(ctx.toks) or not ctx.spaced(amount.last, at):
        return None, False
    word = ctx.word(at)
    if word == "worth" and amount.kind == "money":
        # "$250 billion worth of goods"
        at += 1
        word = ctx.word(at)
        if word != "of":
            return None, True
    if word == "of":
        head = _noun_head(ctx, at + 1, plural_first=True)
        return _counted(ctx, amount, head), True
    if amount.kind in ("count", "fraction"):
        return _counted(ctx, amount, _noun_head(ctx, at, plural_first=True)), False
    if amount.kind == "money" and word == "in" and _collectable(ctx, at + 1):
        if not ctx.toks[at + 1].text[0].isupper():
            return _noun_head(ctx, at + 1, plural_first=False), True
    if determined and amount.kind in ("money", "percent", "measure", "points"):
        return _noun_head(ctx, at, plural_first=False), False
    return None, False


def _counted(ctx: _Context, amount: _Amount, head: int | None) -> int | None:
    """``head`` unless it is singular after a count of many: "under 30 engage" is no object."""
    if head is None or amount.kind != "count" or amount.value == 1:
        return head
    return head if _is_plural(ctx.toks[head].text) else None


def _object_before(ctx: _Context, start: int, qualified: bool) -> int | None:
    """The object written before the number starting at token ``start``.

    The noun before ``of`` in a determiner's phrase (``a coalition of two``),
    a determined or plural noun before ``by`` (``raise its target by a
    quarter``) or before a qualifier (``a population under 500``), or the
    subject of a verb of change or of ``be`` (``the toll rose to 130``).
    ``qualified`` says the claim starts with its qualifier.
    """
    at = start - 1
    word = ctx.word(at)
    if word == "of":
        return _determined_noun(ctx, at - 1)
    if qualified or word == "by":
        head = _determined_noun(ctx, at - 1 if word == "by" else at, plural_ok=word == "by")
        if head is not None:
            return head
    if word in ("to", "by", "at", "about", "around", "from"):
        at -= 1
    if ctx.word(at) in ("up", "down"):
        at -= 1
        moved = _determined_noun(ctx, at)  # "get the unemployment rate down to 6 percent"
        if moved is not None:
            return moved
    while ctx.word(at).endswith("ly") and at > 0:
        at -= 1
    if ctx.word(at) not in CHANGE_VERBS:
        return None
    at -= 1
    while at > 0 and (ctx.word(at) in BEFORE_VERB or ctx.word(at).endswith("ly")):
        at -= 1
    return _subject(ctx, at)


def _determined_noun(ctx: _Context, head: int, plural_ok: bool = False) -> int | None:
    """The noun at ``head`` when a determiner or owner opens its phrase ("a sturdy lead")."""
    if _subject(ctx, head) is None or ctx.word(head).endswith(("ed", "ing")):
        return None
    if plural_ok and _is_plural(ctx.toks[head].text):
        return head
    for back in range(head - 1, max(-1, head - 5), -1):
        word = ctx.word(back)
        if (word in DETERMINERS and word != "that") or (word and _is_possessive(ctx, back)):
            return head  # "that" is more often a relative pronoun: "charities that solicit"
        if ctx.toks[back].kind == "num" or word in MONTHS:
            continue  # "the May 31 payment of $72,800"
        if not _collectable(ctx, back):
            return None
    return None


def _subject(ctx: _Context, at: int) -> int | None:
    """The token at ``at`` if it can name what is measured: a common noun, not a name."""
    if at < 0 or not _collectable(ctx, at) or ctx.word(at) in GENERIC_HEADS:
        return None
    tok = ctx.toks[at]
    if tok.text[0].isupper() and not ctx.opens_sentence(at):
        return None
    held = ctx.entities.holding(tok.start, tok.end)
    return None if held is not None and held[2] in NAME_TYPES else at


# --- Putting it together -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    start: int  # code-point offsets of the whole claim
    end: int
    core_end: int  # the end of qualifier + number + unit
    value: Decimal
    value_max: Decimal | None
    unit: str | None
    object: str | None
    qualifier: str


def _over_is_during(ctx: _Context, amount: _Amount, start: int) -> bool:
    """``spend £1bn over five years``: "over" a duration is "during", unless "for over"."""
    if amount.kind != "time" or ctx.word(start) not in ("over", "under"):
        return False
    return ctx.word(start - 1) not in ("for", "in", "of", "after", "than", "within", "since")


def _qualifier_of(amount: _Amount, before: str | None) -> str:
    if amount.value_max is not None:
        return "range"
    if before in QUALIFIER_KINDS:
        return before  # type: ignore[return-value]
    if amount.after:
        return amount.after
    return "approximate" if amount.approximate else "exact"


def _read_claim(
    ctx: _Context, index: int, floor: int, after_date: bool
) -> tuple[_Found | None, int, bool]:
    """Read the claim at token ``index``: (the claim or None, next token, read a date).

    Tokens before ``floor`` belong to the claim before and are not taken again.
    """
    amount = _read_amount(ctx, index)
    if amount is None:
        return None, index + 1, False
    if amount.reject:
        return None, amount.last + 1, False
    amount.first = max(amount.first, min(floor, index))
    before, qualifier_start = _qualifier_before(ctx, amount.first)
    if qualifier_start < floor:
        before, qualifier_start = None, amount.first
    opener = before if before in ("between", "from") else None
    if opener is None and _between_nearby(ctx, amount.first):
        opener = "between"
    changing = opener == "from" and _changes_before(ctx, qualifier_start)
    upper = _read_range(ctx, amount, opener)
    if upper is not None:
        if changing:
            if amount.unit is None and upper.unit is not None and upper.kind != "money":
                amount.unit, amount.kind = upper.unit, upper.kind
        elif not _merge_range(amount, upper):
            link = ctx.toks[amount.last + 1]
            if link.text in HYPHENS and amount.form == "digits":
                return None, upper.last + 1, False  # "52-48": a score or a vote
    elif amount.bare:
        _read_ratio(ctx, amount)
    why = _why_not(ctx, amount, before in QUALIFIER_KINDS, after_date)
    if why is not None:
        return None, amount.last + 1, why == "date"
    if _over_is_during(ctx, amount, qualifier_start):
        before = None
    if before is None or (before in ("between", "from") and amount.value_max is None):
        qualifier_start = amount.first
    elif before == "between" and amount.value_max is None:
        qualifier_start = amount.first
    start_tok = qualifier_start
    determined = ctx.word(start_tok - 1) in DETERMINERS or (
        start_tok > 0 and ctx.word(start_tok - 1) != "" and _is_possessive(ctx, start_tok - 1)
    )
    head, looked = (None, False)
    if amount.kind not in ("time", "times"):
        head, looked = _object_after(ctx, amount, determined)
    object_after = head is not None
    if head is None and not looked and amount.kind not in ("time", "times"):
        head = _object_before(ctx, start_tok, start_tok != amount.first)
    toks = ctx.toks
    core_end = toks[amount.last].end
    end = toks[head].end if object_after and head is not None else core_end
    found = _Found(
        start=toks[start_tok].start,
        end=max(end, core_end),
        core_end=core_end,
        value=amount.value,
        value_max=amount.value_max,
        unit=amount.unit,
        object=toks[head].text if head is not None else None,
        qualifier=_qualifier_of(amount, before),
    )
    return found, amount.last + 1, False


def _scan(ctx: _Context) -> list[_Found]:
    found: list[_Found] = []
    index = 0
    date_until = -1  # the last token of a date just read, for "July 8 and 9"
    floor = 0  # the first token after the last claim
    count = len(ctx.toks)
    while index < count:
        if not _starts_number(ctx, index):
            index += 1
            continue
        after_date = _continues_date(ctx, date_until, index)
        claim, nxt, was_date = _read_claim(ctx, index, floor, after_date)
        if was_date:
            date_until = nxt - 1
        if claim is not None:
            found.append(claim)
            floor = nxt
        index = max(nxt, index + 1)
    return found


@dataclass(frozen=True, slots=True)
class _Quotes:
    """Quotes sorted by start, with the furthest end so far, to find the one holding a span."""

    quotes: list[Quote]
    starts: list[int]
    reach: list[int]  # reach[i]: the largest end among quotes[: i + 1]

    @classmethod
    def of(cls, quotes: Sequence[Quote]) -> _Quotes:
        ordered = sorted(quotes, key=lambda q: (q.start, -q.end))
        reach, furthest = [], -1
        for quote in ordered:
            furthest = max(furthest, quote.end)
            reach.append(furthest)
        return cls(ordered, [q.start for q in ordered], reach)

    def innermost(self, start: int, end: int) -> Quote | None:
        """The shortest quote whose span holds [start, end), or None."""
        best = None
        index = bisect_right(self.starts, start) - 1
        # Walk back only while some quote this far back still reaches the span's end.
        while index >= 0 and self.reach[index] >= end:
            quote = self.quotes[index]
            if quote.end >= end and (
                best is None or quote.end - quote.start < best.end - best.start
            ):
                best = quote
            index -= 1
        return best


def extract_claims(
    doc: object, text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote]
) -> tuple[Claim, ...]:
    """The numeric claims in ``text``, in order, numbered C1, C2, ...

    ``doc`` is the stanza document of ``text`` (or of a same-length copy); its
    entities are used only to rule numbers out. ``sentences`` give each claim's
    sentence index and ``quotes`` its quote and claimant.
    """
    scanned = mask_long_runs(text)
    ctx = _Context(
        text=scanned,
        toks=_tokenize(scanned),
        sentence_starts=frozenset(s.start for s in sentences),
        entities=_Entities.of(doc),
        blocked=_blocked_spans(scanned),
    )
    starts = [s.start for s in sentences]
    held_by = _Quotes.of(quotes)
    found = _scan(ctx)
    claims = []
    for number, item in enumerate(found, start=1):
        end = item.end
        if number < len(found) and found[number].start < end:
            end = item.core_end  # never run into the next claim
        quote = held_by.innermost(item.start, item.core_end)
        if quote is not None and end > quote.end:
            end = item.core_end
        span = make_span(text, item.start, end)
        speaker = quote.speaker if quote is not None else None
        claims.append(
            Claim(
                id=f"C{number}",
                text=span.text,
                start=span.start,
                end=span.end,
                value=as_number(item.value),
                value_max=as_number(item.value_max) if item.value_max is not None else None,
                unit=item.unit,
                object=item.object,
                qualifier=item.qualifier,
                sentence=max(0, bisect_right(starts, item.start) - 1),
                claimant=speaker.entity if speaker is not None else None,
                quote=quote.id if quote is not None else None,
            )
        )
    return tuple(claims)
