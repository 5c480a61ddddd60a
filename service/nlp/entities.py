"""Entities: stanza's NER mentions grouped into one entity per real-world thing.

Grouping rules, applied in order:

1. Names (PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART, LAW,
   LANGUAGE) with the same key are one entity, whatever type each mention got,
   so a country tagged once as ORG stays with its other mentions. The key is
   the mention's words, case-folded, without a possessive (``Syria's``), a
   leading ``the`` and, for people, a leading title (``Mr``, ``President``).
2. A person's shorter name that is the start or the end of a longer one
   (``Obama`` and ``Barack Obama``, ``Tayyip Erdogan`` and ``Recep Tayyip
   Erdogan``) joins the longer name. When several people share it (``Clinton``
   with ``Bill Clinton`` and ``Hillary Clinton``), each mention joins the person
   named closest before it, or, with none before, the first named after it;
   but a titled form (``Mr. Obama``) is one person all through the text, so
   the first such mention decides for all of them. A first and last name
   without the middle names or initials, or a generational suffix, is a
   shorter name too (``Joseph Biden``, ``Joseph R. Biden Jr.``), and a common
   short first name counts as the formal one (``Joe Biden``; the table is
   ``aliases.FIRST_NAMES``), so different middle initials stay apart.
   Plural group names join their singular (``Democrats``, ``Democrat``).
3. Other names of a country or of a well-known organisation are one entity
   (``US``, ``U.S.``, ``the United States``, ``America``; ``ISIS``, ``ISIL``,
   ``Daesh``, ``Islamic State``): see ``service.nlp.aliases``.
4. An organisation's name of two or more words that is the end of exactly one
   longer name in the text joins it (``Black Caucus Foundation`` and
   ``Congressional Black Caucus Foundation``).
5. A one-word name in capitals joins the one multi-word name in the text whose
   initials it spells (``EPA`` and ``Environmental Protection Agency``).
6. Dates and times with the same text are one entity. Counts, amounts,
   percentages, measures and ordinals are never merged: two "10"s in an
   article are rarely the same thing.
7. A definite description joins the one person or organisation named before
   it that the text has given its title (``German Chancellor Angela Merkel``
   ... ``the German Chancellor``; ``President Barack Obama`` ... ``the
   president``; ``Russian ambassador X`` ... ``the Russian ambassador to
   France``) or whose name ends in its head noun (``the International Monetary
   Fund`` ... ``the fund``). When no entity or two of them fit (``President
   Obama`` and ``President Xi``, then ``the president``), it joins none. The
   title's rank words must agree (``the president`` is not ``Vice President
   Biden`` or ``former President Clinton``). See ``service.nlp.titles``.

Every NER mention belongs to exactly one entity. An entity's ``name`` is its
most complete form (the most words, then the most frequent, then the first),
its ``type`` the most common type of its mentions, and its ``aliases`` the
distinct forms of its mentions, in order of appearance. Descriptions are
mentions (their span is the description itself: ``the German Chancellor``)
but are no names, so they count for salience and not for ``name``, ``type``
or ``aliases``.

Salience says how central an entity is to the text. Each entity scores

    type weight x (log2(1 + mentions) + 1.5 x (1 - first offset / text length)
                   + 1 if named in the first sentence (the headline, in news)
                   + 0.5 x log2(1 + mentions that open a sentence)
                   + 0.5 x log2(1 + quotes it is the speaker of))

where mentions include descriptions, the fourth term stands in for being a
sentence's subject and the last is being a source (a quote's speaker entity,
pronouns included: see ``service.nlp.quotes``); the type weight is 1 for
names, 0.3 for dates and times and 0.2 for numbers. Scores are divided by
their sum, so saliences are in [0, 1] and add up to 1 (rounded to four
places). Entities are sorted by salience, highest first, ties by first
mention, and numbered E1, E2, ... in that order. ``extract_entities`` leaves
the speaker term out, since quotes are found from entities;
``rank_by_speakers`` adds it and numbers them again. The annotator always
does both, whatever the caller asked for, so an entity's salience and id do
not depend on ``include``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass

from service.nlp.aliases import alias_key
from service.nlp.aliases import as_acronym
from service.nlp.aliases import formal_first_name
from service.nlp.aliases import initials
from service.nlp.results import Entity
from service.nlp.results import Mention
from service.nlp.spans import possessive_end
from service.nlp.titles import TITLES
from service.nlp.titles import Description
from service.nlp.titles import descriptions_in
from service.nlp.titles import fits
from service.nlp.titles import title_words

NAME_TYPES = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())
SAME_TEXT_TYPES = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class TaggedMention:
    """A mention as the NER model found it: span, sentence and predicted type."""

    text: str
    start: int
    end: int
    sentence: int
    type: str
    #: The title just before (or opening) the name, case-folded: "mr", "president".
    title: str | None = None
    #: A description ("the German Chancellor") rather than a name: see rule 7.
    description: bool = False


# A title word right before a mention ("Mr. Obama", "President Obama").
_TITLE_BEFORE = re.compile(r"(?:^|[\s(\[\"'“])([A-Za-z]+)\.?\s+$")


def _title_of(text: str, start: int, words: Sequence[str]) -> str | None:
    if len(words) > 1 and words[0].rstrip(".").casefold() in TITLES:
        return words[0].rstrip(".").casefold()
    found = _TITLE_BEFORE.search(text[max(0, start - 24) : start])
    if found and found.group(1).casefold() in TITLES:
        return found.group(1).casefold()
    return None


def mentions_from_doc(
    doc: object, text: str, sentence_starts: Sequence[int]
) -> list[TaggedMention]:
    """The NER mentions of a stanza document, with possessives trimmed off name spans."""
    from bisect import bisect_right

    found = []
    for ent in doc.ents:  # type: ignore[attr-defined]
        start, end = ent.start_char, ent.end_char
        if ent.type in NAME_TYPES:
            end = possessive_end(text, start, end)
        sentence = max(0, bisect_right(sentence_starts, start) - 1)
        surface = text[start:end]
        title = _title_of(text, start, surface.split()) if ent.type == "PERSON" else None
        found.append(TaggedMention(surface, start, end, sentence, ent.type, title))
    return found


def _words(mention: TaggedMention) -> list[str]:
    words = mention.text.split()
    if mention.type != "PERSON" and len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    if mention.type == "PERSON":
        while len(words) > 1 and words[0].rstrip(".").casefold() in TITLES:
            words = words[1:]
    return words


def _key(mention: TaggedMention) -> tuple[str, ...]:
    key = tuple(word.casefold() for word in _words(mention))
    if mention.type == "PERSON" and len(key) > 1:
        # "Joe Biden" is "Joseph Biden": a first name's common short form counts as the name.
        return (formal_first_name(key[0]), *key[1:])
    return key


# Generational suffixes, left out when comparing a name with the parts of another.
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _is_part_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether the person name ``short`` is a shorter form of ``long`` (rule 2)."""
    core = long[:-1] if len(long) > 2 and long[-1] in _SUFFIXES else long
    if short == core:
        return short != long
    if not 0 < len(short) < len(core):
        return False
    if core[: len(short)] == short or core[-len(short) :] == short:
        return True
    # First and last name without the middle ones: "Joseph Biden", "Joseph R. Biden".
    return len(short) == 2 and (short[0], short[-1]) == (core[0], core[-1])


