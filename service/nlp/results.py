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
class Annotation:
    """Everything the service says about one text.

    ``entities`` is None when the caller did not ask for entities, which is
    different from asking and finding none.
    """

    id: str | None
    text_length: int
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] | None
    models: Mapping[str, str]
    elapsed_ms: float
    language: str = "en"
