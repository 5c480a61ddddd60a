"""Other names of the same thing: countries (from pycountry), well-known organisations, acronyms.

``alias_key`` maps a mention's words to a canonical key when they name a country
or a well-known organisation, so "US", "U.S.", "the United States" and
"America" group together. Countries come from pycountry (ISO 3166 names,
official names and common names) plus the short forms in ``COUNTRY_ALIASES``
that news uses and ISO does not list; letter codes count only when they are in
that table, since two-letter codes collide with words ("IS", "IN", "NO").
``ORGANISATION_ALIASES`` is a small table of organisations news names in
several ways. ``initials`` supports the acronym rule in ``entities``, and
``FIRST_NAMES`` lets a person's short first name match the formal one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

#: News short forms pycountry does not list, by ISO 3166 alpha-3 code.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain"),
    "RUS": ("Russia",),
    "TUR": ("Turkey", "Türkiye", "Turkiye"),
    "ARE": ("UAE", "U.A.E.", "Emirates"),
    "COD": ("DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"),
    "PSE": ("Palestine", "Palestinian Territories"),
    "CZE": ("Czech Republic",),
    "NLD": ("Holland", "The Netherlands"),
    "VAT": ("Vatican", "Vatican City"),
    "CIV": ("Ivory Coast",),
    "MMR": ("Burma",),
    "SWZ": ("Swaziland",),
    "MKD": ("Macedonia",),
    "CPV": ("Cape Verde",),
}

#: Organisations news calls by several names: canonical name -> its other names.
ORGANISATION_ALIASES: dict[str, tuple[str, ...]] = {
    "Islamic State": (
        "IS",
        "ISIS",
        "ISIL",
        "Daesh",
        "Da'esh",
        "Islamic State of Iraq and the Levant",
        "Islamic State of Iraq and Syria",
        "Islamic State of Iraq and al-Sham",
    ),
    "United Nations": ("UN", "U.N."),
    "European Union": ("EU", "E.U."),
    "North Atlantic Treaty Organization": ("NATO", "Nato", "North Atlantic Treaty Organisation"),
    "United Nations Security Council": ("UN Security Council", "U.N. Security Council", "UNSC"),
    "Federal Bureau of Investigation": ("FBI", "F.B.I."),
    "Central Intelligence Agency": ("CIA", "C.I.A."),
    "World Health Organization": ("WHO", "World Health Organisation"),
    "International Monetary Fund": ("IMF",),
    "Organization of the Petroleum Exporting Countries": ("OPEC",),
}

#: Common English short forms of first names, by the formal name they stand for
#: ("Joe Biden" is "Joseph R. Biden"). Forms shared by several names ("Chris",
#: "Alex", "Sam", "Pat", "Ted", "Steve") are left out: they would join two people.
FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "andrew": ("andy",),
    "anthony": ("tony",),
    "benjamin": ("ben",),
    "charles": ("charlie", "chuck"),
    "daniel": ("dan", "danny"),
    "david": ("dave",),
    "donald": ("don",),
    "douglas": ("doug",),
    "edward": ("ed", "eddie"),
    "elizabeth": ("liz", "betsy"),
    "gerald": ("jerry",),
    "gregory": ("greg",),
    "james": ("jim", "jimmy"),
    "jeffrey": ("jeff",),
    "john": ("jack", "johnny"),
    "jonathan": ("jon",),
    "joseph": ("joe", "joey"),
    "kenneth": ("ken", "kenny"),
    "lawrence": ("larry",),
    "margaret": ("maggie", "peggy"),
    "matthew": ("matt",),
    "michael": ("mike", "mikey"),
    "mitchell": ("mitch",),
    "nicholas": ("nick",),
    "patricia": ("patty", "trish"),
    "peter": ("pete",),
    "richard": ("dick", "rick", "rich"),
    "robert": ("bob", "bobby", "rob"),
    "ronald": ("ron", "ronnie"),
    "samuel": ("sammy",),
    "susan": ("sue", "susie"),
    "thomas": ("tom", "tommy"),
    "timothy": ("tim",),
    "william": ("bill", "billy", "will", "willie"),
}

_FORMAL = {short: formal for formal, shorts in FIRST_NAMES.items() for short in shorts}


def formal_first_name(name: str) -> str:
    """The formal first name a case-folded short form stands for ("joe" -> "joseph")."""
    return _FORMAL.get(name, name)


# Words left out of initials: "Islamic State of Iraq and the Levant" is ISIL.
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "&"})


def normalise(words: Sequence[str]) -> str:
    """Case-folded words without dots or a leading "the": "the U.S." -> "us"."""
    if len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    return " ".join(w.replace(".", "").casefold() for w in words if w.replace(".", ""))


@cache
def _table() -> dict[str, tuple[str, str]]:
    import pycountry

    table: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                table[normalise(name.split())] = ("country", country.alpha_3)
    for code, names in COUNTRY_ALIASES.items():
        for name in names:
            table[normalise(name.split())] = ("country", code)
    for canonical, names in ORGANISATION_ALIASES.items():
        for name in (canonical, *names):
            table[normalise(name.split())] = ("organisation", canonical)
    return table


def alias_key(words: Sequence[str]) -> tuple[str, str] | None:
    """The canonical key of a country or well-known organisation, or None."""
    return _table().get(normalise(words))


def initials(words: Sequence[str]) -> str:
    """Upper-case initials of a multi-word name, minor words left out ("" for one word)."""
    major = [w for w in words if w.casefold() not in _MINOR_WORDS and w[:1].isalpha()]
    return "".join(w[0].upper() for w in major) if len(major) > 1 else ""


def as_acronym(words: Sequence[str]) -> str:
    """The letters of a one-word all-capitals mention ("U.N." -> "UN"), else ""."""
    if len(words) != 1:
        return ""
    letters = words[0].replace(".", "")
    return letters if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper() else ""
