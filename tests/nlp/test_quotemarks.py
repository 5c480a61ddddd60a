"""Pairing quotation marks on raw text (no model needed)."""

from __future__ import annotations

import pytest

from service.nlp.quotemarks import find_quoted

PAIRS = [
    pytest.param("“A,” he said. “B.”", ["A,", "B."], id="curly-double"),
    pytest.param('"A," he said, "B."', ["A,", "B."], id="straight-double"),
    pytest.param("He said ‘no’ to Syria’s plan in the ’90s.", ["no"], id="apostrophes"),
    pytest.param("the rebels’ guns and rock ’n’ roll", [], id="plural-possessive-and-elision"),
    pytest.param("“He said ‘no’ twice,” she said.", ["He said ‘no’ twice,"], id="nested"),
    pytest.param("« Bonjour », dit-il.", [" Bonjour "], id="guillemets"),
    pytest.param("„Wir schaffen das“, sagte sie.", ["Wir schaffen das"], id="german"),
    pytest.param("“Never closed. And more text", [], id="unbalanced-is-dropped"),
    pytest.param("“Stray” closer” here", ["Stray"], id="stray-closer"),
    pytest.param(
        "“First paragraph.\n“Second one,” she said.",
        ["First paragraph.", "Second one,"],
        id="runs-on-to-next-paragraph",
    ),
    pytest.param("“Open paragraph.\nPlain paragraph.", [], id="open-then-plain-paragraph"),
    pytest.param("''A,'' he said. ''B.''", ["A,", "B."], id="two-apostrophes"),
    pytest.param(
        "''We are told, 'no,''' he said.", ["We are told, 'no,'"], id="three-apostrophes-close"
    ),
    pytest.param("the ''real deal'' here, in Obama's view", ["real deal"], id="two-in-a-sentence"),
    pytest.param(
        "''First paragraph.\n''Second one,'' she said.",
        ["First paragraph.", "Second one,"],
        id="two-apostrophes-run-on",
    ),
]


@pytest.mark.parametrize(("text", "contents"), PAIRS)
def test_pairs(text: str, contents: list[str]) -> None:
    found = find_quoted(text)
    assert [text[q.start : q.end] for q in found] == contents
    for q in found:
        assert q.outer_start < q.start <= q.end <= q.outer_end


def test_running_on_is_flagged_and_ends_at_the_paragraph() -> None:
    text = "“First paragraph.  \n“Second one,” she said."
    first = find_quoted(text)[0]
    assert first.runs_on and text[first.start : first.end] == "First paragraph."


def test_long_text_of_marks_is_linear_enough() -> None:
    text = ('“a” ‘b’ "c" ' * 20000) + "“"
    assert len(find_quoted(text)) == 60000
