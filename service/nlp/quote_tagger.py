"""A learned tagger for the attributions the rules in ``quotes`` do not find.

The rules know a list of cues; PolNeAR's annotators mark many more (``talked
up``, ``made it clear``, ``sees … as``, ``in a poll``). A linear-chain CRF over
stanza's tokens labels each token as part of a Content, a Cue or a Source
(BIO tags), from the word and its neighbours, their word clusters (groups of
stanza's English word vectors, so that ``slammed`` can learn from words like
it), its NER type, whether it is inside quotation marks, the rules' candidates
around it (with the learned filter's probability) and the distance to the
nearest cue word the rules know.
Each Content span the CRF finds that no kept quote overlaps becomes an indirect
quote when its mean marginal probability reaches the shipped threshold and a
Cue span stands in its sentence; the Source span nearest to that cue is its
speaker. Spans with quotation marks are left to the rules, which do better there.
A learned check (a logistic regression like ``quote_filter``'s, over the filter's
features, the span's confidence and its cue's words) then keeps those likely to
be attributions: most spans the CRF finds are not, or are drawn too wide.

``bench/train_quote_tagger.py`` trains it on the PolNeAR train split and writes
``quote_tagger.crfsuite`` (the CRF, python-crfsuite's format) and
``quote_tagger.json`` (the threshold and the check, fitted and chosen by
cross-validation on train)
beside this module; ``bench/word_clusters.py`` writes the clusters,
``quote_tagger_words.tsv``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from service.nlp.errors import missing_shipped_file
from service.nlp.quote_filter import QuoteFilter

MODEL_PATH = Path(__file__).with_name("quote_tagger.crfsuite")
SETTINGS_PATH = Path(__file__).with_name("quote_tagger.json")
WORDS_PATH = Path(__file__).with_name("quote_tagger_words.tsv")

#: Labels: B-/I- with C (content), Q (cue), S (source); O outside.
ROLES = {"content": "C", "cue": "Q", "source": "S"}

# Feature names for neighbours: the words two each way, their clusters three each way.
_CONTEXT_NAMES = tuple(
    (offset, tuple(f"{name}{offset}=" for name in ("w", "r", "lex", "cue", "inq")))
    for offset in (-2, -1, 1, 2)
)
_CLUSTER_NAMES = tuple(
    (offset, f"c{offset or ''}=", f"k{offset or ''}=") for offset in (0, -3, -2, -1, 1, 2, 3)
)
#: Tokens tagged at once: most articles are one run (what the CRF was trained on).
CHUNK_TOKENS = 5000
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
    if not word[:1].isalnum() and not any(ch.isalnum() for ch in word):
        return "P"
    if word.isdigit():
        return "D"
    if word[:1].isupper():
        return "A" if word.isupper() and len(word) > 1 else "U"
    return "l"


def _probability_bucket(p: float) -> str:
    return "lo" if p < 0.3 else "mid" if p < 0.5 else "hi" if p < 0.7 else "vhi"


def _cue_distances(tokens: Sequence[TaggerToken], step: int) -> list[str]:
    """For each token, how many tokens back (``step`` -1) or on (+1) the nearest cue
    word stands in its sentence: "1" to "3", "far" (up to ``_CUE_REACH``), "none"."""
    found = ["none"] * len(tokens)
    order = range(len(tokens)) if step < 0 else range(len(tokens) - 1, -1, -1)
    last_cue: int | None = None
    sentence = None
    for i in order:
        token = tokens[i]
        if token.sentence != sentence:
            sentence, last_cue = token.sentence, None
        if last_cue is not None:
            distance = abs(i - last_cue)
            if distance < _CUE_REACH:
                found[i] = str(distance) if distance < _NEAR else "far"
        if token.lexicon or token.cue:
            last_cue = i
    return found


def features(
    tokens: Sequence[TaggerToken], first: int = 0, stop: int | None = None
) -> list[list[str]]:
    """The CRF's features for each token of ``tokens[first:stop]``, a run of whole
    sentences (neighbours never cross a sentence; the rules' labels beside one do)."""
    stop = len(tokens) if stop is None else stop
    run = tokens[first:stop]
    clusters = word_clusters()
    unknown = ("u", "u")
    grouped = [clusters.get(token.lower, unknown) for token in run]
    left, right = _cue_distances(run, -1), _cue_distances(run, 1)
    found = []
    for i in range(first, stop):
        token = tokens[i]
        sentence = token.sentence
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        opens = before is None or before.sentence != sentence
        closes = after is None or after.sentence != sentence
        rule = token.rule
        row = [
            "bias",
            "w=" + token.lower,
            "s3=" + token.lower[-3:],
            "sh=" + token.shape,
            "ner=" + token.entity,
            "inq=1" if token.quoted else "inq=0",
            "r=" + rule,
            "rp=" + (_probability_bucket(token.rule_probability) if rule else ""),
            "rk=" + rule[2:],
            "cue=1" if token.cue else "cue=0",
            "spk=1" if token.speaker else "spk=0",
            "lex=" + token.lexicon,
            "first=1" if opens else "first=0",
            "last=1" if closes else "last=0",
        ]
        for offset, fine_name, coarse_name in _CLUSTER_NAMES:
            j = i + offset
            if first <= j < stop and tokens[j].sentence == sentence:
                fine, coarse = grouped[j - first]
                row.append(fine_name + fine)
                row.append(coarse_name + coarse)
        for offset, names in _CONTEXT_NAMES:
            j = i + offset
            if first <= j < stop and tokens[j].sentence == sentence:
                other = tokens[j]
                row += [
                    names[0] + other.lower,
                    names[1] + other.rule[:1],
                    names[2] + other.lexicon,
                    names[3] + ("1" if other.cue else "0"),
                    names[4] + ("1" if other.quoted else "0"),
                ]
            else:
                row.append(names[0] + "<S>")
        row.append(f"r,r-1={rule[:1]},{before.rule[:1] if before else '<'}")
        row.append(f"r,r+1={rule[:1]},{after.rule[:1] if after else '>'}")
        row.append("dl=" + left[i - first])
        row.append("dr=" + right[i - first])
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
    """The shipped CRF, the threshold on a Content span's confidence and the check
    on the quotes made of the spans (None: keep them all)."""

    def __init__(self, model: Path, threshold: float, check: QuoteFilter | None = None) -> None:
        self.threshold = threshold
        self.check = check
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        # A crfsuite tagger keeps the last sequence for its marginals: one call at a time.
        self._lock = threading.Lock()

    def tag(self, tokens: Sequence[TaggerToken]) -> list[TaggedSpan]:
        """The spans the CRF labels in a text's tokens.

        A long text is tagged in runs of whole sentences of about ``CHUNK_TOKENS``
        tokens, so that its features are never all held at once.
        """
        found = []
        for first, stop in chunks(tokens):
            rows = features(tokens, first, stop)
            with self._lock:
                labels = self._tagger.tag(rows)
                marginals = [self._tagger.marginal(label, i) for i, label in enumerate(labels)]
            found += [
                TaggedSpan(s.role, s.first + first, s.last + first, s.confidence)
                for s in spans(labels, marginals)
            ]
        return found


def chunks(tokens: Sequence[TaggerToken]) -> list[tuple[int, int]]:
    """``tokens`` cut into runs of whole sentences, each ``CHUNK_TOKENS`` long or a
    little longer (to its sentence's end): (first, stop) index pairs."""
    found = []
    first = 0
    while first < len(tokens):
        stop = min(len(tokens), first + CHUNK_TOKENS)
        while stop < len(tokens) and tokens[stop].sentence == tokens[stop - 1].sentence:
            stop += 1
        found.append((first, stop))
        first = stop
    return found


@cache
def word_clusters() -> dict[str, tuple[str, str]]:
    """Each known word's fine and coarse cluster (``quote_tagger_words.tsv``, made by
    ``bench/word_clusters.py`` from stanza's word vectors)."""
    try:
        lines = WORDS_PATH.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as error:
        raise missing_shipped_file(WORDS_PATH, "word_clusters.py") from error
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
            raise missing_shipped_file(path, "train_quote_tagger.py")
    settings = json.loads(SETTINGS_PATH.read_text(encoding="utf-8"))
    check = settings.get("check")
    return QuoteTagger(
        MODEL_PATH,
        float(settings["threshold"]),
        None if check is None else QuoteFilter.from_json(check),
    )
