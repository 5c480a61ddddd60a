"""Real requests and responses, through the Flask test client, validated by openapi-core.

Every seed in both body formats, the batch route, the ops routes, and one case
or more for each error status go through the app; openapi-core then checks the
request and the response against openapi.yaml. Requests that are meant to be
invalid are checked the other way round: the spec must reject them too.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIResponse
from werkzeug.test import EnvironBuilder
from werkzeug.test import TestResponse
from werkzeug.wrappers import Request

from service.nlp.annotator import Annotator
from service.settings import Settings
from service.web.app import create_app
from tests.conftest import SEEDS
from tests.conftest import read_seed
from tests.contract.spec import HTTP_METHODS
from tests.contract.spec import PROBLEM_MEDIA_TYPE
from tests.contract.spec import SPEC_PATH
from tests.contract.spec import load_spec
from tests.contract.spec import openapi
from tests.contract.spec import validation_errors
from tests.invariants import check_annotation

PLAIN = "text/plain; charset=utf-8"
JSON = "application/json"
SEED_IDS = [seed.stem for seed in SEEDS]


@dataclass
class Exchange:
    """One request as the client sent it, and the app's response."""

    request: Request
    response: TestResponse

    @property
    def body(self) -> Any:
        return json.loads(self.response.get_data())


def send(
    client: FlaskClient,
    method: str,
    path: str,
    body: bytes | None = None,
    content_type: str | None = None,
) -> Exchange:
    """Send a request through ``client``, keeping a readable copy of it for openapi-core."""
    kwargs: dict[str, Any] = {"method": method, "data": body, "content_type": content_type}
    request = EnvironBuilder(path=path, **kwargs).get_request()
    request.get_data()  # read the body now; openapi-core reads it later
    # Buffered: the body is read, and files behind send_file closed, before this returns.
    response = client.open(path, buffered=True, **kwargs)
    return Exchange(request, response)


def send_json(client: FlaskClient, path: str, body: Any) -> Exchange:
    return send(client, "POST", path, json.dumps(body).encode(), JSON)


def _lines(errors: list[Exception]) -> str:
    return "\n".join(f"- {type(e).__name__}: {e}" for e in errors)


def assert_request_conforms(exchange: Exchange) -> None:
    errors = list(openapi().iter_request_errors(WerkzeugOpenAPIRequest(exchange.request)))
    assert not errors, f"the request breaks openapi.yaml:\n{_lines(errors)}"


def assert_request_rejected_by_spec(exchange: Exchange) -> None:
    errors = list(openapi().iter_request_errors(WerkzeugOpenAPIRequest(exchange.request)))
    assert errors, "the app rejected this request, but openapi.yaml allows it"


def assert_response_conforms(exchange: Exchange) -> None:
    errors = list(
        openapi().iter_response_errors(
            WerkzeugOpenAPIRequest(exchange.request), WerkzeugOpenAPIResponse(exchange.response)
        )
    )
    assert not errors, (
        f"the {exchange.response.status_code} response breaks openapi.yaml:\n{_lines(errors)}\n"
        f"body: {exchange.response.get_data()[:2000]!r}"
    )


def assert_exchange_conforms(exchange: Exchange) -> None:
    assert_request_conforms(exchange)
    assert_response_conforms(exchange)


def assert_response_matches_component(exchange: Exchange, component: str) -> None:
    """For answers to routes or methods the spec does not have, check a shared response."""
    spec = load_spec()["components"]["responses"][component]
    response = exchange.response
    assert response.mimetype in spec["content"], (response.mimetype, list(spec["content"]))
    schema = spec["content"][response.mimetype]["schema"]
    errors = validation_errors(exchange.body, schema)
    assert not errors, "\n".join(errors)
    for header in spec.get("headers", {}):
        assert header in response.headers, f"{component} declares a {header} header"


