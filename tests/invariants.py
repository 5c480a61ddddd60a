"""Checks that every response must pass, shared by the web, contract and CLI tests."""

from __future__ import annotations

from typing import Any


def iter_spans(body: Any, path: str = "$"):
    """Yield (path, span) for every object in ``body`` that has start and end offsets."""
    if isinstance(body, dict):
        if isinstance(body.get("start"), int) and isinstance(body.get("end"), int):
            yield path, body
        for key, value in body.items():
            yield from iter_spans(value, f"{path}.{key}")
    elif isinstance(body, list):
        for index, value in enumerate(body):
            yield from iter_spans(value, f"{path}[{index}]")


def check_annotation(body: dict[str, Any], text: str) -> None:
    """Assert the offset invariants of one annotate response for ``text``.

    Every span lies inside the text and its ``text`` (when it has one) equals
    ``text[start:end]``; sentences are in order and do not overlap; mentions
    point at a sentence that contains them; ids are unique.
    """
    assert body["text_length"] == len(text)
    for path, span in iter_spans(body):
        assert 0 <= span["start"] <= span["end"] <= len(text), (path, span)
        if "text" in span:
            assert span["text"] == text[span["start"] : span["end"]], (path, span)
    sentences = body["sentences"]
    assert [s["index"] for s in sentences] == list(range(len(sentences)))
    for before, after in zip(sentences, sentences[1:], strict=False):
        assert before["end"] <= after["start"], (before, after)
    for sentence in sentences:
        assert text[sentence["start"] : sentence["end"]].strip(), sentence
    entity_ids = [e["id"] for e in body.get("entities", [])]
    assert len(entity_ids) == len(set(entity_ids))
    for entity in body.get("entities", []):
        assert entity["mentions"], entity
        for mention in entity["mentions"]:
            sentence = sentences[mention["sentence"]]
            assert sentence["start"] <= mention["start"] <= mention["end"] <= sentence["end"]
