"""A learned choice of where a reported clause starts and ends, and of where a
speaker ends.

The rules in ``quotes`` start an indirect quote's content after its cue (and
``that``, an object or an aside) and end it at the sentence's end or at a
clause break (``, but``, ``, which``, a dash). Annotators often draw it
elsewhere: they end it before ``, even as …``, ``, compared with …`` or a
trailing ``on Twitter``, and sometimes after the break the rules stop at; they
start it a word or more before or after the rules' start (with or without
``that``, an adverb or an object). For each indirect quote whose cue comes first, every
word from the cue to a few words past the rules' start is a possible first
word, and every word from the content's start to the sentence's end (or the
next attribution) is a possible last word. A linear model for each scores the
choices from the words at and around them, their word clusters (see
``quote_tagger``) and how far they are from the rules' choice, and the best
one wins. The rules' choice is among them and stands unless another scores
higher. Starts are chosen first, then ends.

Speakers are chosen the same way. Annotators take ``Lee, who runs the
council`` whole more often than not, but not always, and they often take in an
appositive or a participle the rules leave out (``a Trump supporter who runs
the account``, ``A court document filed Thursday``). Every word from a
speaker's first to a few past the rules' end is a possible last word; the
features read the words at and after it, whether it cuts a ``who`` clause, and
whether the speaker comes before or after its cue.

``bench/train_quote_ends.py`` trains all three on the PolNeAR train split and
writes ``quote_starts.json``, ``quote_ends.json`` and ``quote_speaker_ends.json``
beside this module. Scoring is pure Python and deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from service.nlp.errors import missing_shipped_file
from service.nlp.quote_tagger import word_clusters

ENDS_PATH = Path(__file__).with_name("quote_ends.json")
STARTS_PATH = Path(__file__).with_name("quote_starts.json")
SPEAKER_ENDS_PATH = Path(__file__).with_name("quote_speaker_ends.json")

_BREAKS = frozenset({",", ";", "—", "–", "-", "--"})
_LENGTHS = (1, 2, 4, 8, 16, 32)
_COMMAS = (0, 1, 2, 3)
_GAPS = (0, 1, 2, 3, 4, 5, 6)
_REST = (0, 1, 2, 4, 8, 16)
_END = "<E>"
# Words that open or join clauses and phrases: an end that takes one in or leaves one out.
_CLAUSE_WORDS = frozenset(
    """and but or as while when because after before since although though which who whom
    whose where if in on at for with to by from that , ; -- - — – ( even including despite
    amid during until unless whether than according saying adding noting""".split()
)
# What opens a subordinate clause at a sentence's start (``When Lee said …, the talks``).
_SUBORDINATORS = frozenset(
    """when after as while if although though because since before until once unless whereas
    despite even whether""".split()
)
_RELATIVES = frozenset({"who", "whose", "which", "whom"})
_SPEAKER_OPENERS = frozenset(
    "the a an one two three some many most several his her their its this these those".split()
)


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


def _readers(words: Sequence[str]) -> tuple[Callable[[int], str], Callable[[int], str]]:
    """The word at an index of ``words`` and its word cluster, ``_END`` outside them."""
    clusters = word_clusters()
    last = len(words) - 1

    def word(i: int) -> str:
        return words[i] if 0 <= i <= last else _END

    def cluster(i: int) -> str:
        return clusters.get(words[i], ("u", "u"))[0] if 0 <= i <= last else _END

    return word, cluster


def end_features(
    words: Sequence[str], rule: int, ends: Sequence[int], cue: str, lead: Sequence[str] = ()
) -> list[list[str]]:
    """The features of ending a content after each of ``words[e]`` for ``e`` in
    ``ends`` (rising): ``words`` are its lower-case tokens from its first to the
    last it may reach, the rules end it after ``words[rule]``, ``cue`` is the
    cue's last word and ``lead`` the lower-case tokens of its sentence before it.

    Besides the words at and after an end, they read the clause words between it
    and the rules' end (``x+=while``: the end takes in a ``while`` the rules
    stop before), the word that opens the stretch after the last break before it
    (``seg=even``) and whether the sentence opens with a subordinate clause the
    content is in (``When Lee said the plan would fail, the talks …``: the
    content most likely ends at that clause's comma).
    """
    word, cluster = _readers(words)
    last = len(words) - 1
    opener = lead[0] if lead and lead[0] in _SUBORDINATORS else "other"
    inside = opener != "other" and "," not in lead
    rows = []
    commas = 0
    counted = 0
    cut = -1  # the last break before the end
    for end in ends:
        while counted <= end:
            if words[counted] in _BREAKS:
                commas += 1
                cut = counted
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
        low, high = sorted((rule, end))
        sign = "+" if end > rule else "-"
        row += sorted({f"x{sign}={w}" for w in words[low + 1 : high + 1] if w in _CLAUSE_WORDS})
        row += [
            "p1=" + word(end - 1),
            f"p1w={word(end - 1)}|{word(end)}",
            "rest=" + _bucket(last - end, _REST),
            "seg=" + (word(cut + 1) if 0 <= cut < end else "<none>"),
            f"open={inside}",
            f"open_n1={inside}|{next1}",
            f"sub_n1={opener}|{next1}",
        ]
        rows.append(row)
    return rows


def start_features(
    words: Sequence[str], first: int, rule: int, starts: Sequence[int], cue: str
) -> list[list[str]]:
    """The features of starting a content at each of ``words[s]`` for ``s`` in
    ``starts``: ``words`` are lower-case tokens around the possible starts (a
    few before the cue's end on), ``words[first]`` is the first after the cue,
    the rules start the content at ``words[rule]``, and ``cue`` is the cue's
    last word."""
    word, cluster = _readers(words)
    rows = []
    gap = _bucket(rule - first, _GAPS)
    for start in starts:
        shift = _shift(start - rule)
        here, before = word(start), word(start - 1)
        rows.append(
            [
                "d=" + shift,
                "w=" + here,
                "c=" + cluster(start),
                "p1=" + before,
                "p1c=" + cluster(start - 1),
                "p2=" + word(start - 2),
                "n1=" + word(start + 1),
                "n1c=" + cluster(start + 1),
                f"p1w={before}|{here}",
                f"d_w={shift}|{here}",
                f"d_p1={shift}|{before}",
                "cue=" + cue,
                f"cue_w={cue}|{here}",
                "gap=" + _bucket(start - first, _GAPS),
                "rgap=" + gap,
            ]
        )
    return rows


def speaker_end_features(
    words: Sequence[str],
    capitals: Sequence[bool],
    rule: int,
    ends: Sequence[int],
    after_cue: bool,
    cue: str,
) -> list[list[str]]:
    """The features of ending a speaker after each of ``words[e]`` for ``e`` in
    ``ends`` (rising): ``words`` are lower-case tokens from the speaker's first to
    the last it may reach and two past it, ``capitals`` whether each is capitalised,
    the rules end it after ``words[rule]``, ``after_cue`` says whether the speaker
    follows its cue (``said Lee, …``), and ``cue`` is the cue's last word."""
    word, cluster = _readers(words)
    side = "after" if after_cue else "before"
    first = words[0] if words[0] in _SPEAKER_OPENERS else "Cap" if capitals[0] else "low"
    rows = []
    commas = 0
    relatives = 0
    counted = 0
    for end in ends:
        while counted <= end:
            commas += words[counted] in _BREAKS
            relatives += words[counted] in _RELATIVES
            counted += 1
        cut = any(w in _RELATIVES for w in words[end + 1 : rule + 1])
        next1, next2 = word(end + 1), word(end + 2)
        shift = _shift(end - rule)
        rows.append(
            [
                "d=" + shift,
                f"side_d={side}|{shift}",
                "w=" + word(end),
                "c=" + cluster(end),
                f"cap={capitals[end]}",
                "p1=" + word(end - 1),
                "n1=" + next1,
                "n1c=" + cluster(end + 1),
                "n2=" + next2,
                f"n1n2={next1}|{next2}",
                f"side_n1={side}|{next1}",
                "len=" + _bucket(end + 1, _LENGTHS),
                "commas=" + _bucket(commas, _COMMAS),
                f"rel={min(relatives, 2)}|{side}",
                f"cut_rel={cut}|{side}",
                "f=" + first,
                f"f_d={first}|{shift}",
                "cue=" + cue,
                f"cue_d={cue}|{shift}",
                f"w_n1={word(end)}|{next1}",
                f"name={all(capitals[: end + 1])}|{side}",
                f"lim={end == ends[-1]}|{side}",
            ]
        )
    return rows


@dataclass(frozen=True)
class Chooser:
    """The weights of ``start_features`` or ``end_features``: the best-scoring
    choice wins."""

    weights: Mapping[str, float]

    @classmethod
    def from_json(cls, data: Mapping) -> Chooser:
        return cls(dict(data["weights"]))

    def best(self, rows: Sequence[Sequence[str]], default: int) -> int:
        """The index of the best-scoring row; ``default`` unless another scores higher
        (the first of those that do)."""
        weights = self.weights
        scores = [sum(weights.get(name, 0.0) for name in row) for row in rows]
        top = max(range(len(rows)), key=scores.__getitem__)
        return top if scores[top] > scores[default] else default


@cache
def default_end_chooser() -> Chooser:
    """The end chooser shipped with the service (``quote_ends.json``)."""
    return _load(ENDS_PATH)


@cache
def default_start_chooser() -> Chooser:
    """The start chooser shipped with the service (``quote_starts.json``)."""
    return _load(STARTS_PATH)


@cache
def default_speaker_end_chooser() -> Chooser:
    """The speaker-end chooser shipped with the service (``quote_speaker_ends.json``)."""
    return _load(SPEAKER_ENDS_PATH)


def _load(path: Path) -> Chooser:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise missing_shipped_file(path, "train_quote_ends.py") from error
    return Chooser.from_json(data)
