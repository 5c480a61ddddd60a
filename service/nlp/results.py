"""The results of annotation: frozen records shared by the API, the CLI and batch jobs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its position and code-point offsets."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where an entity is named."""

    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world thing with every mention of it in the text.

    ``salience`` (0 to 1, summing to 1 over a text's entities) says how central
    it is to the text; ``aliases`` are the distinct forms it is named by.
    """

    id: str
    name: str
    type: str
    salience: float
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: the span naming them and the entity it refers to."""

    text: str
    start: int
    end: int
    entity: str | None


@dataclass(frozen=True, slots=True)
class Cue:
    """The reporting verb or phrase of a quote (``said``, ``according to``)."""

    text: str
    start: int
    end: int


#: The kinds of quote: see ``Quote``.
QUOTE_KINDS = ("direct", "partial", "indirect")

#: How a claim's number relates to the true amount: see ``Claim``.
QUALIFIERS = ("exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range")


@dataclass(frozen=True, slots=True)
class Quote:
    """Something a source said, wrote or is reported to have said.

    ``kind`` is ``direct`` (in quotation marks, set off as speech), ``partial``
    (a quoted phrase inside the reporter's own sentence) or ``indirect``
    (reported speech without quotation marks). ``text`` is the content without
    its quotation marks. ``speaker`` is None when nobody is named.
    """

    id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: Speaker | None
    cue: Cue | None


@dataclass(frozen=True, slots=True)
class Claim:
    """A number the text asserts: its value, unit, what it counts and who claims it.

    ``qualifier`` is one of ``exact``, ``approximate``, ``at_least``,
    ``more_than``, ``at_most``, ``less_than`` and ``range``; ``value_max`` is
    set for ranges only. ``claimant`` and ``quote`` are the ids of the speaker's
    entity and of the quote when the number sits inside a quote.
    """

    id: str
    text: str
    start: int
    end: int
    value: int | float
    value_max: int | float | None
    unit: str | None
    object: str | None
    qualifier: str
    sentence: int
    claimant: str | None
    quote: str | None


@dataclass(frozen=True, slots=True)
class Annotation:
    """Everything the service says about one text.

    ``entities``, ``quotes`` and ``claims`` are None when the caller did not
    ask for them, which is different from asking and finding none.
    """

    id: str | None
    text_length: int
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] | None
    quotes: tuple[Quote, ...] | None
    claims: tuple[Claim, ...] | None
    models: Mapping[str, str]
    elapsed_ms: float
    language: str = "en"
