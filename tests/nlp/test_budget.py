"""Time budgets: an annotation stops soon after its deadline and the annotator goes on."""

from __future__ import annotations

import threading
import time

import pytest

from service.nlp.annotator import Annotator
from service.nlp.errors import TimeBudgetExceeded
from tests.conftest import news_text


def test_every_model_checks_the_deadline(annotator: Annotator) -> None:
    # If a stanza upgrade renamed its trainers, budgets would only be checked between steps.
    assert annotator.checkpointed == list(annotator._pipeline.processors)


def test_an_expired_deadline_stops_the_annotation_and_the_next_call_works(
    annotator: Annotator,
) -> None:
    with pytest.raises(TimeBudgetExceeded) as caught:
        annotator.annotate("Angela Merkel spoke in Berlin.", deadline=time.monotonic() - 1)
    assert not caught.value.waiting
    assert annotator.annotate("Angela Merkel spoke in Berlin.").entities


def test_a_long_annotation_stops_within_a_batch_of_its_deadline(annotator: Annotator) -> None:
    text = news_text(150_000)  # several seconds of stanza on any CPU
    began = time.monotonic()
    with pytest.raises(TimeBudgetExceeded):
        annotator.annotate(text, deadline=began + 0.5)
    assert time.monotonic() - began < 3.0


def test_a_batch_reaches_stanza_in_chunks_with_the_same_results(
    annotator: Annotator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # stanza builds each step's output for a whole call between its batches, seconds for
    # a batch of long texts: the deadline is checked between calls of at most CHUNK_CHARS.
    monkeypatch.setattr("service.nlp.annotator.CHUNK_CHARS", 2_000)
    texts = [news_text(1_500), news_text(1_200), news_text(600), news_text(3_000)]
    calls = []
    process = annotator._pipeline.process

    def counted(batch: list, **kwargs: object) -> list:
        calls.append(len(batch))
        return process(batch, **kwargs)

    monkeypatch.setattr(annotator._pipeline, "process", counted)
    together = annotator.annotate_many(texts, [None] * len(texts))
    assert calls == [1, 2, 1]
    monkeypatch.setattr(annotator._pipeline, "process", process)
    alone = [annotator.annotate(text) for text in texts]
    assert [r.entities for r in together] == [r.entities for r in alone]
    assert [r.sentences for r in together] == [r.sentences for r in alone]


def test_a_call_queued_behind_a_long_one_gives_up_waiting(annotator: Annotator) -> None:
    began = time.monotonic()
    first: list[BaseException] = []

    def long_call() -> None:
        try:
            annotator.annotate(news_text(150_000), deadline=began + 2.0)
        except TimeBudgetExceeded as exc:
            first.append(exc)

    thread = threading.Thread(target=long_call)
    thread.start()
    time.sleep(0.3)  # let it take the pipeline
    with pytest.raises(TimeBudgetExceeded) as caught:
        annotator.annotate("Angela Merkel spoke.", deadline=time.monotonic() + 0.5)
    thread.join(10)
    assert caught.value.waiting
    assert first and not first[0].waiting