def _owners(person_keys: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], set[tuple[str, ...]]]:
    """Rule 2: for each person key, the full names it may stand for (itself if none)."""
    owners: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    keys = sorted(set(person_keys), key=len, reverse=True)
    # Longest names first, so "Tayyip Erdogan" is settled as "Recep Tayyip Erdogan"
    # before "Erdogan" looks for the people it could be.
    for short in keys:
        found: set[tuple[str, ...]] = set()
        for long in keys:
            if _is_part_of(short, long):
                found |= owners[long]
        owners[short] = found or {short}
    return owners


def group_mentions(mentions: Sequence[TaggedMention]) -> list[list[TaggedMention]]:
    """Group mentions that refer to the same thing (rules in the module docstring).

    Returns the groups ordered by first mention, each group in text order.
    """
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    keys = [_key(m) if m.type in NAME_TYPES else None for m in ordered]
    owners = _owners(k for m, k in zip(ordered, keys, strict=True) if m.type == "PERSON")

    norp_keys = {k for m, k in zip(ordered, keys, strict=True) if m.type == "NORP"}
    labels: list[tuple[object, ...] | None] = []
    for index, (mention, key) in enumerate(zip(ordered, keys, strict=True)):
        if key is not None and mention.type == "NORP":
            key = keys[index] = _singular(key, norp_keys)
        if key is None:
            if mention.type in SAME_TEXT_TYPES:
                labels.append((mention.type, *mention.text.casefold().split()))
            else:
                labels.append(("mention", index))
        elif key in owners and len(owners[key]) > 1:
            labels.append(None)  # ambiguous: settled below, once every full name is placed
        elif key in owners:
            labels.append(("name", *next(iter(owners[key]))))
        else:
            labels.append(alias_key(key) or ("name", *key))

    starts: dict[tuple[object, ...], list[int]] = {}
    for mention, label in zip(ordered, labels, strict=True):
        if label is not None:
            starts.setdefault(label, []).append(mention.start)
    # A titled surname ("Mr. Obama") means one person all through an article, so
    # the first of them decides for the rest.
    by_title: dict[tuple[object, ...], tuple[object, ...]] = {}
    for index, (mention, key) in enumerate(zip(ordered, keys, strict=True)):
        if labels[index] is None:
            if mention.title and (key, mention.title) in by_title:
                labels[index] = by_title[(key, mention.title)]
                continue
            candidates = [("name", *owner) for owner in owners[key]]
            before = [
                (max(s for s in starts[c] if s < mention.start), c)
                for c in candidates
                if starts[c][0] < mention.start
            ]
            if before:
                labels[index] = max(before)[1]
            else:
                labels[index] = min((starts[c][0], c) for c in candidates)[1]
            if mention.title:
                by_title[(key, mention.title)] = labels[index]

    _link_organisation_suffixes(ordered, keys, labels)
    _link_acronyms(ordered, labels)

    groups: dict[tuple[object, ...], list[TaggedMention]] = {}
    for mention, label in zip(ordered, labels, strict=True):
        groups.setdefault(label, []).append(mention)  # type: ignore[arg-type]
    return list(groups.values())


