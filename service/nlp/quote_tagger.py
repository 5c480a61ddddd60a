"""A learned tagger for the attributions the rules in ``quotes`` do not find.

The rules know a list of cues; PolNeAR's annotators mark many more (``talked
up``, ``made it clear``, ``sees … as``, ``in a poll``). A linear-chain CRF over
stanza's tokens labels each token as part of a Content, a Cue or a Source
(BIO tags), from the word and its neighbours, its NER type, whether it is
inside quotation marks, the rules' candidates around it (with the learned
filter's probability) and the distance to the nearest cue word the rules know.
Each Content span the CRF finds that no kept quote overlaps becomes an indirect
quote when its mean marginal probability reaches the shipped threshold and a
Cue span stands in its sentence; the Source span nearest to that cue is its
speaker. Spans with quotation marks are left to the rules, which do better there.

``bench/train_quote_tagger.py`` trains it on the PolNeAR train split and writes
``quote_tagger.crfsuite`` (the CRF, python-crfsuite's format) and
``quote_tagger.json`` (the threshold chosen by cross-validation on train)
beside this module.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

MODEL_PATH = Path(__file__).with_name("quote_tagger.crfsuite")
SETTINGS_PATH = Path(__file__).with_name("quote_tagger.json")
WORDS_PATH = Path(__file__).with_name("quote_tagger_words.tsv")

#: Labels: B-/I- with C (content), Q (cue), S (source); O outside.
ROLES = {"content": "C", "cue": "Q", "source": "S"}

_CONTEXT = (-2, -1, 1, 2)
_CLUSTER_CONTEXT = (-3, -2, -1, 1, 2, 3)
_CUE_REACH = 12  # tokens scanned each way for a known cue word
_NEAR = 4  # distances from this on are "far"


@dataclass(frozen=True, slots=True)
class TaggerToken:
    """What the tagger reads of one token: its words, place and what the rules saw."""

    lower: str
    shape: str
    sentence: int
    entity: str  # NER type, or ""
    quoted: bool  # inside quotation marks
    rule: str  # "B-indirect", "I-direct", ... for the likeliest rules' candidate here, or ""
    rule_probability: float  # the filter's probability of that candidate
    cue: bool  # part of a candidate's cue
    speaker: bool  # part of a candidate's speaker
    lexicon: str  # the kind of cue word the rules know it as, or ""


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A run of tokens with one role, ``first``..``last`` inclusive, and its confidence."""

    role: str
    first: int
    last: int
    confidence: float


def shape(word: str) -> str:
    """A word's form: punctuation, digits, capitalised, all capitals or lower case."""
    if not any(ch.isalnum() for ch in word):
        return "P"
    if word.isdigit():
        return "D"
    if word[:1].isupper():
        return "A" if word.isupper() and len(word) > 1 else "U"
    return "l"


def _probability_bucket(p: float) -> str:
    return "lo" if p < 0.3 else "mid" if p < 0.5 else "hi" if p < 0.7 else "vhi"


def _cue_distance(tokens: Sequence[TaggerToken], i: int, step: int) -> str:
    sentence = tokens[i].sentence
    j = i + step
    for distance in range(1, _CUE_REACH):
        if not 0 <= j < len(tokens) or tokens[j].sentence != sentence:
            break
        if tokens[j].lexicon or tokens[j].cue:
            return str(distance) if distance < _NEAR else "far"
        j += step
    return "none"


