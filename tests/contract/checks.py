"""A schemathesis check of our own: every span of a 200 annotation points at the text sent.

Shared by the in-process run (tests/contract/test_schemathesis.py) and the run
against the live server (tests/live/test_schemathesis_live.py, through
tests/live/schemathesis_hooks.py).
"""

from __future__ import annotations

import json
from typing import Any

from schemathesis import Case
from schemathesis import CheckContext
from schemathesis import Response

from tests.invariants import iter_spans


def _submitted_texts(case: Case, response: Response) -> list[Any]:
    """The text of each document as it went over the wire, in order.

    Read from the request actually sent: for negative cases schemathesis may
    serialise a non-string ``case.body`` into a text/plain body.
    """
    sent = response.request.body or b""
    raw = sent.encode("utf-8") if isinstance(sent, str) else sent
    media_type = (response.request.headers.get("Content-Type") or "").split(";")[0].strip()
    if media_type == "text/plain":
        return [raw.decode("utf-8")]
    body = json.loads(raw)
    if case.operation.path == "/v1/annotate":
        return [body["text"]]
    documents = body["documents"]
    return [d.get("text") if isinstance(d, dict) else None for d in documents]


def spans_match_input(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Every span of a 200 annotation satisfies ``text == input[start:end]``."""
    if response.status_code != 200 or not case.operation.path.startswith("/v1/annotate"):
        return None
    data = response.json()
    results = data["results"] if "results" in data else [data]
    texts = _submitted_texts(case, response)
    assert len(results) == len(texts), (len(results), len(texts))
    for text, result in zip(texts, results, strict=True):
        if "error" in result:
            continue
        assert isinstance(text, str), "an annotation came back for a document without text"
        assert result["text_length"] == len(text)
        for path, span in iter_spans(result):
            assert 0 <= span["start"] <= span["end"] <= len(text), (path, span)
            if "text" in span:
                assert span["text"] == text[span["start"] : span["end"]], (path, span)
    return True
