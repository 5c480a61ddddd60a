"""Property-based run of openapi.yaml against the app, in process, with the real annotator.

schemathesis generates requests from the contract (valid ones and invalid
ones), sends them to the WSGI app and checks every answer: no 5xx, a documented
status code and media type, a body that fits its schema, and, for annotations,
offsets that point at the submitted text. The run is bounded and derandomised,
so it gives the same cases every time.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import hypothesis
import pytest
import schemathesis
from flask import Flask
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.specs.openapi.checks import status_code_conformance
from werkzeug.test import Client
from werkzeug.test import TestResponse

from tests.contract.checks import spans_match_input
from tests.contract.spec import SPEC_PATH

# Built here, not discovered from a schemathesis.toml, so nothing outside this file changes the run.
CONFIG = schemathesis.Config.from_dict({"seed": 20240521})
schema = schemathesis.openapi.from_path(SPEC_PATH, config=CONFIG)


class BufferedClient(Client):
    """A WSGI test client that reads each body at once and closes what the app opened.

    schemathesis's own client never closes responses, so a file the app streams
    (the docs assets) would be left open and trip a ResourceWarning.
    """

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        kwargs["buffered"] = True
        return super().open(*args, **kwargs)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    spans_match_input,
]


@schema.parametrize()
@hypothesis.settings(
    deadline=None,
    max_examples=25,
    derandomize=True,
    database=None,
    # The app fixture is built once per operation and is stateless, so sharing it
    # between the examples of one operation is what we want.
    suppress_health_check=[
        hypothesis.HealthCheck.function_scoped_fixture,
        hypothesis.HealthCheck.too_slow,
    ],
)
def test_app_honours_the_contract(case: Case, app: Flask) -> None:
    case.call_and_validate(app=app, session=BufferedClient(app), checks=CHECKS)


def test_custom_check_catches_a_bad_span() -> None:
    # The span check must be able to fail, or the run above proves nothing about offsets.
    case = schema["/v1/annotate"]["POST"].Case(body="Obama spoke.", media_type="text/plain")
    sent = SimpleNamespace(body=b"Obama spoke.", headers={"Content-Type": "text/plain"})
    good = {"text": "Obama", "start": 0, "end": 5, "sentence": 0}
    bad = {"text": "Obama", "start": 1, "end": 6, "sentence": 0}

    def answer(mention: dict[str, Any]) -> Any:
        body = {"text_length": 12, "sentences": [], "entities": [{"mentions": [mention]}]}
        return SimpleNamespace(status_code=200, request=sent, json=lambda: body)

    assert spans_match_input(None, answer(good), case)  # type: ignore[arg-type]
    with pytest.raises(AssertionError):
        spans_match_input(None, answer(bad), case)  # type: ignore[arg-type]