def features(tokens: Sequence[TaggerToken]) -> list[list[str]]:
    """The CRF's features for each token."""
    clusters = word_clusters()
    unknown = ("u", "u")
    found = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        first = before is None or before.sentence != token.sentence
        last = after is None or after.sentence != token.sentence
        row = [
            "bias",
            "w=" + token.lower,
            "s3=" + token.lower[-3:],
            "sh=" + token.shape,
            "ner=" + token.entity,
            f"inq={token.quoted:d}",
            "r=" + token.rule,
            "rp=" + (_probability_bucket(token.rule_probability) if token.rule else ""),
            "rk=" + token.rule[2:],
            f"cue={token.cue:d}",
            f"spk={token.speaker:d}",
            "lex=" + token.lexicon,
            f"first={first:d}",
            f"last={last:d}",
        ]
        for offset in (0, *_CLUSTER_CONTEXT):
            j = i + offset
            if 0 <= j < len(tokens) and tokens[j].sentence == token.sentence:
                fine, coarse = clusters.get(tokens[j].lower, unknown)
                row += [f"c{offset or ''}={fine}", f"k{offset or ''}={coarse}"]
        for offset in _CONTEXT:
            j = i + offset
            if 0 <= j < len(tokens) and tokens[j].sentence == token.sentence:
                other = tokens[j]
                row += [
                    f"w{offset}={other.lower}",
                    f"r{offset}={other.rule[:1]}",
                    f"lex{offset}={other.lexicon}",
                    f"cue{offset}={other.cue:d}",
                    f"inq{offset}={other.quoted:d}",
                ]
            else:
                row.append(f"w{offset}=<S>")
        row.append(f"r,r-1={token.rule[:1]},{before.rule[:1] if before else '<'}")
        row.append(f"r,r+1={token.rule[:1]},{after.rule[:1] if after else '>'}")
        row.append("dl=" + _cue_distance(tokens, i, -1))
        row.append("dr=" + _cue_distance(tokens, i, 1))
        found.append(row)
    return found


def spans(labels: Sequence[str], marginals: Sequence[float]) -> list[TaggedSpan]:
    """The runs of ``B-X I-X ...`` (or a stray ``I-X``) in ``labels``, each with the mean
    marginal probability of its labels."""
    found: list[TaggedSpan] = []
    open_at: int | None = None
    for i, label in enumerate([*labels, "O"]):
        role = label[2:]
        if open_at is not None and (role != labels[open_at][2:] or label.startswith("B-")):
            mean = sum(marginals[open_at:i]) / (i - open_at)
            found.append(TaggedSpan(labels[open_at][2:], open_at, i - 1, mean))
            open_at = None
        if role and open_at is None:
            open_at = i
    return found


class QuoteTagger:
    """The shipped CRF and the threshold on a Content span's confidence."""

    def __init__(self, model: Path, threshold: float) -> None:
        self.threshold = threshold
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        # A crfsuite tagger keeps the last sequence for its marginals: one call at a time.
        self._lock = threading.Lock()

    def tag(self, rows: Sequence[list[str]]) -> list[TaggedSpan]:
        """The spans the CRF labels in a text's tokens (given by their ``features``)."""
        if not rows:
            return []
        with self._lock:
            labels = self._tagger.tag(rows)
            marginals = [self._tagger.marginal(label, i) for i, label in enumerate(labels)]
        return spans(labels, marginals)


@cache
def word_clusters() -> dict[str, tuple[str, str]]:
    """Each known word's fine and coarse cluster (``quote_tagger_words.tsv``, made by
    ``bench/word_clusters.py`` from stanza's word vectors)."""
    try:
        lines = WORDS_PATH.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as error:
        raise RuntimeError(
            f"{WORDS_PATH} is missing: it ships with the package; "
            "rebuild it with bench/word_clusters.py"
        ) from error
    found = {}
    for line in lines:
        word, fine, coarse = line.split("\t")
        found[word] = (fine, coarse)
    return found


@cache
def default_tagger() -> QuoteTagger:
    """The tagger shipped with the service (``quote_tagger.crfsuite`` and ``.json``)."""
    word_clusters()
    for path in (MODEL_PATH, SETTINGS_PATH):
        if not path.is_file():
            raise RuntimeError(
                f"{path} is missing: it ships with the package; "
                "rebuild it with bench/train_quote_tagger.py"
            )
    settings = json.loads(SETTINGS_PATH.read_text(encoding="utf-8"))
    return QuoteTagger(MODEL_PATH, float(settings["threshold"]))
