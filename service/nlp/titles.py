"""Titles and descriptions: what a text calls a person or organisation besides its name.

A *title* is what the text puts around a name: the words just before it
(``German Chancellor Angela Merkel``, ``Clinton campaign chairman John
Podesta``) and an appositive just after it (``Angela Merkel, the German
chancellor,``). A *description* is a definite noun phrase headed by a role
(``the German Chancellor``, ``the Russian ambassador to France``) or by an
organisation's head noun (``the fund`` after ``the International Monetary
Fund``). ``fits`` says whether a description matches a title; entity grouping
(``service.nlp.entities``) joins a description to the one entity whose earlier
title fits it, and leaves it out when none or several do.

Words are compared case-folded, with a country's short forms as one key
(``US``, ``U.S.`` and ``United States`` all name the United States), and
hyphenated words split (``then-Secretary``).

The lexicons here are meant to be shared with speaker resolution in
``service.nlp.quotes``, whose ``ROLE_NOUNS`` hold every word of ``PERSON_ROLES``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.nlp.aliases import alias_key
from service.nlp.spans import APOSTROPHES

#: Words that may precede a person's name in a mention and are not part of it.
TITLES = frozenset(
    """mr mrs ms miss mx dr prof sir dame lord lady president vice prime minister chancellor
    secretary senator sen rep representative gov governor mayor king queen prince princess
    pope general gen col colonel capt captain lt sgt adm admiral judge justice rev
    ambassador premier sheikh""".split()
)

#: Nouns for a person's office or role: the heads of person descriptions.
PERSON_ROLES = (
    TITLES
    - {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "rev"}
    - {"sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "adm", "prof", "vice", "prime"}
) | frozenset(
    """spokesman spokeswoman spokesperson director chairman chairwoman leader professor
    analyst official chief editor correspondent adviser advisor counsel manager ceo founder
    author candidate nominee aide staffer economist expert researcher strategist lawyer
    attorney commander officer""".split()
)

#: Words that make a different office of a role (``vice president``, ``former
#: secretary``): a title with one of them fits only a description that has it too.
RANK_WORDS = frozenset(
    """vice deputy assistant associate former ex late then lieutenant under co elect
    emeritus""".split()
)

#: Lower-case words that may qualify a role in a title (``foreign minister``).
ROLE_MODIFIERS = frozenset(
    """prime foreign defense defence finance interior home justice state presidential
    democratic republican national federal supreme senior top chief general first
    interim acting campaign press communications executive managing""".split()
)

#: Head nouns of organisation names that a description may end with, when the words
#: before it are in the name too (``the Trump foundation``, ``the European Union``).
ORGANISATION_HEADS = frozenset(
    """fund bank agency department ministry commission committee council foundation
    institute university college administration bureau organization organisation
    corporation company network union court""".split()
)

#: The heads that may stand alone (``the fund``): rarely used for an organisation the
#: text named otherwise, as ``the network`` is for ``RT`` or ``the administration``
#: for the government.
BARE_HEADS = frozenset(
    """fund agency department ministry commission foundation institute university bureau""".split()
)

# Nouns that make a named complement a modifier: "the director of the VOA Eurasian division".
_UNIT_NOUNS = ORGANISATION_HEADS | frozenset(
    """division office branch unit center centre program programme section service team staff
    board desk""".split()
)
_LEXICON = PERSON_ROLES | RANK_WORDS | ROLE_MODIFIERS | TITLES | ORGANISATION_HEADS
_DETERMINERS = frozenset({"the", "a", "an"})
# Prepositions a description or title may run through (``the ambassador to France``).
_PREPOSITIONS = frozenset({"of", "to", "for"})
_MAX_TITLE_WORDS = 5
_MAX_APPOSITIVE_WORDS = 8


def normal(word: str) -> str:
    """A word as titles compare it: case-folded, a capitalised country's forms as one key.

    ``U.S.`` and ``US`` are ``USA``; lower-case words are never countries (``us``).
    """
    word = strip_possessive(word.strip('.,;:()[]"“”‘’'))
    if word[:1].isupper():
        key = alias_key([word])
        if key is not None and key[0] == "country":
            return key[1]
    return word.casefold()


def strip_possessive(word: str) -> str:
    """``Germany's`` -> ``Germany``; other words unchanged."""
    if len(word) > 2 and word[-2] in APOSTROPHES and word[-1] in "sS":
        return word[:-2]
    return word


