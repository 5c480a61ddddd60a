"""Spans into the caller's text, and the offset helpers every annotator uses.

Offsets are Python string indices, that is Unicode code points, into the exact
text the caller sent. ``make_span`` is the only way spans are made, so the
invariant ``span.text == text[span.start:span.end]`` holds everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Longest run of non-space characters the tokenizer is shown; see ``mask_long_runs``.
MAX_RUN_CHARS = 256
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")

# Apostrophes that end a possessive: ASCII, right single quotation mark, modifier letter.
APOSTROPHES = "'\u2019\u02bc"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the input: its text and code-point offsets."""

    text: str
    start: int
    end: int


def make_span(text: str, start: int, end: int) -> Span:
    """Return the span ``text[start:end]``.

    Raises:
        ValueError: the offsets are outside the text or reversed.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) is outside a text of length {len(text)}")
    return Span(text[start:end], start, end)


def possessive_end(text: str, start: int, end: int) -> int:
    """The end of ``text[start:end]`` without a trailing possessive (``'s``, ``’s``, ``s'``).

    The span is left as it is when removing the clitic would leave nothing.
    """
    piece = text[start:end]
    if len(piece) > 2 and piece[-2] in APOSTROPHES and piece[-1] in "sS":
        return end - 2
    if len(piece) > 2 and piece[-1] in APOSTROPHES and piece[-2] in "sS":
        return end - 1
    return end


def mask_long_runs(text: str) -> str:
    """The text the tokenizer sees: runs of over ``MAX_RUN_CHARS`` non-space characters blanked.

    stanza's tokenizer takes time quadratic in the length of one token (a
    200,000-character run takes minutes), and such runs (encoded data, hashes,
    glued URLs) hold no words or names. Each is replaced by as many spaces, so
    the copy has the same length and every offset still points into ``text``,
    which itself is never changed.
    """
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), text)
