"""Score quote attribution against the PolNeAR attribution annotations.

Usage (models as for the service; PolNeAR from ../shared/data/polnear):

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/quotes_polnear.py

Options: ``--split dev|train`` (default dev), ``--limit N`` articles,
``--errors FILE`` (misses and near misses per article, with context),
``--json FILE`` (every figure, overall and per article), ``--url http://host:port``
(score a running service through ``POST /v1/annotate`` instead of loading models),
``--hull`` and ``--keep-nested-partials`` (see below), ``--gold-only`` (gold
statistics, no models), ``--cache DIR`` (keep stanza's tokens and NER per split
in DIR and reuse them, so that a change to the extractor is scored in seconds;
delete the file when the models change), ``--no-filter`` (with ``--cache``: the
rules' candidates without the learned filter or tagger), ``--no-tagger`` (with
``--cache``: the rules and the filter, without the learned tagger), ``--no-bounds``
(with ``--cache``: the rules' starts and ends of indirect quotes and the rules'
speakers, without the learned start, end and speaker choosers).
It prints Markdown tables: the scores, predictions per ``kind``, and the most
frequent gold cues.

Gold. Each article ``<split>/text/<stem>.txt`` has brat standoff files
``<split>/attributions/<stem>_<4hex>.ann``, one per annotator; the first in sorted
order is used, and articles with none are skipped (and counted). An ``E`` line
ties an attribution's spans by role: ``Attribution`` or ``Attribution-no-source``
(the anchor, ignored), ``Content``, ``Source``, ``Cue``; a trailing number on a
role (``Content2``) is dropped. A relation becomes one gold quote per Content
span, each sharing the relation's Sources and Cue; relations without a Content
are counted and skipped. A Content with several fragments (``5 9;12 20``) is
mostly a quote interrupted by "he said"; the service reports each part as a
quote of its own (``“A,” he said, “B.”`` is two quotes), so each fragment is a
gold quote by default; ``--hull`` scores the hull (min start to max end)
instead. Fragments that only spaces within a line part are one: PolNeAR cuts a
Content at each sentence break, and a quotation of two sentences is one quote.
Every span's text is checked against the article (fragments joined by one space,
as brat writes them); mismatches are counted and listed, and the
offsets are used regardless.

Matching. Both spans of a pair are first trimmed of whitespace, quotation marks
and other punctuation at both ends. "exact" means the trimmed spans are equal;
"jaccard" means their character-overlap Jaccard (shared characters over
characters in either) is at least 0.5. Exact is Jaccard 1, so both modes run the
same code with a different threshold. Pairs are matched one to one, greedily:
all pairs passing the test are taken best score first (ties by position), and a
pair is kept when neither side is taken yet.

Predictions. A ``partial`` quote inside a predicted ``indirect`` quote (``Putin
said Moscow would unite against a “mutual enemy”``) refines that quote, and
PolNeAR annotates only the enclosing attribution; such partials are set aside
(and counted) unless ``--keep-nested-partials`` is given.

Metrics, micro-averaged over the articles, each in both modes:

* content: a predicted quote matches a gold quote when their contents match.
* content+speaker: the contents match and so do the speakers: the predicted
  speaker span matches one of the gold Sources, or, when the gold has no Source
  (``Attribution-no-source``), the predicted speaker is None.
* speaker: per attribution, ignoring content: the predicted quotes that name a
  speaker against the gold quotes that have a Source (an attribution with two
  Contents counts twice, as a speaker named for two quotes does); a pair matches
  when the speaker span matches one of the Sources. Among equally good matches
  the pair whose contents overlap most is taken first, so the same "he said"
  is credited to the right attribution where possible.

Precision is matched predictions over predictions, recall matched gold over gold,
F1 their harmonic mean; each is 0 when there is nothing to divide by. The
"direct" rows restrict both sides, with one test for both: a span is direct when
it, widened by one character each side (our quote text excludes its marks),
contains a double quotation mark (" “ ” „ ‟ « »). Single quotes are left out
because ’ is mostly an apostrophe. Subset rows reuse the overall matching:
precision counts direct predictions matched to any gold quote, recall direct
gold quotes matched to any prediction. The test ignores the predicted ``kind``;
the kind table gives, per kind, the share of predictions whose content matches
a gold quote (Jaccard mode).

PolNeAR annotates beliefs, intentions and knowledge as well as speech ("she
believes", "he wants"), so recall against it has a ceiling well below 1 for a
speech-only extractor: the cue table and the share of gold cues that
``service.nlp.quotes.is_reporting_cue`` does not accept say how far.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.nlp.results import Cue  # noqa: E402
from service.nlp.results import Entity  # noqa: E402
from service.nlp.results import Quote  # noqa: E402
from service.nlp.results import Sentence  # noqa: E402
from service.nlp.results import Speaker  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"
MODES = {"exact": 1.0, "jaccard": 0.5}
METRICS = ("content", "content+speaker", "speaker")
SUBSETS = ("all", "direct")
DIRECT_MARKS = frozenset('"“”„‟«»')
QUOTE_MARKS = frozenset("“”‘’\"'«»„‟‹›")

_RECORD = re.compile(r"^(?:[TERAMN]\d+|#\d*|\*)\t")
_TEXT_BOUND = re.compile(r"^T(\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$", re.DOTALL)
_ROLE = re.compile(r"^([A-Za-z-]+?)\d*:(T\d+)$")


@dataclass(frozen=True)
class Span:
    """A gold span: its hull (min start, max end), fragments and the text the file gives."""

    label: str
    start: int
    end: int
    fragments: tuple[tuple[int, int], ...]
    text: str


@dataclass(frozen=True)
class GoldQuote:
    """One Content span of a PolNeAR attribution, with that attribution's Sources and Cue."""

    relation: str
    content: Span
    sources: tuple[Span, ...]
    cue: Span | None


