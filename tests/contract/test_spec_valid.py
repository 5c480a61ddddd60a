"""openapi.yaml is a valid OpenAPI 3.1 document."""

from __future__ import annotations

from openapi_spec_validator import OpenAPIV31SpecValidator
from openapi_spec_validator import validate

from tests.contract.spec import SPEC_PATH
from tests.contract.spec import load_spec


def test_spec_declares_openapi_3_1() -> None:
    assert str(load_spec()["openapi"]).startswith("3.1.")


def test_spec_passes_the_3_1_validator() -> None:
    # Raises OpenAPIValidationError, naming the offending part, on any violation.
    validate(load_spec(), base_uri=SPEC_PATH.as_uri(), cls=OpenAPIV31SpecValidator)


def test_spec_is_plain_utf8_with_unix_line_endings() -> None:
    # Served byte for byte at /openapi.yaml, so its encoding is part of the contract.
    raw = SPEC_PATH.read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw
    assert not raw.startswith(b"\xef\xbb\xbf")
