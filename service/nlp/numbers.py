"""Numbers written in digits or words, and what each is worth.

Pure functions over strings and lower-case word lists, with no stanza in sight:
``service.nlp.claims`` finds the numbers in a text and asks this module what
they are worth. Values are ``Decimal`` so that ``1.2bn`` is exactly
1,200,000,000; ``as_number`` turns one into the int or float the API returns.

Conventions:

- Numerals: ``65``, ``1,200`` (commas only in groups of three), ``2.5``;
  anything else made of digits, commas and points (``1,2,3``, ``1.000.000``,
  ``192.168.0.1``) is not a number.
- Number words: ``forty``, ``forty-five``, ``two hundred and fifty thousand``,
  ``one and a half million``, ``a hundred``, ``a dozen`` (12), ``two dozen``.
- Fractions: ``two-thirds``, ``two thirds``, ``a third of``, ``half of`` are
  worth the fraction itself (2/3 is 0.6667, four decimal places), and ``four
  in 10`` or ``three out of four`` likewise (0.4, 0.75).
- Vague quantities are worth twice their base, the least the plural can mean:
  ``dozens`` 24, ``scores of`` 40, ``hundreds`` 200, ``thousands`` 2,000,
  ``tens of thousands`` 20,000, ``hundreds of thousands`` 200,000,
  ``millions`` 2,000,000. ``a few`` and ``several`` before a scale
  word are worth three of it (``a few hundred`` 300, ``several thousand``
  3,000), ``a couple of`` two (``a couple of hundred`` 200).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from decimal import InvalidOperation

SMALL = {
    word: value
    for value, word in enumerate(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen""".split()
    )
}
TENS = {
    word: 10 * value
    for value, word in enumerate(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2
    )
}
#: Scale words, after a number or a numeral: ``2.5 million``, ``three hundred``.
SCALES = {
    "hundred": 100,
    "thousand": 1000,
    "lakh": 100_000,
    "million": 10**6,
    "crore": 10**7,
    "billion": 10**9,
    "trillion": 10**12,
}
#: Abbreviated scales after a numeral: ``$1.2bn``, ``€30m``, ``30k``, ``$2 bn``.
SUFFIX_SCALES = {
    "k": 1000,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "bn": 10**9,
    "b": 10**9,
    "bln": 10**9,
    "tn": 10**12,
    "trn": 10**12,
}
#: Plural scale words that make a vague quantity: ``dozens``, ``hundreds``.
VAGUE = {
    "dozens": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 10**6,
    "billions": 10**9,
    "trillions": 10**12,
}
#: Words that, before a scale word, make a vague quantity of that many.
FEW = {"few": 3, "several": 3, "couple": 2}
DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
#: Words a number may be spelled with; the scanner starts reading at any of them.
NUMBER_WORDS = frozenset(
    {*SMALL, *TENS, *SCALES, *VAGUE, "dozen", "half", "few", "several", "couple"}
)
VULGAR_FRACTIONS = {"½": "0.5", "¼": "0.25", "¾": "0.75", "⅓": "0.3333", "⅔": "0.6667"}

_NUMERAL = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
# Beyond this many digits a run without commas is an identifier, not a quantity.
MAX_PLAIN_DIGITS = 7
FRACTION_PLACES = Decimal("0.0001")


def parse_numeral(digits: str) -> Decimal | None:
    """The value of a numeral such as ``1,200`` or ``2.5``; None if it is not one.

    None also for leading zeros (``007``, ``05``: codes, not counts) and for
    runs of more than ``MAX_PLAIN_DIGITS`` digits without commas (identifiers).
    """
    if not _NUMERAL.fullmatch(digits):
        return None
    whole = digits.split(".")[0]
    if len(whole) > 1 and whole[0] == "0":
        return None
    if "," not in whole and len(whole) > MAX_PLAIN_DIGITS:
        return None
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numerals
        return None