def _parts(word: str) -> list[str]:
    """A word's pieces as normalised words: ``then-Secretary`` -> ``then``, ``secretary``."""
    return [normal(p) for p in word.split("-") if p.strip(".")] if "-" in word else [normal(word)]


def _is_title_word(word: str) -> bool:
    """A word a title run may hold: capitalised, a role, a rank or a role's modifier."""
    if word[:1].isupper() and word.casefold() not in _DETERMINERS:
        return True
    return all(p in _LEXICON for p in (w.casefold() for w in word.split("-")) if p)


def _is_abbreviation(word: str) -> bool:
    """``U.S.``, ``Sen.``: a word whose final dot is not a sentence's end."""
    return bool(re.fullmatch(r"(?:[A-Z]\.)+", word)) or word.rstrip(".").casefold() in TITLES


def title_words(text: str, start: int, end: int) -> frozenset[str]:
    """The title of the name at ``text[start:end]``: normalised words before and after it.

    Before: the run of title words right before the name on its line (up to five,
    stopping at punctuation, a determiner or any other word). After: an appositive
    between commas that opens with a determiner or a role and holds a role
    (``, the interim chairwoman of the Democratic National Committee,``), unless
    a possessive makes the role someone else's (``, the nominee's daughter,``).
    """
    line = text[max(0, start - 80) : start].split("\n")[-1]
    before: list[str] = []
    for word in reversed(line.split()):
        if len(before) == _MAX_TITLE_WORDS:
            break
        if not (_is_title_word(word) or word.casefold() in _PREPOSITIONS):
            break
        if word[-1:] in ",;:!?" or (word[-1:] == "." and not _is_abbreviation(word)):
            break
        before.append(word)
    while before and before[-1].casefold() in _PREPOSITIONS:
        before.pop()  # "of" is inside a title ("Secretary of State"), never at its start
    found = [p for word in before for p in _parts(word)]

    after = text[end : end + 160]
    if after.startswith(","):
        words = re.split(r"[\s]+", re.split(r"[,;.()\n]", after[1:], maxsplit=1)[0].strip())
        words = [w for w in words if w][:_MAX_APPOSITIVE_WORDS]
        lowered = [w.casefold() for w in words]
        owned = any(strip_possessive(w) != w for w in words)  # "the nominee's daughter"
        if lowered and not owned and (lowered[0] in _DETERMINERS or _is_title_word(words[0])):
            appositive = [p for w in words if w.casefold() not in _DETERMINERS for p in _parts(w)]
            if any(w in PERSON_ROLES for w in appositive):
                found += appositive
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Description:
    """A definite description: its span, head noun and the words qualifying it.

    ``modifiers`` come before the head (``Russian`` in ``the Russian ambassador
    to France``), ``complement`` after it (``France``); both normalised.
    """

    start: int
    end: int
    head: str
    modifiers: frozenset[str]
    complement: frozenset[str]

    @property
    def is_person(self) -> bool:
        """Whether the head is a person's role (else an organisation's head noun)."""
        return self.head in PERSON_ROLES


def fits(description: Description, title: frozenset[str]) -> bool:
    """Whether a person's ``title`` supports ``description`` naming them.

    The title must hold the description's role and every word before it
    (``the German Chancellor`` needs ``German`` and ``Chancellor``); a rank in
    the title (``vice``, ``former``) must be in the description too, so ``the
    president`` is not the vice president. The words after the role (``to
    France``) need not be in the title, unless the title has qualifiers of its
    own the description lacks (``Chinese President Xi`` is not ``the president
    of the United States``).
    """
    if description.head not in title or not description.modifiers <= title:
        return False
    if (title & RANK_WORDS) - description.modifiers:
        return False
    if description.complement <= title:
        return True
    own = title - description.modifiers - {description.head} - _PREPOSITIONS - _DETERMINERS
    return not own


@dataclass(frozen=True, slots=True)
class Word:
    """A token of the text: its characters and offsets."""

    text: str
    start: int
    end: int


