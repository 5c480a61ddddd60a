"""Each marshmallow schema says what its openapi.yaml component says.

apispec's MarshmallowPlugin turns every schema class into JSON Schema, and the
result must equal the YAML component once the words meant for people
(descriptions, examples, summaries) are dropped. Components without a schema
class (BatchResponse, Health, Readiness) are checked by validating real
responses instead (test_responses_match_spec.py).
"""

from __future__ import annotations

import difflib
import functools
import json
from typing import Any

import pytest
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema

from service.web import schemas
from tests.contract.spec import load_spec

SCHEMA_COMPONENTS: list[tuple[type[Schema], str]] = [
    (schemas.AnnotateRequestSchema, "AnnotateRequest"),
    (schemas.BatchDocumentSchema, "BatchDocument"),
    (schemas.BatchRequestSchema, "BatchRequest"),
    (schemas.SentenceSchema, "Sentence"),
    (schemas.MentionSchema, "Mention"),
    (schemas.EntitySchema, "Entity"),
    (schemas.SpanSchema, "Span"),
    (schemas.SpeakerSchema, "Speaker"),
    (schemas.QuoteSchema, "Quote"),
    (schemas.ClaimSchema, "Claim"),
    (schemas.MetaSchema, "Meta"),
    (schemas.AnnotateResponseSchema, "AnnotateResponse"),
    (schemas.ProblemSchema, "Problem"),
    (schemas.BatchErrorSchema, "BatchError"),
]
COMPONENT_OF = {cls: name for cls, name in SCHEMA_COMPONENTS}

# Components checked by response validation, since no schema class stands for them.
WITHOUT_SCHEMA_CLASS = {"BatchResponse", "Health", "Readiness"}

# Annotations for readers, not constraints: they may differ freely.
ANNOTATIONS = {"description", "example", "examples", "summary", "title"}


def _component_name(schema: type[Schema] | Schema) -> str:
    cls = schema if isinstance(schema, type) else type(schema)
    try:
        return COMPONENT_OF[cls]
    except KeyError:
        raise AssertionError(
            f"{cls.__name__} is nested in a mapped schema but has no row in SCHEMA_COMPONENTS"
        ) from None


@functools.cache
def _converted() -> dict[str, Any]:
    spec = APISpec(
        title="contract",
        version="0",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin(schema_name_resolver=_component_name)],
    )
    for cls, name in SCHEMA_COMPONENTS:
        # A nested schema may already be registered, under the same name, by the resolver.
        if name not in spec.components.schemas:
            spec.components.schema(name, schema=cls)
    return spec.to_dict()["components"]["schemas"]


def _normalise(node: Any) -> Any:
    """Drop annotations and put order-free lists (type, required, enum) in a fixed order."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key in ANNOTATIONS:
                continue
            if key == "properties":
                # Property names are data here, not keywords: keep every one.
                result[key] = {name: _normalise(prop) for name, prop in value.items()}
            elif key in ("type", "required", "enum") and isinstance(value, list):
                result[key] = sorted(value, key=json.dumps)
            else:
                result[key] = _normalise(value)
        return result
    if isinstance(node, list):
        return [_normalise(item) for item in node]
    return node


def _diff(expected: Any, actual: Any, name: str) -> str:
    lines = difflib.unified_diff(
        json.dumps(expected, indent=2, sort_keys=True).splitlines(),
        json.dumps(actual, indent=2, sort_keys=True).splitlines(),
        fromfile=f"openapi.yaml components/schemas/{name}",
        tofile=f"marshmallow {name}Schema via apispec",
        lineterm="",
    )
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("schema_class", "component"),
    SCHEMA_COMPONENTS,
    ids=[name for _, name in SCHEMA_COMPONENTS],
)
def test_schema_matches_component(schema_class: type[Schema], component: str) -> None:
    yaml_schema = load_spec()["components"]["schemas"].get(component)
    assert yaml_schema is not None, f"openapi.yaml has no component {component}"
    expected = _normalise(yaml_schema)
    actual = _normalise(_converted()[component])
    assert actual == expected, (
        f"{schema_class.__name__} and components/schemas/{component} disagree:\n"
        + _diff(expected, actual, component)
    )


def test_every_component_is_accounted_for() -> None:
    # A new component needs a schema class in the table, or a reason to have none.
    components = set(load_spec()["components"]["schemas"])
    mapped = {name for _, name in SCHEMA_COMPONENTS}
    assert components == mapped | WITHOUT_SCHEMA_CLASS
    assert not mapped & WITHOUT_SCHEMA_CLASS


def test_schema_classes_are_named_after_their_component() -> None:
    assert [cls.__name__ for cls, _ in SCHEMA_COMPONENTS] == [
        f"{name}Schema" for _, name in SCHEMA_COMPONENTS
    ]


def test_every_public_schema_class_is_in_the_table() -> None:
    classes = {
        value
        for value in vars(schemas).values()
        if isinstance(value, type)
        and issubclass(value, Schema)
        and value is not Schema
        and value.__module__ == schemas.__name__
    }
    assert classes == set(COMPONENT_OF)


def test_normalise_drops_annotations_but_keeps_constraints() -> None:
    node = {
        "type": ["null", "string"],
        "description": "x",
        "properties": {"description": {"type": "string", "example": "y"}},
        "required": ["b", "a"],
    }
    assert _normalise(node) == {
        "type": ["null", "string"],
        "properties": {"description": {"type": "string"}},
        "required": ["a", "b"],
    }