def assert_problem(exchange: Exchange, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem for ``status``; returns its body."""
    response = exchange.response
    assert response.status_code == status, response.get_data()
    assert response.mimetype == PROBLEM_MEDIA_TYPE
    body = exchange.body
    for field, kind in (("type", str), ("title", str), ("status", int), ("detail", str)):
        assert isinstance(body.get(field), kind), (field, body)
    assert body["status"] == status
    assert body["detail"].strip()
    if "request_id" in body:
        assert body["request_id"] == response.headers["X-Request-ID"]
    return body


# --- successful responses --------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_seed_as_plain_text_conforms(client: FlaskClient, seed: Path) -> None:
    text = read_seed(seed)
    exchange = send(client, "POST", "/v1/annotate", text.encode("utf-8"), PLAIN)
    assert exchange.response.status_code == 200, exchange.response.get_data()
    assert_exchange_conforms(exchange)
    body = exchange.body
    check_annotation(body, text)
    assert body["id"] is None
    assert body["entities"], "a news article should have entities"


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_seed_as_json_conforms(client: FlaskClient, seed: Path) -> None:
    text = read_seed(seed)
    exchange = send_json(
        client, "/v1/annotate", {"id": seed.stem, "text": text, "include": ["entities"]}
    )
    assert exchange.response.status_code == 200, exchange.response.get_data()
    assert_exchange_conforms(exchange)
    body = exchange.body
    check_annotation(body, text)
    assert body["id"] == seed.stem
    assert body["entities"], "a news article should have entities"


def test_both_formats_give_the_same_annotations(client: FlaskClient) -> None:
    text = read_seed(SEEDS[0])
    plain = send(client, "POST", "/v1/annotate", text.encode("utf-8"), PLAIN).body
    as_json = send_json(client, "/v1/annotate", {"text": text}).body
    for body in (plain, as_json):
        check_annotation(body, text)
        del body["meta"]["elapsed_ms"]
    assert plain == as_json


def test_empty_include_leaves_entities_out(client: FlaskClient) -> None:
    text = read_seed(SEEDS[0])
    exchange = send_json(client, "/v1/annotate", {"text": text, "include": []})
    assert exchange.response.status_code == 200
    assert_exchange_conforms(exchange)
    assert "entities" not in exchange.body
    check_annotation(exchange.body, text)


def test_batch_of_seeds_conforms(client: FlaskClient) -> None:
    texts = {seed.stem: read_seed(seed) for seed in SEEDS}
    documents = [{"id": doc_id, "text": text} for doc_id, text in texts.items()]
    exchange = send_json(client, "/v1/annotate/batch", {"documents": documents})
    assert exchange.response.status_code == 200, exchange.response.get_data()
    assert_exchange_conforms(exchange)
    results = exchange.body["results"]
    assert [r["id"] for r in results] == list(texts)
    for result in results:
        check_annotation(result, texts[result["id"]])


def test_batch_with_a_bad_document_conforms(client: FlaskClient) -> None:
    good = read_seed(SEEDS[0])
    documents = [{"id": "good", "text": good}, {"id": "bad"}, {"id": "worse", "text": 7}]
    exchange = send_json(client, "/v1/annotate/batch", {"documents": documents})
    assert exchange.response.status_code == 200, exchange.response.get_data()
    assert_request_conforms(exchange)  # any item is accepted; bad ones get error entries
    assert_response_conforms(exchange)
    first, second, third = exchange.body["results"]
    check_annotation(first, good)
    for result, doc_id in ((second, "bad"), (third, "worse")):
        assert result["id"] == doc_id
        assert result["error"]["status"] == 422
        assert "text" in result["error"]["errors"]


OPS_ROUTES = [
    ("/healthz", "application/json"),
    ("/readyz", "application/json"),
    ("/openapi.yaml", "application/yaml"),
    ("/docs", "text/html"),
    ("/docs/assets/swagger-ui.css", "text/css"),
    ("/docs/assets/swagger-ui-bundle.js", "text/javascript"),
]


@pytest.mark.parametrize(("path", "media_type"), OPS_ROUTES, ids=[p for p, _ in OPS_ROUTES])
def test_ops_route_conforms(client: FlaskClient, path: str, media_type: str) -> None:
    exchange = send(client, "GET", path)
    assert exchange.response.status_code == 200
    assert exchange.response.mimetype == media_type
    assert_exchange_conforms(exchange)


def test_readyz_names_the_models(client: FlaskClient, annotator: Annotator) -> None:
    body = send(client, "GET", "/readyz").body
    assert body == {"status": "ready", "models": annotator.models}


def test_openapi_yaml_is_served_byte_for_byte(client: FlaskClient) -> None:
    response = send(client, "GET", "/openapi.yaml").response
    assert response.get_data() == SPEC_PATH.read_bytes()


def test_docs_page_refers_only_to_served_assets(client: FlaskClient) -> None:
    page = send(client, "GET", "/docs").response.get_data(as_text=True)
    links = re.findall(r'(?:href|src|url:)\s*=?\s*"([^"]+)"', page)
    assert links
    for link in links:
        assert not re.match(r"[a-z]+:", link), f"/docs must not load {link} from elsewhere"
        exchange = send(client, "GET", "/" + link)
        assert exchange.response.status_code == 200, link


# --- errors from the real app ---------------------------------------------------------


@dataclass(frozen=True)
class ErrorCase:
    """A request the app must refuse with ``status``.

    ``spec_rejects`` says whether openapi.yaml rejects the request too: True or
    False, or None where openapi-core cannot tell (it decodes bad UTF-8 leniently).
    """

    id: str
    method: str
    path: str
    status: int
    body: bytes | None = None
    content_type: str | None = None
    spec_rejects: bool | None = True


ERROR_CASES = [
    ErrorCase("400-malformed-json", "POST", "/v1/annotate", 400, b'{"text": ', JSON),
    ErrorCase("400-batch-malformed-json", "POST", "/v1/annotate/batch", 400, b"{,}", JSON),
    ErrorCase(
        "400-duplicate-key", "POST", "/v1/annotate", 400, b'{"text": "a", "text": "b"}', JSON, None
    ),
    ErrorCase("400-invalid-utf8", "POST", "/v1/annotate", 400, b"caf\xe9 au lait", PLAIN, None),
    ErrorCase("404-unknown-docs-asset", "GET", "/docs/assets/nope.js", 404, spec_rejects=False),
    ErrorCase(
        "415-form-urlencoded",
        "POST",
        "/v1/annotate",
        415,
        b"text=Obama",
        "application/x-www-form-urlencoded",
    ),
    ErrorCase("415-no-content-type", "POST", "/v1/annotate", 415, b"Obama spoke."),
    ErrorCase("415-batch-as-text", "POST", "/v1/annotate/batch", 415, b"Obama spoke.", PLAIN),
    ErrorCase(
        "415-latin1-text",
        "POST",
        "/v1/annotate",
        415,
        b"Obama spoke.",
        "text/plain; charset=iso-8859-1",
        None,
    ),
    ErrorCase("422-missing-text", "POST", "/v1/annotate", 422, b'{"id": "a"}', JSON),
    ErrorCase("422-text-not-string", "POST", "/v1/annotate", 422, b'{"text": 42}', JSON),
    ErrorCase(
        "422-unknown-include",
        "POST",
        "/v1/annotate",
        422,
        b'{"text": "Obama spoke.", "include": ["sentiment"]}',
        JSON,
    ),
    ErrorCase(
        "422-unknown-field", "POST", "/v1/annotate", 422, b'{"text": "a", "lang": "en"}', JSON
    ),
    ErrorCase(
        "422-id-too-long",
        "POST",
        "/v1/annotate",
        422,
        json.dumps({"text": "a", "id": "x" * 257}).encode(),
        JSON,
    ),
    ErrorCase("422-not-an-object", "POST", "/v1/annotate", 422, b'["Obama"]', JSON),
    ErrorCase("422-batch-no-documents", "POST", "/v1/annotate/batch", 422, b"{}", JSON),
    ErrorCase(
        "422-batch-documents-not-list",
        "POST",
        "/v1/annotate/batch",
        422,
        b'{"documents": "Obama"}',
        JSON,
    ),
]


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c.id for c in ERROR_CASES])
def test_error_conforms(client: FlaskClient, case: ErrorCase) -> None:
    exchange = send(client, case.method, case.path, case.body, case.content_type)
    body = assert_problem(exchange, case.status)
    if case.spec_rejects:
        assert_request_rejected_by_spec(exchange)
    elif case.spec_rejects is False:
        assert_request_conforms(exchange)
    assert_response_conforms(exchange)
    if case.status == 422:
        assert body.get("errors"), "a 422 names each invalid field"


def test_lone_surrogate_in_text_is_422(client: FlaskClient) -> None:
    # Valid JSON, valid UTF-8, but "\ud800" is not a character; the spec's description says 422.
    exchange = send(client, "POST", "/v1/annotate", b'{"text": "a\\ud800b"}', JSON)
    body = assert_problem(exchange, 422)
    assert "text" in body["errors"]
    assert_response_conforms(exchange)


def test_query_parameter_is_422(client: FlaskClient) -> None:
    exchange = send(client, "POST", "/v1/annotate?include=entities", b"Obama spoke.", PLAIN)
    body = assert_problem(exchange, 422)
    assert "include" in body["errors"]
    assert_response_conforms(exchange)


def test_unknown_route_is_a_problem(client: FlaskClient) -> None:
    exchange = send(client, "GET", "/v2/annotate")
    assert_problem(exchange, 404)
    assert_response_matches_component(exchange, "NotFound")


def _spec_methods(path: str) -> set[str]:
    item = load_spec()["paths"][path]
    return {method.upper() for method in item if method in HTTP_METHODS}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/annotate"),
        ("PUT", "/v1/annotate/batch"),
        ("POST", "/healthz"),
        ("OPTIONS", "/readyz"),
        ("DELETE", "/docs/assets/swagger-ui.css"),
    ],
)
def test_undeclared_method_is_405_with_allow(client: FlaskClient, method: str, path: str) -> None:
    spec_path = re.sub(r"^/docs/assets/.*", "/docs/assets/{asset}", path)
    exchange = send(client, method, path)
    assert_problem(exchange, 405)
    assert_response_matches_component(exchange, "MethodNotAllowed")
    declared = _spec_methods(spec_path)
    allowed = {m.strip() for m in exchange.response.headers["Allow"].split(",")}
    # HEAD comes free with GET in Flask (and in HTTP); nothing else may be added.
    assert allowed - {"HEAD"} == declared
    for operation in declared:
        assert "405" in load_spec()["paths"][spec_path][operation.lower()]["responses"]


# --- errors from specially built apps -------------------------------------------------


@pytest.fixture
def small_app(model_dir: str, annotator: Annotator) -> Flask:
    """The real app with tiny limits: 100 characters a text, 2 documents, 300 characters a batch."""
    settings = Settings.from_env(
        {
            "ANNOTATE_MODEL_DIR": model_dir,
            "ANNOTATE_MAX_TEXT_CHARS": "100",
            "ANNOTATE_MAX_BATCH_DOCS": "2",
            "ANNOTATE_MAX_BATCH_CHARS": "150",
        }
    )
    return create_app(settings, annotator)


TOO_LONG = "Obama spoke. " * 8  # 104 characters


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/v1/annotate", TOO_LONG.encode(), PLAIN),
        ("/v1/annotate", json.dumps({"text": TOO_LONG}).encode(), JSON),
        (
            "/v1/annotate/batch",
            json.dumps({"documents": [{"text": "a"}, {"text": "b"}, {"text": "c"}]}).encode(),
            JSON,
        ),
        (
            "/v1/annotate/batch",
            json.dumps({"documents": [{"text": "x" * 80}, {"text": "y" * 80}]}).encode(),
            JSON,
        ),
    ],
    ids=["text-plain", "text-json", "batch-docs", "batch-chars"],
)
def test_over_the_limits_is_413(
    small_app: Flask, path: str, body: bytes, content_type: str
) -> None:
    exchange = send(small_app.test_client(), "POST", path, body, content_type)
    assert_problem(exchange, 413)
    assert_request_conforms(exchange)  # the limits are settings, not part of the schema
    assert_response_conforms(exchange)


def test_body_over_the_read_limit_is_413(small_app: Flask) -> None:
    limit = small_app.config["MAX_CONTENT_LENGTH"]
    exchange = send(small_app.test_client(), "POST", "/v1/annotate", b"a" * (limit + 1), PLAIN)
    assert_problem(exchange, 413)
    assert_response_conforms(exchange)


def test_batch_document_over_the_limit_gets_its_own_413(small_app: Flask) -> None:
    documents = [{"id": "long", "text": TOO_LONG}, {"id": "short", "text": "Obama spoke."}]
    exchange = send_json(small_app.test_client(), "/v1/annotate/batch", {"documents": documents})
    assert exchange.response.status_code == 200
    assert_exchange_conforms(exchange)
    long, short = exchange.body["results"]
    assert long["id"] == "long"
    assert long["error"]["status"] == 413
    check_annotation(short, "Obama spoke.")


FAILURE_MESSAGE = "secret-detail-7f3a: /srv/models/ner.pt is corrupt"


class BrokenAnnotator(Annotator):
    """An annotator whose every call fails, as a bug in the NLP code would."""

    def __init__(self) -> None:
        super().__init__(pipeline=None, models={"ner": "broken"})

    def annotate(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(FAILURE_MESSAGE)

    def annotate_many(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(FAILURE_MESSAGE)


@pytest.fixture
def broken_app(settings: Settings) -> Flask:
    app = create_app(settings, BrokenAnnotator())
    app.config["TESTING"] = True
    return app


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/v1/annotate", b"Obama spoke.", PLAIN),
        ("/v1/annotate", b'{"text": "Obama spoke."}', JSON),
        ("/v1/annotate/batch", b'{"documents": [{"text": "Obama spoke."}]}', JSON),
    ],
    ids=["plain", "json", "batch"],
)
def test_internal_error_is_500_without_details(
    broken_app: Flask, path: str, body: bytes, content_type: str
) -> None:
    exchange = send(broken_app.test_client(), "POST", path, body, content_type)
    assert_problem(exchange, 500)
    assert_exchange_conforms(exchange)
    raw = exchange.response.get_data(as_text=True)
    for leak in ("Traceback", "RuntimeError", "secret-detail", "ner.pt", 'File "'):
        assert leak not in raw, f"the 500 body leaks {leak!r}: {raw}"


@pytest.fixture
def loading_app(settings: Settings, annotator: Annotator) -> Iterator[Flask]:
    """An app whose models are still loading: the loader waits until the test ends."""
    release = threading.Event()

    def load() -> Annotator:
        release.wait(timeout=60)
        return annotator

    app = create_app(settings, annotator=load)
    try:
        yield app
    finally:
        release.set()
        assert app.extensions["annotate_models"].wait(timeout=10)


@pytest.mark.parametrize(
    ("method", "path", "body", "content_type"),
    [
        ("POST", "/v1/annotate", b"Obama spoke.", PLAIN),
        ("POST", "/v1/annotate/batch", b'{"documents": [{"text": "Obama spoke."}]}', JSON),
        ("GET", "/readyz", None, None),
    ],
    ids=["annotate", "batch", "readyz"],
)
def test_not_ready_is_503_with_retry_after(
    loading_app: Flask, method: str, path: str, body: bytes | None, content_type: str | None
) -> None:
    exchange = send(loading_app.test_client(), method, path, body, content_type)
    assert_problem(exchange, 503)
    assert_exchange_conforms(exchange)
    assert int(exchange.response.headers["Retry-After"]) > 0


def test_healthz_answers_while_models_load(loading_app: Flask) -> None:
    exchange = send(loading_app.test_client(), "GET", "/healthz")
    assert exchange.response.status_code == 200
    assert_exchange_conforms(exchange)


@pytest.fixture
def failed_app(settings: Settings) -> Flask:
    """An app whose models failed to load."""

    def load() -> Annotator:
        raise RuntimeError("no models here")

    app = create_app(settings, annotator=load)
    assert app.extensions["annotate_models"].wait(timeout=10)
    return app


@pytest.mark.parametrize(
    ("method", "path", "body", "content_type"),
    [
        ("POST", "/v1/annotate", b"Obama spoke.", PLAIN),
        ("GET", "/readyz", None, None),
    ],
    ids=["annotate", "readyz"],
)
def test_failed_models_are_503(
    failed_app: Flask, method: str, path: str, body: bytes | None, content_type: str | None
) -> None:
    exchange = send(failed_app.test_client(), method, path, body, content_type)
    assert_problem(exchange, 503)
    assert_exchange_conforms(exchange)