# Initials ("U.S."), a word with its inner dots, apostrophes and hyphens ("nominee’s"), or a mark.
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|\w(?:[\w.'’-]*\w)?|[^\w\s]")


def words_of(text: str, start: int, end: int) -> list[Word]:
    """The words and punctuation marks of ``text[start:end]``, with their offsets."""
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def find_descriptions(
    words: Sequence[Word], taken: Sequence[tuple[int, int]] = ()
) -> list[Description]:
    """The definite descriptions in one sentence's ``words``.

    A description is ``the``, then up to four title words (``US``, ``former``,
    ``Russian``) and a person's role or an organisation's head noun, perhaps
    followed by ``of``, ``to`` or ``for`` and a name from ``taken`` (``to
    France``). It is not one when the phrase goes on: a capitalised word after
    it (``the German Chancellor Angela Merkel`` is a title, not a reference),
    a title word (``the chief executive``), ``of`` with no name (``the nominee
    of the two parties``), or a name that is possessive or qualifies a unit
    (``the lawyer for West Virginia's agency``, ``the director of the VOA
    Eurasian division``); nor when it overlaps a span of ``taken`` (the NER
    mentions) other than by holding it whole.
    """
    found = []
    for i, word in enumerate(words):
        if word.text.casefold() == "the":
            description = _description_at(words, i, taken)
            if description is not None:
                found.append(description)
    return found


# Where a description may start; the words after it are read only from there.
_THE = re.compile(r"\b[Tt][Hh][Ee]\s+([\w.'’-]+)")
# How far a description, with its name and the word after it, may reach.
_DESCRIPTION_CHARS = 160


def descriptions_in(
    text: str, start: int, end: int, taken: Sequence[tuple[int, int]] = ()
) -> list[Description]:
    """``find_descriptions`` over ``text[start:end]`` (one sentence), reading words only
    after each ``the``: a few times faster than splitting the whole sentence."""
    found = []
    for match in _THE.finditer(text, start, end):
        if not _is_title_word(strip_possessive(match.group(1).rstrip(".'’-"))):
            continue  # most "the"s: "the incident", "the world"
        words = words_of(text, match.start(), min(end, match.start() + _DESCRIPTION_CHARS))
        description = _description_at(words, 0, taken)
        if description is not None:
            found.append(description)
    return found


def _description_at(
    words: Sequence[Word], i: int, taken: Sequence[tuple[int, int]]
) -> Description | None:
    """The description opened by the ``the`` at ``words[i]``, if there is one."""
    word = words[i]
    j = i + 1
    while j < len(words) and j - i <= 5 and _is_title_word(strip_possessive(words[j].text)):
        j += 1
        if strip_possessive(words[j - 1].text) != words[j - 1].text:
            break  # "the Republican nominee's": the possessive ends the phrase
    head_word = words[j - 1]
    head = strip_possessive(head_word.text).casefold()
    if j == i + 1 or head not in PERSON_ROLES | ORGANISATION_HEADS:
        return None
    modifiers = frozenset(p for w in words[i + 1 : j - 1] for p in _parts(w.text))
    if head not in PERSON_ROLES and not modifiers and head not in BARE_HEADS:
        return None  # "the network" is often one not named so: "RT ... the network"
    end = head_word.start + len(strip_possessive(head_word.text))
    complement: list[str] = []
    if head_word.text == strip_possessive(head_word.text) and j < len(words):
        if words[j].text.casefold() in _PREPOSITIONS:
            named = _named_complement(words, j + 1, taken)
            if named is not None:
                j, complement, end = named
            elif words[j].text.casefold() == "of":
                return None  # "the nominee of the two parties": a phrase we cannot judge
            # Otherwise it ends at its head: "the president to say".
    if j < len(words) and (
        words[j].text[:1].isupper()
        or _is_title_word(words[j].text)
        or words[j].text.casefold() in _UNIT_NOUNS
    ):
        return None
    start = word.start
    if any(s < end and start < e and not (start <= s and e <= end) for s, e in taken):
        return None
    if any(s <= head_word.start < e for s, e in taken):
        return None  # the head is part of a name: "the Democratic National Committee"
    return Description(start, end, head, modifiers, frozenset(complement))


def _named_complement(
    words: Sequence[Word], at: int, taken: Sequence[tuple[int, int]]
) -> tuple[int, list[str], int] | None:
    """The name after a description's preposition: (index after it, its words, its end).

    The name must be exactly one of ``taken`` (perhaps after ``the``) and not possessive.
    """
    if at < len(words) and words[at].text.casefold() == "the":
        at += 1
    if at >= len(words):
        return None
    ends = {s: e for s, e in taken}
    end = ends.get(words[at].start) or ends.get(words[at - 1].start)
    if end is None:
        return None
    last = at
    while last + 1 < len(words) and words[last + 1].end <= end:
        last += 1
    if words[last].end != end or strip_possessive(words[last].text) != words[last].text:
        return None
    names = [w.text for w in words[at : last + 1]]
    country = alias_key(names)
    if country is not None and country[0] == "country":
        return last + 1, [country[1]], end
    return last + 1, [normal(w) for w in names], end
