"""The examples in openapi.yaml are real: requests load, responses validate.

Each request example must load through the marshmallow schema the app uses for
that body, and each response example must validate against its response
schema. Examples are what readers copy, so a wrong one is a bug in the contract.
"""

from __future__ import annotations

from typing import Any

import pytest
from marshmallow import Schema

from service.web import schemas
from tests.contract.spec import HTTP_METHODS
from tests.contract.spec import load_spec
from tests.contract.spec import validation_errors
from tests.invariants import check_annotation

# The marshmallow schema that loads each request body component.
REQUEST_SCHEMAS: dict[str, type[Schema]] = {
    "AnnotateRequest": schemas.AnnotateRequestSchema,
    "BatchRequest": schemas.BatchRequestSchema,
}


def _examples(media: dict[str, Any]) -> list[tuple[str, Any]]:
    found = []
    if "example" in media:
        found.append(("example", media["example"]))
    for name, example in media.get("examples", {}).items():
        assert "value" in example, f"example {name} has no inline value"
        found.append((name, example["value"]))
    return found


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in load_spec()["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


def _request_examples() -> list[Any]:
    params = []
    for method, path, operation in _operations():
        content = operation.get("requestBody", {}).get("content", {})
        for media_type, media in content.items():
            for name, value in _examples(media):
                params.append(
                    pytest.param(
                        media_type,
                        media["schema"],
                        value,
                        id=f"{method} {path} {media_type} {name}",
                    )
                )
    return params


def _response_examples() -> list[Any]:
    spec = load_spec()
    params = []
    for method, path, operation in _operations():
        for status, response in operation["responses"].items():
            if "$ref" in response:
                name = response["$ref"].rsplit("/", 1)[-1]
                response = spec["components"]["responses"][name]
            for media_type, media in response.get("content", {}).items():
                for name, value in _examples(media):
                    params.append(
                        pytest.param(
                            media["schema"],
                            value,
                            id=f"{method} {path} {status} {media_type} {name}",
                        )
                    )
    return params


REQUEST_EXAMPLES = _request_examples()
RESPONSE_EXAMPLES = _response_examples()


def test_there_are_examples_to_check() -> None:
    # Guards the collection above: an empty list would make the tests below pass vacuously.
    assert len(REQUEST_EXAMPLES) >= 4
    assert len(RESPONSE_EXAMPLES) >= 1


@pytest.mark.parametrize(("media_type", "schema", "value"), REQUEST_EXAMPLES)
def test_request_example_loads(media_type: str, schema: dict[str, Any], value: Any) -> None:
    errors = validation_errors(value, schema)
    assert not errors, "\n".join(errors)
    if "$ref" not in schema:
        # A text/plain body is taken as it is; there is no schema class to load it.
        assert media_type == "text/plain"
        assert isinstance(value, str) and value.strip()
        return
    component = schema["$ref"].rsplit("/", 1)[-1]
    loaded = REQUEST_SCHEMAS[component]().load(value)
    for key, item in value.items():
        assert loaded[key] == item, key


@pytest.mark.parametrize(("schema", "value"), RESPONSE_EXAMPLES)
def test_response_example_validates(schema: dict[str, Any], value: Any) -> None:
    errors = validation_errors(value, schema)
    assert not errors, "\n".join(errors)


def test_annotate_response_example_fits_the_request_example() -> None:
    # The 200 example answers the withIdAndInclude request: its offsets must hold for that text.
    annotate = load_spec()["paths"]["/v1/annotate"]["post"]
    request = annotate["requestBody"]["content"]["application/json"]["examples"]
    response = annotate["responses"]["200"]["content"]["application/json"]["example"]
    sent = request["withIdAndInclude"]["value"]
    assert response["id"] == sent["id"]
    check_annotation(response, sent["text"])


def test_validation_errors_can_fail() -> None:
    # The validator resolves component refs and really checks: a broken example is caught.
    schema = {"$ref": "#/components/schemas/AnnotateResponse"}
    assert validation_errors({"id": None}, schema)
    assert validation_errors({"text": 1}, {"$ref": "#/components/schemas/AnnotateRequest"})