def _singular(key: tuple[str, ...], norp_keys: set[tuple[str, ...]]) -> tuple[str, ...]:
    """A plural group name as its singular, when the text has that too ("Democrats")."""
    if key and key[-1].endswith("s"):
        singular = (*key[:-1], key[-1][:-1])
        if singular in norp_keys:
            return singular
    return key


ORGANISATION_TYPES = frozenset({"ORG", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})


def _link_organisation_suffixes(
    ordered: Sequence[TaggedMention], keys: Sequence[tuple[str, ...] | None], labels: list
) -> None:
    """Rule 4: an organisation name of two or more words that ends exactly one longer one
    joins it ("Black Caucus Foundation", "Congressional Black Caucus Foundation")."""
    named = [
        (key, labels[i])
        for i, (mention, key) in enumerate(zip(ordered, keys, strict=True))
        if mention.type in ORGANISATION_TYPES and key and labels[i][0] == "name"
    ]
    for index, (mention, key) in enumerate(zip(ordered, keys, strict=True)):
        if mention.type not in ORGANISATION_TYPES or not key or len(key) < 2:
            continue
        if labels[index][0] != "name":
            continue
        longer = {label for k, label in named if len(k) > len(key) and k[-len(key) :] == key}
        if len(longer) == 1:
            labels[index] = next(iter(longer))