def as_number(value: Decimal) -> int | float:
    """``value`` as the API gives it: an int when integral (65, not 65.0), else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def fraction(numerator: int | Decimal, denominator: int | Decimal) -> Decimal:
    """A fraction as a decimal rounded to four places: 2/3 is 0.6667."""
    return (Decimal(numerator) / Decimal(denominator)).quantize(FRACTION_PLACES)


def read_number_words(words: Sequence[str]) -> tuple[Decimal, int] | None:
    """The value of the number spelled by the first words of ``words``, and how many it took.

    ``words`` are lower case, hyphenated compounds already split
    (``["forty", "five", "thousand"]``). Reads ``forty-five``, ``two hundred
    and five``, ``one and a half million``, ``a hundred``, ``a dozen``, ``two
    dozen``, ``half a million``, ``half-dozen``; stops before a word that cannot continue the
    number, so ``["two", "three"]`` is 2, taking one word.
    """
    if not words:
        return None
    if list(words[:2]) == ["half", "dozen"]:
        return Decimal(6), 2
    if words[0] == "half" and len(words) > 2 and words[1] in ("a", "an"):
        scale = SCALES.get(words[2]) or (12 if words[2] == "dozen" else 0)
        return (Decimal(scale) / 2, 3) if scale else None
    total, current = Decimal(0), Decimal(0)
    last = ""  # the kind of the previous word: "a", "unit", "teen", "tens", "scale", "and"
    biggest = 10**15  # scales must shrink: "two million three thousand"
    used = 0
    pos = 0
    if words[0] in ("a", "an"):
        if len(words) < 2 or not (words[1] in SCALES or words[1] == "dozen"):
            return None
        current, last, pos = Decimal(1), "a", 1
    while pos < len(words):
        word = words[pos]
        if word in SMALL and last in ("", "tens", "scale", "and"):
            value = SMALL[word]
            if last == "tens" and not 0 < value < 10:
                break
            current += value
            last = "tens_unit" if last == "tens" else ("teen" if value >= 10 else "unit")
        elif word in TENS and last in ("", "scale", "and"):
            current += TENS[word]
            last = "tens"
        elif word == "hundred" and last in ("a", "unit", "teen", "tens", "tens_unit", "half"):
            if current >= 100:
                break
            current *= 100
            last = "scale"
        elif word in SCALES and word != "hundred" and last not in ("", "and"):
            scale = SCALES[word]
            if scale >= biggest or (current == 0 and last != "a"):
                break
            total += current * scale
            current, biggest, last = Decimal(0), scale, "scale"
        elif word == "dozen" and last in ("a", "unit", "teen", "tens", "tens_unit", "half"):
            current *= 12
            used = pos + 1
            last = "dozen"
            break
        elif word == "and" and last in ("unit", "teen", "tens", "tens_unit", "scale"):
            rest = words[pos + 1 : pos + 3]
            if list(rest) == ["a", "half"] and last != "scale":
                current += Decimal("0.5")
                pos += 3
                used = pos
                last = "half"
                continue
            if last == "scale" and pos + 1 < len(words) and words[pos + 1] in (*SMALL, *TENS):
                last = "and"
                pos += 1
                continue
            break
        else:
            break
        pos += 1
        used = pos
    if used == 0 or last in ("a", "and"):
        return None
    return total + current, used


def read_vague(words: Sequence[str]) -> tuple[Decimal, int] | None:
    """A vague quantity at the start of ``words`` and how many words it took.

    ``dozens`` (24), ``hundreds of thousands`` (200,000), ``tens of millions``,
    ``scores of`` (40, only before ``of``), ``a few hundred`` (300),
    ``several thousand`` (3,000), ``a couple of hundred`` (200). The ``of``
    that ends ``dozens of protesters`` is left for the caller.
    """
    if not words:
        return None
    pos = 1 if words[0] in ("a", "an") else 0
    if pos < len(words) and words[pos] in FEW:
        many = FEW[words[pos]]
        if (words[pos] in ("few", "couple")) != (pos == 1):
            return None  # "a few", "a couple"; but "several" alone
        pos += 1
        if words[pos - 1] == "couple" and pos < len(words) and words[pos] == "of":
            pos += 1
        value = Decimal(many)
        took = 0
        while pos < len(words) and (words[pos] in SCALES or words[pos] == "dozen"):
            value *= SCALES.get(words[pos], 12)
            pos += 1
            took += 1
        return (value, pos) if took else None
    if pos or words[0] not in VAGUE:
        return None
    value, pos = Decimal(VAGUE[words[0]]), 1
    while pos + 1 < len(words) and words[pos] == "of" and words[pos + 1] in VAGUE:
        value *= VAGUE[words[pos + 1]]
        pos += 2
    needs_of = words[0] in ("tens", "scores")
    if words[0] == "tens" and pos == 1:
        return None  # "tens" alone is not a number; "tens of thousands" is
    if needs_of and words[0] == "scores" and (pos >= len(words) or words[pos] != "of"):
        return None
    return value * 2, pos


def read_fraction(words: Sequence[str], joined: bool = False) -> tuple[Decimal, int] | None:
    """A fraction at the start of ``words`` and how many words it took.

    ``two-thirds``/``two thirds`` (0.6667), ``three quarters``, ``one-fifth``;
    a singular one such as ``a third`` or ``one quarter`` only before ``of``
    (``a third term`` is an ordinal, ``a quarter century`` no fraction), and
    ``half`` only before ``of``, ``the`` or a possessive (``half of voters``,
    ``half the country``). ``joined`` says the first two words were written
    as one (``one-third``), which makes a singular fraction one without ``of``.
    """
    if len(words) < 1:
        return None
    follows = words[1:2]
    if words[0] == "half":
        if follows and follows[0] in ("of", "the", "its", "their", "his", "her", "our", "all"):
            return fraction(1, 2), 1
        return None
    if len(words) < 2 or words[1] not in DENOMINATORS:
        return None
    numerator = 1 if words[0] in ("a", "an") else SMALL.get(words[0])
    if not numerator or numerator > 10:
        return None
    plural = words[1].endswith("s")
    after = words[2:3]
    if numerator == 1 and plural:
        return None
    if numerator > 1 and not plural:
        return None
    if numerator == 1 and after != ["of"] and not joined:
        return None
    if words[1] in ("half", "halves"):
        return None  # "a half" / "one half": rare, and "one half of" reads as half
    return fraction(numerator, DENOMINATORS[words[1]]), 2
