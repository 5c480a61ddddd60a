"""A learned check on the quotes the rules find: keep the likely ones, drop the rest.

The rules in ``quotes`` find cues, speakers and content; some of what they find
is not an attribution at all (``the so-called “deal”``, ``sought the nomination``).
A logistic regression over simple features of each candidate (its kind, cue,
speaker, length and the words around it) gives the probability that a person
would mark it as an attribution, and candidates below a threshold are dropped.

``bench/train_quote_filter.py`` trains it on the PolNeAR train split and writes
``quote_filter.json`` beside this module: the weights, the bias and the threshold
that maximised the target figures in cross-validation on train. Loading and
scoring are pure Python and deterministic.

A ``partial`` quote inside an ``indirect`` one with the same cue shares that
quote's decision: it only refines it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from service.nlp.errors import missing_shipped_file
from service.nlp.quotemarks import INLINE_SPACES
from service.nlp.results import Quote

MODEL_PATH = Path(__file__).with_name("quote_filter.json")

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_PRONOUNS = frozenset("he she they i we it you who which this that".split())
_MARKS = frozenset("\"“”‘’„‟«»'")
_WORD_BUCKETS = (1, 2, 5, 10, 20, 40)
_GAP_BUCKETS = (2, 10, 40)


def _bucket(value: int, bounds: Sequence[int]) -> str:
    for bound in bounds:
        if value <= bound:
            return f"<={bound}"
    return f">{bounds[-1]}"


def _speaker_type(quote: Quote) -> str:
    if quote.speaker is None:
        return "none"
    words = quote.speaker.text.split()
    if len(words) == 1 and words[0].casefold() in _PRONOUNS:
        return "pronoun"
    return "name" if quote.speaker.text[:1].isupper() else "description"


def features(text: str, quote: Quote, types: Mapping[str, str] | None = None) -> list[str]:
    """The features of one candidate quote in ``text``; ``types`` maps entity ids to
    their NER types (``PERSON``), for the entity a speaker points to."""
    kind = quote.kind
    cue = " ".join(quote.cue.text.casefold().split()) if quote.cue else "none"
    speaker = _speaker_type(quote)
    words = _WORD.findall(quote.text)
    window = text[max(0, quote.start - 40) : quote.start]
    before = _WORD.findall(window)
    after = text[quote.end : quote.end + 3].lstrip(INLINE_SPACES)
    prior = window.rstrip(INLINE_SPACES)
    length = _bucket(len(words), _WORD_BUCKETS)
    found = [
        f"kind={kind}",
        f"cue={cue}",
        f"kind,cue={kind},{cue}",
        f"speaker={speaker}",
        f"kind,speaker={kind},{speaker}",
        f"words={length}",
        f"kind,words={kind},{length}",
        f"first={words[0].casefold() if words else ''}",
        f"last_char={quote.text.rstrip()[-1:]}",
        f"after={after[:1]}",
        f"before_word={before[-1].casefold() if before else ''}",
        f"before_char={prior[-1:]}",
        f"line_start={prior.endswith(chr(10)) or not prior and quote.start <= len(window)}",
        f"marks_inside={any(ch in _MARKS for ch in quote.text)}",
    ]
    if quote.speaker is not None:
        side = "before" if quote.speaker.start < quote.start else "after"
        found += [
            f"speaker_side={side}",
            f"speaker_words={_bucket(len(quote.speaker.text.split()), _WORD_BUCKETS)}",
            f"speaker_entity={(types or {}).get(quote.speaker.entity or '', 'none')}",
            f"cue,speaker_entity={cue},{(types or {}).get(quote.speaker.entity or '', 'none')}",
        ]
    if quote.cue is not None:
        if quote.cue.end <= quote.start:
            gap = quote.start - quote.cue.end
            side = "before"
        else:
            gap = max(0, quote.cue.start - quote.end)
            side = "after"
        found += [f"cue_side={side}", f"cue_gap={side},{_bucket(gap, _GAP_BUCKETS)}"]
    return found


@dataclass(frozen=True)
class QuoteFilter:
    """Logistic regression weights over ``features`` and the threshold to keep a quote."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    @classmethod
    def from_json(cls, data: Mapping) -> QuoteFilter:
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))

    def probability(self, names: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(name, 0.0) for name in names)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score))))

    def probabilities(
        self, text: str, quotes: Sequence[Quote], types: Mapping[str, str] | None = None
    ) -> list[float]:
        """Each quote's probability of being an attribution; a nested partial has that of
        the indirect quote it follows. ``types``: the NER type of each entity id that
        speakers point to."""
        found: list[float] = []
        for quote, parent in zip(quotes, followed(quotes), strict=True):
            if parent is None:
                found.append(self.probability(features(text, quote, types)))
            else:
                found.append(found[parent])
        return found

    def kept(
        self, text: str, quotes: Sequence[Quote], types: Mapping[str, str] | None = None
    ) -> list[Quote]:
        """The quotes to keep, in their order; a nested partial follows its indirect quote."""
        chances = self.probabilities(text, quotes, types)
        return [q for q, p in zip(quotes, chances, strict=True) if p >= self.threshold]


def followed(quotes: Sequence[Quote]) -> list[int | None]:
    """For each quote (in text order), the index of the indirect quote it follows: a
    partial inside an earlier indirect quote with the same cue; None for the others."""
    indirect: dict[tuple[int, int], list[int]] = {}
    found: list[int | None] = []
    for i, quote in enumerate(quotes):
        parent = None
        if quote.kind == "partial" and quote.cue is not None:
            for j in indirect.get((quote.cue.start, quote.cue.end), ()):
                if quotes[j].start <= quote.start and quote.end <= quotes[j].end:
                    parent = j
                    break
        if quote.kind == "indirect" and quote.cue is not None:
            indirect.setdefault((quote.cue.start, quote.cue.end), []).append(i)
        found.append(parent)
    return found


@cache
def default_filter() -> QuoteFilter:
    """The filter shipped with the service (``quote_filter.json``)."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise missing_shipped_file(MODEL_PATH, "train_quote_filter.py") from error
    return QuoteFilter.from_json(data)
