"""A learned choice of where a reported clause ends.

The rules in ``quotes`` end an indirect quote's content at the sentence's end
or at a clause break (``, but``, ``, which``, a dash). Annotators often end it
elsewhere: before ``, even as …``, ``, compared with …`` or a trailing ``on
Twitter``, and sometimes after the break the rules stop at. For each indirect
quote whose cue comes first, every word from the content's start to the
sentence's end (or the next attribution) is a possible last word; a linear
model scores each from the words at and after it, their word clusters (see
``quote_tagger``), how far it is from the rules' end and how long the content
would be, and the content ends at the best one. The rules' end is one of the
choices and wins when nothing scores higher.

``bench/train_quote_ends.py`` trains it on the PolNeAR train split and writes
``quote_ends.json`` beside this module. Scoring is pure Python and deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from service.nlp.errors import missing_shipped_file
from service.nlp.quote_tagger import word_clusters

MODEL_PATH = Path(__file__).with_name("quote_ends.json")

_BREAKS = frozenset({",", ";", "—", "–", "-", "--"})
_LENGTHS = (1, 2, 4, 8, 16, 32)
_COMMAS = (0, 1, 2, 3)
_END = "<E>"


def _bucket(value: int, bounds: Sequence[int]) -> str:
    for bound in bounds:
        if value <= bound:
            return str(bound)
    return ">"


def _shift(distance: int) -> str:
    """How far a possible end is from the rules' end, in words: 0, ±1, ±3, ±7, ±15, ±big."""
    if distance == 0:
        return "0"
    size = abs(distance)
    bucket = "1" if size == 1 else "3" if size <= 3 else "7" if size <= 7 else "15"
    return ("+" if distance > 0 else "-") + (bucket if size <= 15 else "big")


def features(words: Sequence[str], rule: int, ends: Sequence[int], cue: str) -> list[list[str]]:
    """The features of ending a content after each of ``words[e]`` for ``e`` in
    ``ends`` (rising): ``words`` are its lower-case tokens from its first to the
    last it may reach, the rules end it after ``words[rule]``, and ``cue`` is the
    cue's last word."""
    clusters = word_clusters()
    last = len(words) - 1

    def word(i: int) -> str:
        return words[i] if i <= last else _END

    def cluster(i: int) -> str:
        return clusters.get(words[i], ("u", "u"))[0] if i <= last else _END

    rows = []
    commas = 0
    counted = 0
    for end in ends:
        while counted <= end:
            commas += words[counted] in _BREAKS
            counted += 1
        next1, next2 = word(end + 1), word(end + 2)
        shift = _shift(end - rule)
        row = [
            "d=" + shift,
            "w=" + word(end),
            "c=" + cluster(end),
            "n1=" + next1,
            "n1c=" + cluster(end + 1),
            "n2=" + next2,
            "n2c=" + cluster(end + 2),
            "n2s=" + next2[-3:],
            f"n1n2={next1}|{next2}",
            f"n1c_n2c={cluster(end + 1)}|{cluster(end + 2)}",
            "len=" + _bucket(end + 1, _LENGTHS),
            "commas=" + _bucket(commas, _COMMAS),
            f"f={words[0]}|{next1}",
            f"d_n1={shift}|{next1}",
            f"lim={end == last}",
            f"rlim={rule == last}",
            "cue=" + cue,
            f"cue_n1={cue}|{next1}",
        ]
        if next1 in _BREAKS:
            row += ["p_n2c=" + cluster(end + 2), "p_n3=" + word(end + 3)]
        rows.append(row)
    return rows


@dataclass(frozen=True)
class EndChooser:
    """The weights of ``features``: the best-scoring end is chosen."""

    weights: Mapping[str, float]

    @classmethod
    def from_json(cls, data: Mapping) -> EndChooser:
        return cls(dict(data["weights"]))

    def best(self, rows: Sequence[Sequence[str]], default: int) -> int:
        """The index of the best-scoring row; ``default`` unless another scores higher
        (the first of those that do)."""
        weights = self.weights
        scores = [sum(weights.get(name, 0.0) for name in row) for row in rows]
        top = max(range(len(rows)), key=scores.__getitem__)
        return top if scores[top] > scores[default] else default


@cache
def default_chooser() -> EndChooser:
    """The chooser shipped with the service (``quote_ends.json``)."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise missing_shipped_file(MODEL_PATH, "train_quote_ends.py") from error
    return EndChooser.from_json(data)