def _link_acronyms(ordered: Sequence[TaggedMention], labels: list) -> None:
    """Rule 5: a one-word capitals name joins the one name in the text with those initials."""
    by_initials: dict[str, set[tuple[object, ...]]] = {}
    for mention, label in zip(ordered, labels, strict=True):
        if mention.type in NAME_TYPES and mention.type != "PERSON":
            letters = initials(_words(mention))
            if letters:
                by_initials.setdefault(letters, set()).add(label)
    for index, mention in enumerate(ordered):
        if mention.type not in NAME_TYPES or labels[index][0] != "name":
            continue
        targets = by_initials.get(as_acronym(_words(mention)), set()) - {labels[index]}
        if len(targets) == 1:
            labels[index] = next(iter(targets))


def add_descriptions(
    groups: Sequence[Sequence[TaggedMention]], text: str, sentences: Sequence[tuple[int, int]]
) -> list[list[TaggedMention]]:
    """Rule 7: each description that fits exactly one entity named before it joins it.

    A person's description (``the German Chancellor``) fits a person whose title
    somewhere earlier fits it (see ``titles.fits``); an organisation's (``the
    fund``) fits an organisation named earlier by two or more words ending in
    its head noun and holding its other words. With no fit, or fits to two
    entities, the description is left out. ``sentences`` are the (start, end)
    offsets of each sentence. Groups keep their order, each in text order.
    """
    groups = [list(g) for g in groups]
    taken = sorted((m.start, m.end) for g in groups for m in g)
    descriptions = [
        (sentence, found)
        for sentence, (start, end) in enumerate(sentences)
        for found in descriptions_in(text, start, end, taken)
    ]
    if not descriptions or not groups:
        return groups
    kinds = [Counter(m.type for m in g if not m.description).most_common(1)[0][0] for g in groups]
    titled: list[tuple[int, int, frozenset[str]]] = []  # (start, group, title) of each person
    named: list[tuple[int, int, tuple[str, ...]]] = []  # (start, group, words) of organisations
    for index, (group, kind) in enumerate(zip(groups, kinds, strict=True)):
        for mention in group:
            if kind == "PERSON":
                titled.append((mention.start, index, title_words(text, mention.start, mention.end)))
            elif kind in ORGANISATION_TYPES and len(_key(mention)) > 1:
                named.append((mention.start, index, _key(mention)))
    for sentence, found in descriptions:
        fitting = _fitting(found, titled if found.is_person else named)
        if len(fitting) == 1:
            index = fitting.pop()
            surface = text[found.start : found.end]
            groups[index].append(
                TaggedMention(
                    surface, found.start, found.end, sentence, kinds[index], description=True
                )
            )
    for group in groups:
        group.sort(key=lambda m: (m.start, m.end))
    return groups


def _fitting(
    found: Description, candidates: Sequence[tuple[int, int, frozenset[str] | tuple[str, ...]]]
) -> set[int]:
    """The groups with a mention before ``found`` whose title or name fits it."""
    fitting = set()
    for start, index, words in candidates:
        if start >= found.start:
            continue
        if found.is_person:
            if fits(found, words):  # type: ignore[arg-type]
                fitting.add(index)
        elif words[-1] == found.head and found.modifiers | found.complement <= set(words):
            fitting.add(index)
    return fitting


def _name_and_type(group: Sequence[TaggedMention]) -> tuple[str, str]:
    group = [m for m in group if not m.description] or list(group)
    types = Counter(m.type for m in group)
    words = [_words(m) for m in group]
    forms = Counter(" ".join(w) for w in words)
    best = max(
        range(len(group)),
        key=lambda i: (len(words[i]), forms[" ".join(words[i])], -group[i].start),
    )
    top = max(types.values())
    tied = {t for t, n in types.items() if n == top}
    # Ties go to the type of the most complete mention, then to the earliest.
    if group[best].type in tied:
        kind = group[best].type
    else:
        kind = next(m.type for m in group if m.type in tied)
    return " ".join(words[best]), kind


TYPE_WEIGHTS = {"DATE": 0.3, "TIME": 0.3}
NUMBER_WEIGHT = 0.2


