"""marshmallow schemas, one per component of ``openapi.yaml`` and named after it.

This module imports marshmallow and the NLP core's constants only, so the
command line can share it without loading Flask. ``tests/contract`` fails when a
schema and its component drift apart.
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from typing import Any

from marshmallow import EXCLUDE
from marshmallow import Schema
from marshmallow import ValidationError
from marshmallow import fields
from marshmallow import validate

from service import __version__
from service.logs import request_id
from service.nlp.annotator import ANNOTATIONS
from service.nlp.loader import ONTONOTES_TYPES
from service.nlp.results import QUALIFIERS
from service.nlp.results import QUOTE_KINDS
from service.nlp.results import Annotation

MAX_ID_LENGTH = 256
_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(text: str) -> None:
    """Reject lone surrogates: JSON can carry them, but they are not characters."""
    found = _SURROGATE.search(text)
    if found:
        raise ValidationError(
            f"contains an unpaired surrogate (U+{ord(found.group()):04X}) at index "
            f"{found.start()}; send valid Unicode"
        )


class _ClientId(fields.String):
    def __init__(self) -> None:
        super().__init__(
            load_default=None,
            allow_none=True,
            validate=[validate.Length(max=MAX_ID_LENGTH), _valid_unicode],
        )


class _Include(fields.List):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            fields.String(validate=validate.OneOf(ANNOTATIONS)),
            load_default=None,
            allow_none=True,
            **kwargs,
        )


class AnnotateRequestSchema(Schema):
    """A JSON annotate request: the text, an optional id and optional annotation kinds."""

    error_messages = {"type": "Must be a JSON object with a text field."}

    text = fields.String(required=True, validate=_valid_unicode)
    id = _ClientId()
    include = _Include()


class BatchDocumentSchema(Schema):
    """One document of a batch request."""

    error_messages = {"type": "Must be a JSON object with a text field."}

    id = _ClientId()
    text = fields.String(required=True, validate=_valid_unicode)


class BatchRequestSchema(Schema):
    """A batch request: documents, and the annotation kinds wanted for all of them.

    The documents are left raw here and each is loaded with ``BatchDocumentSchema``
    on its own, so a bad document gets its own error entry instead of failing the
    batch; the contract says so by accepting any item.
    """

    error_messages = {"type": "Must be a JSON object with a documents field."}

    documents = fields.List(
        fields.Raw(
            allow_none=True,
            metadata={
                "anyOf": [
                    {"$ref": "#/components/schemas/BatchDocument"},
                    {"description": "Anything else, answered with a BatchError entry."},
                ]
            },
        ),
        required=True,
    )
    include = _Include()


class SentenceSchema(Schema):
    """A sentence: index and offsets."""

    index = fields.Integer(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)


class MentionSchema(Schema):
    """A mention: its text, offsets and sentence index."""

    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    sentence = fields.Integer(required=True)


class EntitySchema(Schema):
    """An entity with all its mentions."""

    id = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(sorted(ONTONOTES_TYPES)))
    salience = fields.Float(required=True)
    aliases = fields.List(fields.String(), required=True)
    mentions = fields.List(fields.Nested(MentionSchema), required=True)


class SpanSchema(Schema):
    """A stretch of the text: its text and offsets."""

    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)


class SpeakerSchema(SpanSchema):
    """Who a quote is attributed to, and the entity they are."""

    entity = fields.String(required=True, allow_none=True)


class QuoteSchema(Schema):
    """A quote with its speaker and cue."""

    id = fields.String(required=True)
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(QUOTE_KINDS))
    speaker = fields.Nested(SpeakerSchema, required=True, allow_none=True)
    cue = fields.Nested(SpanSchema, required=True, allow_none=True)


class _Number(fields.Number):
    """A JSON number as it is: 65 stays 65 and 2.5 stays 2.5."""

    num_type = float

    def _format_num(self, value: Any) -> Any:
        return value


class ClaimSchema(Schema):
    """A numeric claim: value, unit, what it counts, qualifier and claimant."""

    id = fields.String(required=True)
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    value = _Number(required=True)
    value_max = _Number(required=True, allow_none=True)
    unit = fields.String(required=True, allow_none=True)
    object = fields.String(required=True, allow_none=True)
    qualifier = fields.String(required=True, validate=validate.OneOf(QUALIFIERS))
    sentence = fields.Integer(required=True)
    claimant = fields.String(required=True, allow_none=True)
    quote = fields.String(required=True, allow_none=True)


class MetaSchema(Schema):
    """Provenance and timing of a response."""

    service_version = fields.String(required=True)
    models = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    elapsed_ms = fields.Float(required=True)


class AnnotateResponseSchema(Schema):
    """The annotations of one text."""

    id = fields.String(required=True, allow_none=True)
    language = fields.String(required=True)
    text_length = fields.Integer(required=True)
    sentences = fields.List(fields.Nested(SentenceSchema), required=True)
    entities = fields.List(fields.Nested(EntitySchema))
    quotes = fields.List(fields.Nested(QuoteSchema))
    claims = fields.List(fields.Nested(ClaimSchema))
    meta = fields.Nested(MetaSchema, required=True)


class ProblemSchema(Schema):
    """An RFC 9457 problem: what went wrong, for people and for programs."""

    class Meta:
        unknown = EXCLUDE

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    request_id = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.Raw())


class BatchErrorSchema(Schema):
    """A batch result for a document that could not be annotated."""

    id = fields.String(required=True, allow_none=True)
    error = fields.Nested(ProblemSchema, required=True)


_RESPONSE = AnnotateResponseSchema()


def annotation_body(result: Annotation) -> dict[str, Any]:
    """The response body for one annotated text, as the API and the CLI send it.

    Kinds the caller did not ask for are left out, not sent as empty lists.
    """
    body = _RESPONSE.dump(
        {
            "id": result.id,
            "language": result.language,
            "text_length": result.text_length,
            "sentences": result.sentences,
            "entities": result.entities,
            "quotes": result.quotes,
            "claims": result.claims,
            "meta": {
                "service_version": __version__,
                "models": dict(result.models),
                "elapsed_ms": result.elapsed_ms,
            },
        }
    )
    for kind in ANNOTATIONS:
        if getattr(result, kind) is None:
            del body[kind]
    return body


def problem_body(status: int, detail: str, errors: dict[str, Any] | None = None) -> dict[str, Any]:
    """An RFC 9457 problem document for ``status``; ``errors`` maps fields to messages."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    rid = request_id.get()
    if rid is not None:
        body["request_id"] = rid
    if errors is not None:
        body["errors"] = _stringify_keys(errors)
    return body


def _stringify_keys(value: Any) -> Any:
    # marshmallow keys list items by int; JSON object keys must be strings.
    if isinstance(value, dict):
        return {str(k): _stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_stringify_keys(v) for v in value]
    return value


def to_json(data: Any) -> str:
    """Serialise a response body the one way the API and the command line share.

    Characters are written as they are, except when a lone surrogate slipped in
    (say, an unknown field name quoted in an error): then everything is escaped,
    so the body is still valid JSON in valid UTF-8.
    """
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if _SURROGATE.search(body):
        body = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return body
