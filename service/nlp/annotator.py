"""The annotator: runs stanza once per text (or once per batch) and builds the results."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Collection
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from service.nlp.budget import install_checkpoints
from service.nlp.claims import extract_claims
from service.nlp.entities import extract_entities
from service.nlp.entities import rank_by_speakers
from service.nlp.errors import TimeBudgetExceeded
from service.nlp.loader import RUN
from service.nlp.loader import ModelInfo
from service.nlp.loader import build_pipeline
from service.nlp.loader import inspect_models
from service.nlp.quotes import extract_quotes
from service.nlp.results import Annotation
from service.nlp.results import Quote
from service.nlp.results import Sentence
from service.nlp.spans import mask_long_runs

log = logging.getLogger(__name__)

#: The kinds of annotation a caller can ask for with ``include``.
ANNOTATIONS = ("entities", "quotes", "claims")

# What each kind is built from: speakers point to entities, claimants to speakers, and
# entities are ranked by the quotes they speak, so quotes are found whenever entities are
# (a few milliseconds a text); salience is then the same whatever the caller asked for.
_NEEDS = {
    "entities": {"entities", "quotes"},
    "quotes": {"entities", "quotes"},
    "claims": {"entities", "quotes", "claims"},
}

#: The most characters of text stanza is given in one call (one longer text goes alone):
#: enough to batch short texts, small enough that a call's own bookkeeping stays short.
CHUNK_CHARS = 50_000

WARM_UP_TEXT = "Barack Obama met Angela Merkel in Paris on Monday, officials said."


class Annotator:
    """Annotates texts with a loaded stanza pipeline.

    Safe to share between threads: calls into stanza are serialised by a lock,
    because one torch model already uses every thread it is given.

    Every call can take a ``deadline``, a ``time.monotonic()`` value: past it the
    call raises ``TimeBudgetExceeded``, whether it is still waiting for the lock
    or already annotating (see ``service.nlp.budget``).
    """

    def __init__(self, pipeline: Any, models: Mapping[str, str]) -> None:
        self._pipeline = pipeline
        self._lock = threading.Lock()
        # The deadline of the call holding the lock; read by the models' checkpoints.
        self._deadline: float | None = None
        self.models = dict(models)
        self.checkpointed = install_checkpoints(pipeline, self._check_deadline)

    def annotate(
        self,
        text: str,
        doc_id: str | None = None,
        include: Collection[str] | None = None,
        deadline: float | None = None,
    ) -> Annotation:
        """Annotate one text; ``include`` limits the annotations (default: all)."""
        return self.annotate_many([text], [doc_id], include, deadline)[0]

    def annotate_many(
        self,
        texts: Sequence[str],
        doc_ids: Sequence[str | None] | None = None,
        include: Collection[str] | None = None,
        deadline: float | None = None,
    ) -> list[Annotation]:
        """Annotate several texts with one pass of stanza over all of them.

        Results come back in the order of ``texts``. Each result's ``elapsed_ms``
        is the time of the whole call, since the texts are processed together.
        """
        began = time.perf_counter()
        wanted = frozenset(ANNOTATIONS if include is None else include)
        unknown = wanted - set(ANNOTATIONS)
        if unknown:
            raise ValueError(f"unknown annotations: {', '.join(sorted(unknown))}")
        ids = list(doc_ids) if doc_ids is not None else [None] * len(texts)
        if len(ids) != len(texts):
            raise ValueError("doc_ids and texts differ in length")

        docs = self.parse(texts, with_ner=bool(wanted), deadline=deadline)
        results = []
        for text, doc_id, doc in zip(texts, ids, docs, strict=True):
            _check(deadline)
            results.append(self._build(text, doc_id, doc, wanted, deadline))
        elapsed = round((time.perf_counter() - began) * 1000, 1)
        return [_with_elapsed(r, elapsed) for r in results]

    def parse(
        self, texts: Sequence[str], with_ner: bool = True, deadline: float | None = None
    ) -> list[Any | None]:
        """Run stanza on every text that has something to parse; None for blank ones.

        stanza sees a same-length copy with very long runs blanked
        (``mask_long_runs``); offsets are the same in both, and every span's text
        is taken from the caller's text.
        """
        import stanza

        shown = [mask_long_runs(text) for text in texts]
        todo = [i for i, text in enumerate(shown) if text.strip()]
        docs: list[Any | None] = [None] * len(texts)
        if not todo:
            return docs
        processors = ",".join(RUN) if with_ner else "tokenize"
        wait = -1 if deadline is None else max(0.0, deadline - time.monotonic())
        if not self._lock.acquire(timeout=wait):
            raise TimeBudgetExceeded(
                "The time budget ran out while waiting for other annotations to finish.",
                waiting=True,
            )
        try:
            self._deadline = deadline
            for chunk in _chunks(todo, [len(shown[i]) for i in todo]):
                # Between its models' batches stanza builds each step's output for the
                # whole call, seconds for long texts: a call per chunk keeps the stretch
                # between two deadline checks short.
                _check(deadline)
                batch = [stanza.Document([], text=shown[i]) for i in chunk]
                parsed = self._pipeline.process(batch, processors=processors)
                for i, doc in zip(chunk, parsed, strict=True):
                    docs[i] = doc
        finally:
            self._deadline = None
            self._lock.release()
        return docs

    def _build(
        self,
        text: str,
        doc_id: str | None,
        doc: Any | None,
        wanted: frozenset[str],
        deadline: float | None = None,
    ) -> Annotation:
        sentences = sentences_of(doc)
        built = set().union(*(_NEEDS[kind] for kind in wanted))
        entities = quotes = claims = None
        if "entities" in built:
            starts = [s.start for s in sentences]
            entities = extract_entities(doc, text, starts) if doc is not None else ()
        if "quotes" in built:
            _check(deadline)  # each step of a long text takes seconds: check between them
            quotes = extract_quotes(doc, text, sentences, entities) if doc is not None else ()
            # Speakers feed salience: rank and number entities again, and follow them in quotes.
            entities, renamed = rank_by_speakers(
                entities, (q.speaker.entity for q in quotes if q.speaker), len(text), starts
            )
            quotes = tuple(_with_speaker_ids(q, renamed) for q in quotes)
        if "claims" in built:
            _check(deadline)
            claims = extract_claims(doc, text, sentences, quotes) if doc is not None else ()
        return Annotation(
            id=doc_id,
            text_length=len(text),
            sentences=sentences,
            entities=entities if "entities" in wanted else None,
            quotes=quotes if "quotes" in wanted else None,
            claims=claims if "claims" in wanted else None,
            models=self.models,
            elapsed_ms=0.0,
        )

    def _check_deadline(self) -> None:
        _check(self._deadline)


def _chunks(items: Sequence[int], sizes: Sequence[int]) -> list[list[int]]:
    """``items`` in order, grouped so that each group's ``sizes`` add up to at most
    ``CHUNK_CHARS`` (a longer item stands alone)."""
    chunks: list[list[int]] = []
    total = CHUNK_CHARS
    for item, size in zip(items, sizes, strict=True):
        if total + size > CHUNK_CHARS:
            chunks.append([])
            total = 0
        chunks[-1].append(item)
        total += size
    return chunks


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise TimeBudgetExceeded("The annotation ran past its time budget.", waiting=False)


def sentences_of(doc: Any | None) -> tuple[Sentence, ...]:
    """The sentences of a parsed text (none for a blank text, whose doc is None)."""
    if doc is None:
        return ()
    bounds = [(s.tokens[0].start_char, s.tokens[-1].end_char) for s in doc.sentences if s.tokens]
    return tuple(Sentence(index, start, end) for index, (start, end) in enumerate(bounds))


def _with_speaker_ids(quote: Quote, renamed: Mapping[str, str]) -> Quote:
    speaker = quote.speaker
    if speaker is None or speaker.entity is None:
        return quote
    return replace(quote, speaker=replace(speaker, entity=renamed[speaker.entity]))


def _with_elapsed(result: Annotation, elapsed_ms: float) -> Annotation:
    return replace(result, elapsed_ms=elapsed_ms)


def load_annotator(model_dir: str, torch_threads: int, info: ModelInfo | None = None) -> Annotator:
    """Check the model directory, load the pipeline and warm it up.

    Raises:
        ModelsNotFound: the directory is missing, incomplete or unusable.
    """
    began = time.perf_counter()
    info = info or inspect_models(model_dir)
    annotator = Annotator(build_pipeline(info, torch_threads), info.packages)
    annotator.annotate(WARM_UP_TEXT)
    log.info(
        "models loaded",
        extra={
            "model_dir": str(info.model_dir),
            "models": info.packages,
            "torch_threads": torch_threads,
            "load_ms": round((time.perf_counter() - began) * 1000),
        },
    )
    return annotator