def _raw_salience(
    kind: str,
    mentions: Sequence[Mention],
    text_length: int,
    sentence_starts: set[int],
    spoken: int = 0,
) -> float:
    weight = 1.0 if kind in NAME_TYPES else TYPE_WEIGHTS.get(kind, NUMBER_WEIGHT)
    first = mentions[0]
    opening = sum(1 for m in mentions if m.start in sentence_starts)
    score = (
        math.log2(1 + len(mentions))
        + 1.5 * (1 - first.start / max(1, text_length))
        + (1.0 if first.sentence == 0 else 0.0)
        + 0.5 * math.log2(1 + opening)
        + 0.5 * math.log2(1 + spoken)
    )
    return weight * score


def _ranked(
    drafts: Sequence[tuple[str, str, tuple[str, ...], tuple[Mention, ...], int]],
    text_length: int,
    sentence_starts: Iterable[int],
) -> tuple[Entity, ...]:
    """Entities from (name, type, aliases, mentions, quotes spoken), most salient first."""
    opening = set(sentence_starts)
    scored = [
        (_raw_salience(kind, mentions, text_length, opening, spoken), name, kind, aliases, mentions)
        for name, kind, aliases, mentions, spoken in drafts
    ]
    total = sum(item[0] for item in scored) or 1.0
    scored.sort(key=lambda item: (-item[0], item[4][0].start, item[4][0].end))
    return tuple(
        Entity(f"E{number}", name, kind, round(raw / total, 4), aliases, mentions)
        for number, (raw, name, kind, aliases, mentions) in enumerate(scored, start=1)
    )


def build_entities(
    groups: Iterable[Sequence[TaggedMention]],
    text_length: int | None = None,
    sentence_starts: Iterable[int] = (),
) -> tuple[Entity, ...]:
    """Turn groups of mentions into entities, most salient first, numbered E1, E2, ...

    ``text_length`` defaults to the end of the last mention. Descriptions count
    as mentions but give no name, type or alias.
    """
    groups = [g for g in groups if g]
    if text_length is None:
        text_length = max((m.end for g in groups for m in g), default=0)
    drafts = []
    for group in groups:
        name, kind = _name_and_type(group)
        names = (" ".join(m.text.split()) for m in group if not m.description)
        mentions = tuple(Mention(m.text, m.start, m.end, m.sentence) for m in group)
        drafts.append((name, kind, tuple(dict.fromkeys(names)), mentions, 0))
    return _ranked(drafts, text_length, sentence_starts)


def rank_by_speakers(
    entities: Sequence[Entity],
    speakers: Iterable[str | None],
    text_length: int,
    sentence_starts: Iterable[int],
) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Re-rank entities with the quotes each is the speaker of, and number them again.

    ``speakers`` holds the speaker entity id of every quote (None for none).
    Returns the new entities and each old id's new id.
    """
    spoken = Counter(s for s in speakers if s is not None)
    drafts = [(e.name, e.type, e.aliases, e.mentions, spoken[e.id]) for e in entities]
    ranked = _ranked(drafts, text_length, sentence_starts)
    new_id = {(e.mentions[0].start, e.mentions[0].end): e.id for e in ranked}
    renamed = {e.id: new_id[(e.mentions[0].start, e.mentions[0].end)] for e in entities}
    return ranked, renamed


def extract_entities(doc: object, text: str, sentence_starts: Sequence[int]) -> tuple[Entity, ...]:
    """The entities of a stanza document, each with all its mentions and descriptions.

    Salience here leaves speakers out; ``rank_by_speakers`` adds them once quotes are known.
    """
    groups = group_mentions(mentions_from_doc(doc, text, sentence_starts))
    bounds = [
        (s.tokens[0].start_char, s.tokens[-1].end_char)
        for s in doc.sentences  # type: ignore[attr-defined]
        if s.tokens
    ]
    groups = add_descriptions(groups, text, bounds)
    return build_entities(groups, len(text), sentence_starts)
