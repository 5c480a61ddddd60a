"""Span construction and possessive trimming."""

from __future__ import annotations

import pytest

from service.nlp.spans import MAX_RUN_CHARS
from service.nlp.spans import make_span
from service.nlp.spans import mask_long_runs
from service.nlp.spans import possessive_end


def test_make_span_takes_text_from_input() -> None:
    text = "Viva 😀 la France"
    span = make_span(text, 5, 6)
    assert (span.text, span.start, span.end) == ("😀", 5, 6)


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 99)])
def test_make_span_rejects_offsets_outside_text(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        make_span("short", start, end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syria's", "Syria"),
        ("Syria\u2019s", "Syria"),
        ("Turkey\u2019S", "Turkey"),
        ("the Islamic State's", "the Islamic State"),
        ("Jesus'", "Jesus"),
        ("the States\u2019", "the States"),
        ("Syria", "Syria"),
        ("'s", "'s"),
        ("Mrs", "Mrs"),
        ("Rock'n'roll", "Rock'n'roll"),
    ],
)
def test_possessive_end(text: str, expected: str) -> None:
    assert text[: possessive_end(text, 0, len(text))] == expected


@pytest.mark.parametrize(
    "text",
    [
        "short words only",
        "a" * MAX_RUN_CHARS,
        "x " + "b" * (MAX_RUN_CHARS + 1) + " y",
        "😀" * 1000 + "\r\n" + "é" * 300,
    ],
)
def test_mask_long_runs_keeps_length_and_blanks_only_long_runs(text: str) -> None:
    masked = mask_long_runs(text)
    assert len(masked) == len(text)
    for original, shown in zip(text, masked, strict=True):
        assert shown == original or shown == " "
    words = text.split()
    assert masked.split() == [w for w in words if len(w) <= MAX_RUN_CHARS]
