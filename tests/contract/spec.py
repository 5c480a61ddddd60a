"""The contract as data: ``openapi.yaml`` loaded once, plus helpers shared by the contract tests."""

from __future__ import annotations

import copy
import functools
from typing import Any

import yaml
from openapi_core import Config
from openapi_core import OpenAPI
from openapi_core.deserializing.media_types.util import json_loads
from openapi_core.deserializing.media_types.util import plain_loads
from openapi_schema_validator import OAS31Validator

from tests.conftest import ROOT

SPEC_PATH = ROOT / "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PROBLEM_MEDIA_TYPE = "application/problem+json"


@functools.cache
def _spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_bytes())


def load_spec() -> dict[str, Any]:
    """The parsed ``openapi.yaml``; a fresh copy, so a test cannot change another's."""
    return copy.deepcopy(_spec())


def _yaml_loads(value: bytes, **parameters: str) -> Any:
    return yaml.safe_load(value)


@functools.cache
def openapi() -> OpenAPI:
    """openapi-core's view of the contract, able to read every media type the service sends."""
    config = Config(
        extra_media_type_deserializers={
            # openapi-core hands unknown media types over as bytes; these are JSON, YAML or text.
            PROBLEM_MEDIA_TYPE: json_loads,
            "application/yaml": _yaml_loads,
            "text/javascript": plain_loads,
            "text/css": plain_loads,
        }
    )
    return OpenAPI.from_file_path(str(SPEC_PATH), config=config)


def schema_validator(schema: dict[str, Any]) -> OAS31Validator:
    """A JSON Schema validator for ``schema`` whose ``#/components/...`` refs resolve in the spec.

    The components ride along under an unknown keyword, which JSON Schema ignores,
    so local refs resolve against them.
    """
    document = {**schema, "components": _spec()["components"]}
    return OAS31Validator(document)


def component_schema(name: str) -> dict[str, Any]:
    """A ``$ref`` schema pointing at ``components/schemas/<name>``."""
    return {"$ref": f"#/components/schemas/{name}"}


def validation_errors(instance: Any, schema: dict[str, Any]) -> list[str]:
    """Every way ``instance`` breaks ``schema``, one readable line each."""
    errors = sorted(schema_validator(schema).iter_errors(instance), key=lambda e: list(e.path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors]
