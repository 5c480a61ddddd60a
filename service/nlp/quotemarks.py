"""Quotation marks: which characters open and close a quote, and what they enclose.

Pairs are found on the raw text, paragraph by paragraph (a paragraph is a line),
so an unbalanced mark never swallows more than its own paragraph:

- Double marks: “ ” (English), „ “ and „ ” (German), « » and ‹ › (French), and
  the straight " whose role comes from its neighbours (a space before it
  opens, a space after it closes) or, when that says nothing, from alternation.
- Two straight apostrophes ('') are one double mark (the style of some newswires,
  ``''We won,'' he said``); in a run of three, the one beside the text is a
  single mark closing or opening a quote inside (``'Kosovo is special,'''``).
- Single marks: ‘ ’ and the straight ', but only where they cannot be an
  apostrophe: a mark between two letters (``Syria’s``, ``don’t``), before a
  digit (``’90s``) or after an ``s`` with no quote open (``voters’ rights``) is
  an apostrophe. Single marks pair only with each other.
- A quote opened inside another (“He said ‘no’ twice”) is part of the outer
  one's content; only outermost quotes are returned.
- An opening mark with no closing mark in its paragraph is dropped, except the
  news convention for quotes running over several paragraphs: each paragraph
  opens with a mark and only the last one closes. Such a paragraph's quote runs
  to the paragraph's end when the next paragraph opens with a mark too.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

OPENING_DOUBLE = "“„«‹"
CLOSING_DOUBLE = "”“»›"
OPENING_SINGLE = "‘‚"
CLOSING_SINGLE = "’"
STRAIGHT = "\"'"
ALL_MARKS = "“”„«»‹›‘’‚\"'"
# The spaces inside a line: the space and the tab, and the no-break and other Unicode
# spaces that web text has where a writer typed a space (``“…,”\xa0CBS News reported``).
INLINE_SPACES = (
    " \t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)

# What may come right before an opening mark, or right after a closing one.
_OPEN_LEFT = set(INLINE_SPACES + "([{—–-/:;,") | set(OPENING_DOUBLE) | set(OPENING_SINGLE)
_CLOSE_RIGHT = set(INLINE_SPACES + ")]}—–-/:;,.!?…") | set(CLOSING_DOUBLE) | set(CLOSING_SINGLE)
_PARAGRAPH = re.compile(r"[^\r\n]+")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A stretch of text in quotation marks.

    ``start``/``end`` bound the content, ``outer_start``/``outer_end`` include the
    marks (for a quote that runs on to the next paragraph, ``outer_end`` is the
    paragraph's end and there is no closing mark).
    """

    start: int
    end: int
    outer_start: int
    outer_end: int
    runs_on: bool = False


@dataclass(frozen=True, slots=True)
class _Mark:
    at: int
    kind: str  # "double" or "single"
    opens: bool
    closes: bool
    width: int = 1  # two for ''


def find_quoted(text: str) -> list[Quoted]:
    """Every outermost quoted stretch of ``text``, in order."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    found: list[Quoted] = []
    for n, (start, end) in enumerate(paragraphs):
        next_opens = n + 1 < len(paragraphs) and _opens_with_mark(text, *paragraphs[n + 1])
        found.extend(_paragraph_quotes(text, start, end, next_opens))
    return found


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(stripped) and (stripped[0] in OPENING_DOUBLE + '"' or stripped[:2] == "''")


def _paragraph_quotes(text: str, start: int, end: int, next_opens: bool) -> Iterator[Quoted]:
    marks = list(_marks(text, start, end))
    double = [m for m in marks if m.kind == "double"]
    pairs = _pair(double)
    # Single marks count only outside double quotes.
    inside = [(a.at, b.at) for a, b in pairs]
    single = [m for m in marks if m.kind == "single" and not _within(m.at, inside)]
    pairs += _pair(single)
    pairs.sort(key=lambda pair: pair[0].at)

    last_end = start
    for a, b in pairs:
        if a.at < last_end:
            continue  # nested in an earlier pair
        last_end = b.at + b.width
        if b.at > a.at + a.width:
            yield Quoted(a.at + a.width, b.at, a.at, b.at + b.width)

    # A quote left open at the paragraph's end runs on if the next paragraph opens one.
    opened = _unclosed_opener(double, pairs)
    if opened is not None and next_opens and opened.at >= last_end:
        content_end = len(text[start:end].rstrip()) + start
        if content_end > opened.at + opened.width:
            yield Quoted(
                opened.at + opened.width, content_end, opened.at, content_end, runs_on=True
            )


def _within(at: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``at`` is strictly inside one of ``ranges`` (sorted, not overlapping)."""
    i = bisect_left(ranges, (at, at)) - 1
    return i >= 0 and ranges[i][0] < at < ranges[i][1]