@dataclass
class ParsedAnn:
    """The gold quotes of one .ann file and what was odd about it."""

    quotes: list[GoldQuote] = field(default_factory=list)
    relations: int = 0
    no_content: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    discontinuous: Counter = field(default_factory=Counter)
    unknown_roles: Counter = field(default_factory=Counter)
    cues: list[str] = field(default_factory=list)
    no_cue: int = 0


def _records(ann: str) -> list[str]:
    # A span's text may contain line breaks, which brat writes as they are: a line
    # that does not start a record continues the one before it.
    lines = ann.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    records: list[str] = []
    for line in lines:
        if _RECORD.match(line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    return records


def _joined_in_line(text: str, fragments: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``fragments``, with neighbours that only spaces within one line part joined.

    PolNeAR cuts a Content that runs over sentences at each sentence break, so a
    quotation of two sentences comes as two fragments one space apart: that is one
    quote. A fragment after "he said", or after a paragraph break, is another (the
    service reports a quote per paragraph).
    """
    joined: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        if joined and _is_space_in_line(text[joined[-1][1] : start]):
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _is_space_in_line(gap: str) -> bool:
    return not gap.strip() and "\n" not in gap and "\r" not in gap


def parse_ann(ann: str, text: str, name: str = "", fragments: bool = False) -> ParsedAnn:
    """The gold quotes of a brat attribution file, checked against the article ``text``.

    With ``fragments``, each fragment of a discontinuous Content is a gold quote of
    its own (fragments of nothing but punctuation and space are dropped); without,
    the Content is its hull.
    """
    out = ParsedAnn()
    bounds: dict[str, Span] = {}
    relations: list[tuple[str, str]] = []
    for record in _records(ann):
        if record.startswith("T"):
            found = _TEXT_BOUND.match(record)
            if not found:
                out.problems.append(f"{name}: unreadable line {record[:60]!r}")
                continue
            number, label, offsets, written = found.groups()
            parts = tuple(
                (int(a), int(b)) for a, b in (pair.split() for pair in offsets.split(";"))
            )
            start, end = min(a for a, _ in parts), max(b for _, b in parts)
            if any(a > b for a, b in parts) or end > len(text):
                out.problems.append(f"{name}: T{number} offsets {offsets} outside the text")
                continue
            if len(parts) > 1:
                out.discontinuous[label] += 1
            sliced = " ".join(text[a:b] for a, b in parts)
            if sliced != written:
                out.mismatches.append(
                    f"{name}: T{number} file has {written[:60]!r}, text {sliced[:60]!r}"
                )
            bounds[f"T{number}"] = Span(label, start, end, parts, written)
        elif record.startswith("E"):
            number, _, args = record.partition("\t")
            relations.append((number, args))
    for number, args in relations:
        out.relations += 1
        roles: dict[str, list[Span]] = {"Content": [], "Source": [], "Cue": []}
        for arg in args.split():
            found = _ROLE.match(arg)
            if not found:
                out.problems.append(f"{name}: {number} unreadable argument {arg!r}")
                continue
            role, ref = found.groups()
            if role.startswith("Attribution"):
                continue
            if role not in roles:
                out.unknown_roles[role] += 1
                continue
            if ref not in bounds:
                out.problems.append(f"{name}: {number} refers to missing {ref}")
                continue
            roles[role].append(bounds[ref])
        if not roles["Content"]:
            out.no_content.append(number)
            continue
        cue = roles["Cue"][0] if roles["Cue"] else None
        if cue is None:
            out.no_cue += 1
        else:
            out.cues.append(cue.text)
        for content in roles["Content"]:
            pieces = [content]
            if fragments and len(content.fragments) > 1:
                pieces = [
                    Span(content.label, a, b, ((a, b),), text[a:b])
                    for a, b in _joined_in_line(text, content.fragments)
                    if trim(text, a, b)[1] > trim(text, a, b)[0]
                ]
            for piece in pieces:
                out.quotes.append(GoldQuote(number, piece, tuple(roles["Source"]), cue))
    return out


def _trimmable(char: str) -> bool:
    return char.isspace() or char in QUOTE_MARKS or unicodedata.category(char).startswith("P")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` moved inwards past whitespace, quotation marks and punctuation."""
    while start < end and _trimmable(text[start]):
        start += 1
    while end > start and _trimmable(text[end - 1]):
        end -= 1
    return start, end


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character-overlap Jaccard of two spans; 0 when either is empty."""
    if a[1] <= a[0] or b[1] <= b[0]:
        return 0.0
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return shared / ((a[1] - a[0]) + (b[1] - b[0]) - shared)


def is_direct(text: str, start: int, end: int) -> bool:
    """Whether the span, widened by one character each side, has a double quotation mark."""
    return any(char in DIRECT_MARKS for char in text[max(0, start - 1) : end + 1])


def match_one_to_one(
    candidates: Iterable[tuple[tuple[float, ...], int, int]],
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of ``(score, gold index, predicted index)`` triples.

    Best score first, ties by gold then predicted index; a pair is kept when
    neither side is matched yet.
    """
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    pairs = []
    for _, g, p in sorted(candidates, key=lambda c: (tuple(-s for s in c[0]), c[1], c[2])):
        if g not in taken_gold and p not in taken_pred:
            taken_gold.add(g)
            taken_pred.add(p)
            pairs.append((g, p))
    return pairs


def without_nested_partials(pred: Sequence[Quote]) -> tuple[Quote, ...]:
    """The predictions less partial quotes that lie inside a predicted indirect quote."""
    reported = [(q.start, q.end) for q in pred if q.kind == "indirect"]
    return tuple(
        q
        for q in pred
        if q.kind != "partial" or not any(s <= q.start and q.end <= e for s, e in reported)
    )


def prf(matched_pred: int, pred: int, matched_gold: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1; each is 0 when there is nothing to divide by."""
    p = matched_pred / pred if pred else 0.0
    r = matched_gold / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _speaker_score(text: str, gold: GoldQuote, pred: Quote, threshold: float) -> float | None:
    """How well the predicted speaker matches the gold Sources; None if it does not."""
    if pred.speaker is None:
        return 1.0 if not gold.sources else None
    said = trim(text, pred.speaker.start, pred.speaker.end)
    best = max((jaccard(said, trim(text, s.start, s.end)) for s in gold.sources), default=0.0)
    return best if best >= threshold else None


def candidates(
    metric: str, text: str, gold: Sequence[GoldQuote], pred: Sequence[Quote], threshold: float
) -> list[tuple[tuple[float, ...], int, int]]:
    """Every (score, gold index, predicted index) pair that passes ``metric`` at ``threshold``."""
    out = []
    gold_spans = [trim(text, g.content.start, g.content.end) for g in gold]
    pred_spans = [trim(text, q.start, q.end) for q in pred]
    for gi, g in enumerate(gold):
        if metric == "speaker" and not g.sources:
            continue
        for pi, q in enumerate(pred):
            overlap = jaccard(gold_spans[gi], pred_spans[pi])
            if metric == "speaker":
                if q.speaker is None:
                    continue
                said = _speaker_score(text, g, q, threshold)
                if said is not None:
                    out.append(((said, overlap), gi, pi))
            elif overlap >= threshold:
                if metric == "content":
                    out.append(((overlap,), gi, pi))
                else:
                    said = _speaker_score(text, g, q, threshold)
                    if said is not None:
                        out.append(((overlap, said), gi, pi))
    return out


def score_article(text: str, gold: Sequence[GoldQuote], pred: Sequence[Quote]) -> dict:
    """Counts for every metric, mode and subset, plus the matchings, for one article."""
    gold_direct = [is_direct(text, g.content.start, g.content.end) for g in gold]
    pred_direct = [is_direct(text, q.start, q.end) for q in pred]
    gold_in = {
        "content": [True] * len(gold),
        "content+speaker": [True] * len(gold),
        "speaker": [bool(g.sources) for g in gold],
    }
    pred_in = {
        "content": [True] * len(pred),
        "content+speaker": [True] * len(pred),
        "speaker": [q.speaker is not None for q in pred],
    }
    counts: dict = {}
    pairs: dict = {}
    for metric in METRICS:
        for mode, threshold in MODES.items():
            matched = match_one_to_one(candidates(metric, text, gold, pred, threshold))
            pairs[metric, mode] = matched
            matched_gold = {g for g, _ in matched}
            matched_pred = {p for _, p in matched}
            for subset in SUBSETS:
                keep_g = [
                    i
                    for i, inside in enumerate(gold_in[metric])
                    if inside and (subset == "all" or gold_direct[i])
                ]
                keep_p = [
                    i
                    for i, inside in enumerate(pred_in[metric])
                    if inside and (subset == "all" or pred_direct[i])
                ]
                counts[f"{metric}|{mode}|{subset}"] = {
                    "gold": len(keep_g),
                    "pred": len(keep_p),
                    "matched_gold": sum(i in matched_gold for i in keep_g),
                    "matched_pred": sum(i in matched_pred for i in keep_p),
                }
    return {"counts": counts, "pairs": pairs, "gold_direct": gold_direct}


def add_counts(total: dict, counts: dict) -> None:
    """Add one article's counts into ``total``."""
    for key, row in counts.items():
        into = total.setdefault(key, dict.fromkeys(row, 0))
        for name, value in row.items():
            into[name] += value


# --- loading ---------------------------------------------------------------


def read_text(path: Path) -> str:
    """An article exactly as stored (UTF-8, line endings and any BOM kept)."""
    return path.read_bytes().decode("utf-8")


def load_split(
    data: Path, split: str, limit: int | None = None, fragments: bool = False
) -> tuple[list[dict], list[str]]:
    """The split's articles with their parsed gold, and the stems that have no .ann file."""
    texts = sorted((data / split / "text").glob("*.txt"))
    anns = sorted((data / split / "attributions").glob("*.ann"))
    if not texts or not anns:
        raise FileNotFoundError(
            f"no PolNeAR {split} articles in {data / split} (text/*.txt and "
            "attributions/*.ann); point --data at the PolNeAR folder"
        )
    by_stem: dict[str, list[Path]] = {}
    for ann in anns:
        by_stem.setdefault(re.sub(r"_[0-9a-f]{4}$", "", ann.stem), []).append(ann)
    skipped = [path.stem for path in texts if path.stem not in by_stem]
    articles = []
    for path in (path for path in texts if path.stem in by_stem):
        if limit is not None and len(articles) >= limit:
            break
        ann = by_stem[path.stem][0]
        text = read_text(path)
        gold = parse_ann(ann.read_text(encoding="utf-8"), text, ann.name, fragments)
        articles.append(
            {
                "stem": path.stem,
                "ann": ann.name,
                "annotators": len(by_stem[path.stem]),
                "text": text,
                "gold": gold,
            }
        )
    return articles, skipped


def quotes_from_json(items: Sequence[dict]) -> tuple[Quote, ...]:
    """API ``quotes`` objects as ``Quote`` records."""

    def part(cls: Callable, value: dict | None, *names: str):
        return None if value is None else cls(*(value[n] for n in names))

    return tuple(
        Quote(
            item["id"],
            item["text"],
            item["start"],
            item["end"],
            item["kind"],
            part(Speaker, item.get("speaker"), "text", "start", "end", "entity"),
            part(Cue, item.get("cue"), "text", "start", "end"),
        )
        for item in items
    )


def predict_http(url: str, texts: Sequence[str]) -> list[tuple[Quote, ...]]:
    """Quotes from a running service, one POST /v1/annotate per text."""
    import urllib.request

    out = []
    for text in texts:
        request = urllib.request.Request(
            url.rstrip("/") + "/v1/annotate",
            data=json.dumps({"text": text, "include": ["quotes"]}).encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=300) as response:
            out.append(quotes_from_json(json.loads(response.read())["quotes"]))
    return out


def predict_local(texts: Sequence[str], threads: int, batch: int) -> list[tuple[Quote, ...]]:
    """Quotes from the in-process annotator, ``batch`` texts per stanza pass."""
    from service.nlp.annotator import load_annotator
    from service.settings import Settings

    began = time.perf_counter()
    annotator = load_annotator(Settings.from_env().model_dir, torch_threads=threads)
    print(f"  models loaded in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    out: list[tuple[Quote, ...]] = []
    for first in range(0, len(texts), batch):
        chunk = texts[first : first + batch]
        out.extend(a.quotes for a in annotator.annotate_many(chunk, include=["quotes"]))
        print(f"  annotated {len(out)}/{len(texts)}", file=sys.stderr)
    return out


@dataclass(frozen=True)
class _Item:
    """A token or NER span of a cached parse: what the extractors read from stanza."""

    start_char: int
    end_char: int
    type: str = ""


@dataclass(frozen=True)
class _Sentence:
    tokens: tuple[_Item, ...]


@dataclass(frozen=True)
class CachedDoc:
    """The parts of a stanza Document the extractors use."""

    sentences: tuple[_Sentence, ...]
    ents: tuple[_Item, ...]

    @staticmethod
    def plain(doc: object) -> tuple:
        """The parse as plain lists, to keep as JSON."""
        return (
            [[(t.start_char, t.end_char) for t in s.tokens] for s in doc.sentences],  # type: ignore[attr-defined]
            [(e.start_char, e.end_char, e.type) for e in doc.ents],  # type: ignore[attr-defined]
        )

    @classmethod
    def of(cls, plain: tuple) -> CachedDoc:
        sentences, ents = plain
        return cls(
            tuple(_Sentence(tuple(_Item(s, e) for s, e in tokens)) for tokens in sentences),
            tuple(_Item(*ent) for ent in ents),
        )


def quotes_of(
    text: str,
    doc: object | None,
    check: object = "shipped",
    tagger: object = "shipped",
    ends: object = "shipped",
    starts: object = "shipped",
    speaker_ends: object = "shipped",
) -> tuple[Quote, ...]:
    """The quotes the annotator builds from a parse (entities first, as it does);
    ``check``, ``tagger``, ``ends``, ``starts`` and ``speaker_ends`` as for
    ``extract_quotes`` (``check=None``: every candidate the rules find)."""
    from service.nlp.quotes import extract_quotes

    if doc is None:
        return ()
    sentences, entities = parsed(text, doc)
    choosers = (ends, starts, speaker_ends)
    return extract_quotes(doc, text, sentences, entities, check, tagger, *choosers)  # type: ignore[arg-type]


def parsed(text: str, doc: object) -> tuple[tuple[Sentence, ...], tuple[Entity, ...]]:
    """The sentences and entities the annotator builds from a parse, before quotes."""
    from service.nlp.annotator import sentences_of
    from service.nlp.entities import extract_entities

    sentences = sentences_of(doc)
    return sentences, extract_entities(doc, text, [s.start for s in sentences])


def cached_parses(
    texts: Sequence[str], cache: Path, threads: int = 1, batch: int = 16
) -> list[CachedDoc | None]:
    """stanza's parses of ``texts``, kept in ``cache`` (made on the first call)."""
    import hashlib

    key = hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()[:16]
    path = cache / f"polnear-{key}.json"
    if path.exists():
        plain = json.loads(path.read_text(encoding="utf-8"))
    else:
        from service.nlp.annotator import load_annotator
        from service.settings import Settings

        annotator = load_annotator(Settings.from_env().model_dir, torch_threads=threads)
        plain = []
        for first in range(0, len(texts), batch):
            parsed = annotator.parse(texts[first : first + batch])
            plain.extend(None if d is None else CachedDoc.plain(d) for d in parsed)
            print(f"  parsed {len(plain)}/{len(texts)}", file=sys.stderr)
        cache.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(plain), encoding="utf-8")
    return [None if p is None else CachedDoc.of(p) for p in plain]


def predict_cached(
    texts: Sequence[str],
    cache: Path,
    threads: int,
    batch: int,
    filtered: bool = True,
    tagged: bool = True,
    bounded: bool = True,
) -> list[tuple[Quote, ...]]:
    """Quotes from parses kept in ``cache`` (made on the first run with local models);
    ``filtered=False``: the rules' candidates, without the learned filter or tagger;
    ``tagged=False``: without the learned tagger; ``bounded=False``: without the
    learned start, end and speaker choosers."""
    docs = cached_parses(texts, cache, threads, batch)
    check = "shipped" if filtered else None
    tagger = "shipped" if tagged else None
    chooser = "shipped" if bounded else None
    return [
        quotes_of(text, doc, check, tagger, chooser, chooser, chooser)
        for text, doc in zip(texts, docs, strict=True)
    ]


def reporting_cue_test() -> Callable[[str], bool] | None:
    """``is_reporting_cue`` from the extractor, or None while it does not exist."""
    try:
        from service.nlp.quotes import is_reporting_cue
    except ImportError:
        return None
    return is_reporting_cue


# --- reports ---------------------------------------------------------------


def gold_statistics(articles: Sequence[dict], skipped: Sequence[str], top: int) -> dict:
    """What the gold holds: counts, direct share, odd spans, frequent cues."""
    quotes = [q for a in articles for q in a["gold"].quotes]
    direct = sum(
        is_direct(a["text"], q.content.start, q.content.end)
        for a in articles
        for q in a["gold"].quotes
    )
    scored_relations = {(a["stem"], q.relation) for a in articles for q in a["gold"].quotes}
    discontinuous: Counter = Counter()
    unknown: Counter = Counter()
    for a in articles:
        discontinuous.update(a["gold"].discontinuous)
        unknown.update(a["gold"].unknown_roles)
    cues = Counter(" ".join(c.lower().split()) for a in articles for c in a["gold"].cues)
    test = reporting_cue_test()
    cue_total = sum(cues.values())
    uncovered = None if test is None else sum(n for c, n in cues.items() if not test(c))
    return {
        "articles": len(articles),
        "articles_skipped_no_ann": len(skipped),
        "articles_with_several_annotators": sum(a["annotators"] > 1 for a in articles),
        "relations": sum(a["gold"].relations for a in articles),
        "relations_without_content": sum(len(a["gold"].no_content) for a in articles),
        "relations_scored": len(scored_relations),
        "relations_without_cue": sum(a["gold"].no_cue for a in articles),
        "gold_quotes": len(quotes),
        "gold_quotes_direct": direct,
        "gold_quotes_without_source": sum(not q.sources for q in quotes),
        "gold_quotes_with_several_sources": sum(len(q.sources) > 1 for q in quotes),
        "gold_contents_starting_with_that": sum(
            a["text"][q.content.start : q.content.end].lower().startswith("that ")
            for a in articles
            for q in a["gold"].quotes
        ),
        "discontinuous_spans": dict(discontinuous),
        "unknown_roles": dict(unknown),
        "text_mismatches": sum(len(a["gold"].mismatches) for a in articles),
        "text_mismatch_examples": [m for a in articles for m in a["gold"].mismatches][:10],
        "parse_problems": [p for a in articles for p in a["gold"].problems],
        "cues_total": cue_total,
        "cues_not_reporting": uncovered,
        "cues_not_reporting_share": None
        if uncovered is None
        else (uncovered / cue_total if cue_total else 0.0),
        "top_cues": [
            {"cue": c, "count": n, "reporting": None if test is None else test(c)}
            for c, n in cues.most_common(top)
        ],
    }


def _show(text: str, start: int, end: int, width: int = 50, longest: int = 400) -> str:
    inside = text[start:end]
    if len(inside) > longest:
        inside = inside[: longest // 2] + " […] " + inside[-longest // 2 :]
    shown = f"…{text[max(0, start - width) : start]}⟦{inside}⟧{text[end : end + width]}…"
    return " ".join(shown.split())


def _gold_line(text: str, g: GoldQuote) -> str:
    sources = " / ".join(f"{s.text!r} [{s.start}:{s.end}]" for s in g.sources) or "none"
    cue = f"{g.cue.text!r}" if g.cue else "none"
    where = f"[{g.content.start}:{g.content.end}]"
    shown = _show(text, g.content.start, g.content.end)
    return f"gold {g.relation} {where} source {sources}; cue {cue}\n      {shown}"


def _pred_line(text: str, q: Quote) -> str:
    speaker = f"{q.speaker.text!r} [{q.speaker.start}:{q.speaker.end}]" if q.speaker else "none"
    cue = f"{q.cue.text!r}" if q.cue else "none"
    shown = _show(text, q.start, q.end)
    return f"pred {q.id} {q.kind} [{q.start}:{q.end}] speaker {speaker}; cue {cue}\n      {shown}"


ERRORS_HEADER = """\
Misses and near misses per article, content in Jaccard mode (>= 0.5):
  FN    a gold quote no prediction matches
  FP    a prediction no gold quote matches
  SPKR  the content matches but the speaker does not (gold Sources vs predicted speaker)
  SPAN  the content matches by overlap only, not exactly (after trimming)
⟦ ⟧ mark the span in its context; [start:end] are code-point offsets.

"""


def error_dump(article: dict, pred: Sequence[Quote], scored: dict) -> str:
    """A readable list of one article's misses (Jaccard mode) and near misses."""
    text, gold = article["text"], article["gold"].quotes
    content = scored["pairs"]["content", "jaccard"]
    exact = set(scored["pairs"]["content", "exact"])
    with_speaker = set(scored["pairs"]["content+speaker", "jaccard"])
    matched_g = {g for g, _ in content}
    matched_p = {p for _, p in content}
    lines = [
        f"=== {article['stem']} ({article['ann']}): gold {len(gold)}, "
        f"predicted {len(pred)}, content matches {len(content)}"
    ]
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            lines.append("FN   " + _gold_line(text, g))
    for pi, q in enumerate(pred):
        if pi not in matched_p:
            lines.append("FP   " + _pred_line(text, q))
    for gi, pi in content:
        if (gi, pi) not in with_speaker:
            lines.append(
                "SPKR " + _gold_line(text, gold[gi]) + "\n     " + _pred_line(text, pred[pi])
            )
        elif (gi, pi) not in exact:
            lines.append(
                "SPAN " + _gold_line(text, gold[gi]) + "\n     " + _pred_line(text, pred[pi])
            )
    return "\n".join(lines) + "\n"


def figures(total: dict) -> dict:
    """P/R/F1 for every counted row."""
    out = {}
    for key, row in total.items():
        p, r, f = prf(row["matched_pred"], row["pred"], row["matched_gold"], row["gold"])
        out[key] = {**row, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    return out


def markdown(
    split: str,
    stats: dict,
    scores: dict,
    kinds: dict,
    seconds: float | None,
    source: str = "local models, loading included",
) -> str:
    """The tables for the README."""
    out = [
        f"PolNeAR {split}: {stats['articles']} articles "
        f"({stats['articles_skipped_no_ann']} without annotations skipped), "
        f"{stats['gold_quotes']} gold quotes from {stats['relations_scored']} attributions "
        f"({stats['relations_without_content']} without content skipped), "
        f"{stats['gold_quotes_direct']} direct"
        + (", discontinuous contents split into fragments." if stats["fragments"] else "."),
        "",
        "| metric | match | subset | gold | predicted | precision | recall | F1 |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for metric in METRICS:
        for mode in MODES:
            for subset in SUBSETS:
                row = scores[f"{metric}|{mode}|{subset}"]
                shown = "exact" if mode == "exact" else "Jaccard ≥ 0.5"
                out.append(
                    f"| {metric} | {shown} | {subset} | {row['gold']} | {row['pred']} "
                    f"| {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} |"
                )
    if kinds:
        out += [
            "",
            "| predicted kind | quotes | content match (Jaccard ≥ 0.5) | share |",
            "|---|---:|---:|---:|",
        ]
        for kind, (n, hit) in sorted(kinds.items()):
            out.append(f"| {kind} | {n} | {hit} | {hit / n if n else 0:.3f} |")
    share = stats["cues_not_reporting_share"]
    out += [
        "",
        "Gold cues not accepted by `is_reporting_cue`: "
        + (
            "n/a (not in service.nlp.quotes yet)"
            if share is None
            else f"{stats['cues_not_reporting']} of {stats['cues_total']} ({share:.1%})"
        ),
        "",
        "| gold cue (lower-cased) | count | reporting cue |",
        "|---|---:|---|",
    ]
    for row in stats["top_cues"]:
        said = "n/a" if row["reporting"] is None else ("yes" if row["reporting"] else "no")
        out.append(f"| {row['cue']} | {row['count']} | {said} |")
    if seconds is not None:
        out += [
            "",
            f"Prediction wall time: {seconds:.1f} s for {stats['articles']} articles ({source}).",
        ]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Score the split and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="PolNeAR root (split/text, split/attributions)",
    )
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument(
        "--url", help="score a running service (http://host:port) instead of loading models"
    )
    parser.add_argument("--errors", type=Path, help="write misses and near misses per article here")
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument(
        "--gold-only", action="store_true", help="only the gold statistics; no models"
    )
    parser.add_argument(
        "--cache", type=Path, help="keep and reuse stanza's parses here (local models)"
    )
    parser.add_argument(
        "--no-filter",
        action="store_true",
        help="score the rules' candidates without the learned filter or tagger (needs --cache)",
    )
    parser.add_argument(
        "--no-tagger",
        action="store_true",
        help="score the rules and the filter without the learned tagger (needs --cache)",
    )
    parser.add_argument(
        "--no-bounds",
        action="store_true",
        help="keep the rules' starts and ends of indirect quotes and their speakers' ends, "
        "without the learned choosers (needs --cache)",
    )
    parser.add_argument("--threads", type=int, default=1, help="torch threads (local models)")
    parser.add_argument(
        "--batch", type=int, default=16, help="texts per stanza pass (local models)"
    )
    parser.add_argument("--top", type=int, default=20, help="rows in the cue table")
    parser.add_argument(
        "--hull",
        action="store_true",
        help="score a discontinuous gold Content as its hull, not fragment by fragment",
    )
    parser.add_argument(
        "--keep-nested-partials",
        action="store_true",
        help="score partial quotes inside a predicted indirect quote too",
    )
    args = parser.parse_args(argv)
    if (args.no_filter or args.no_tagger or args.no_bounds) and not args.cache:
        parser.error("--no-filter, --no-tagger and --no-bounds need --cache")

    try:
        articles, skipped = load_split(args.data, args.split, args.limit, not args.hull)
    except FileNotFoundError as error:
        parser.error(str(error))
    stats = gold_statistics(articles, skipped, args.top)
    stats["fragments"] = not args.hull
    seconds = None
    if args.gold_only:
        predictions: list[tuple[Quote, ...]] = [()] * len(articles)
    else:
        began = time.perf_counter()
        texts = [a["text"] for a in articles]
        if args.url:
            predictions = predict_http(args.url, texts)
        elif args.cache:
            predictions = predict_cached(
                texts,
                args.cache,
                args.threads,
                args.batch,
                filtered=not args.no_filter,
                tagged=not args.no_tagger,
                bounded=not args.no_bounds,
            )
        else:
            predictions = predict_local(texts, args.threads, args.batch)
        seconds = time.perf_counter() - began

    total: dict = {}
    kinds: dict[str, list[int]] = {}
    covers = reporting_cue_test()
    uncovered = [0, 0]  # gold quotes whose cue the rules' lists lack, and how many were found
    dumps = []
    per_article = []
    set_aside = 0
    for article, pred in zip(articles, predictions, strict=True):
        if not args.keep_nested_partials:
            kept = without_nested_partials(pred)
            set_aside += len(pred) - len(kept)
            pred = kept
        scored = score_article(article["text"], article["gold"].quotes, pred)
        add_counts(total, scored["counts"])
        hit = {p for _, p in scored["pairs"]["content", "jaccard"]}
        found = {g for g, _ in scored["pairs"]["content", "jaccard"]}
        for gi, g in enumerate(article["gold"].quotes):
            if covers is not None and g.cue is not None and not covers(g.cue.text):
                uncovered[0] += 1
                uncovered[1] += gi in found
        for pi, q in enumerate(pred):
            row = kinds.setdefault(q.kind, [0, 0])
            row[0] += 1
            row[1] += pi in hit
        per_article.append(
            {"article": article["stem"], "ann": article["ann"], **figures(scored["counts"])}
        )
        dumps.append(error_dump(article, pred, scored))
    scores = figures(total)

    source = args.url or (
        "local models, cached parses" if args.cache else "local models, loading included"
    )
    print(markdown(args.split, stats, scores, kinds, seconds, source))
    if uncovered[0]:
        print(
            f"\nGold quotes whose cue `is_reporting_cue` does not accept: {uncovered[0]}; "
            f"found (content Jaccard ≥ 0.5): {uncovered[1]} ({uncovered[1] / uncovered[0]:.1%})"
        )
    if set_aside:
        print(f"\nPartial quotes inside a predicted indirect quote, set aside: {set_aside}")
    for problem in stats["parse_problems"][:5]:
        print(f"parse problem: {problem}", file=sys.stderr)
    if stats["text_mismatches"]:
        print(f"{stats['text_mismatches']} span texts differ from the article", file=sys.stderr)
    if args.errors:
        args.errors.write_text(ERRORS_HEADER + "\n".join(dumps), encoding="utf-8")
    if args.json:
        report = {
            "split": args.split,
            "source": source,
            "seconds": seconds,
            "gold": stats,
            "scores": scores,
            "predicted_kinds": {
                k: {"quotes": n, "content_matched": h} for k, (n, h) in kinds.items()
            },
            "articles": per_article,
            "skipped_articles": skipped,
        }
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