def _unclosed_opener(marks: list[_Mark], pairs: list[tuple[_Mark, _Mark]]) -> _Mark | None:
    used = {m.at for pair in pairs for m in pair}
    last_pair_end = max((b.at for _, b in pairs), default=-1)
    for mark in marks:
        if mark.opens and mark.at not in used and mark.at > last_pair_end:
            return mark
    return None


def _pair(marks: list[_Mark]) -> list[tuple[_Mark, _Mark]]:
    """Pair opening and closing marks left to right; an ambiguous mark alternates."""
    pairs = []
    open_mark: _Mark | None = None
    for mark in marks:
        if open_mark is None:
            if mark.opens:
                open_mark = mark
        elif mark.closes:
            pairs.append((open_mark, mark))
            open_mark = None
        elif mark.opens:
            open_mark = mark  # two openers in a row: the first was unbalanced
    return pairs


def _marks(text: str, start: int, end: int) -> Iterator[_Mark]:
    skip_to = start
    for at in range(start, end):
        char = text[at]
        if char not in ALL_MARKS or at < skip_to:
            continue
        if text.startswith("''", at):
            skip_to = at + (3 if text.startswith("'''", at) else 2)
            yield from _doubled(text, at, start, end)
            continue
        left = text[at - 1] if at > start else " "
        right = text[at + 1] if at + 1 < end else " "
        if char in "„«‹":
            yield _Mark(at, "double", True, False)
        elif char in "»›":
            yield _Mark(at, "double", False, True)
        elif char == "“":
            # English opener; closes a German „ quote when followed by a space or punctuation.
            yield _Mark(at, "double", not right.isspace(), right in _CLOSE_RIGHT)
        elif char == "”":
            yield _Mark(at, "double", False, True)
        elif char == '"':
            opens, closes = left in _OPEN_LEFT or left.isspace(), right in _CLOSE_RIGHT
            if opens == closes:
                opens = closes = True  # decided by alternation
            yield _Mark(at, "double", opens, closes)
        elif char in "‘‚":
            if not right.isspace() and not _is_elision(text, at, end):
                yield _Mark(at, "single", True, False)
        else:  # ’ or '
            mark = _single(text, at, start, end, left, right)
            if mark is not None:
                yield mark


def _doubled(text: str, at: int, start: int, end: int) -> Iterator[_Mark]:
    """'' as a double mark; ''' as a double and a single one, the single beside the text."""
    run = 3 if text.startswith("'''", at) else 2
    left = text[at - 1] if at > start else " "
    right = text[at + run] if at + run < end else " "
    opens = (left in _OPEN_LEFT or left.isspace()) and not right.isspace()
    closes = right in _CLOSE_RIGHT and not left.isspace()
    if opens == closes:
        opens = closes = True  # decided by alternation
    if run == 2:
        yield _Mark(at, "double", opens, closes, 2)
    elif closes and not opens:
        yield _Mark(at, "single", False, True)
        yield _Mark(at + 1, "double", False, True, 2)
    else:
        yield _Mark(at, "double", True, False, 2)
        yield _Mark(at + 2, "single", True, False)


def _single(text: str, at: int, start: int, end: int, left: str, right: str) -> _Mark | None:
    """A ’ or ' that is a quotation mark, or None for an apostrophe."""
    if left.isalnum() and right.isalnum():
        return None  # Syria’s, don’t
    if _is_elision(text, at, end):
        return None  # ’90s, ’em
    opens = (left.isspace() or left in _OPEN_LEFT) and not right.isspace()
    closes = not left.isspace() and (right in _CLOSE_RIGHT or right.isspace())
    if not opens and not closes:
        return None
    # After an s, a closing mark is read as a plural possessive unless a quote is open;
    # _pair drops closers with nothing open, which gives that for free.
    return _Mark(at, "single", opens and not closes, closes)


def _is_elision(text: str, at: int, end: int) -> bool:
    """’90s, ’em, ’til: an apostrophe standing for left-out letters or digits."""
    after = text[at + 1 : min(end, at + 4)]
    return bool(re.match(r"\d\d(s\b|\b)|(em|til|tis|n)\b", after))
