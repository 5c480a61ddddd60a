"""Blueprint ``annotate``: POST /v1/annotate and POST /v1/annotate/batch."""

from __future__ import annotations

import json
import time
from typing import Any

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import g
from flask import request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from service.nlp.annotator import Annotator
from service.settings import Settings
from service.web.problems import ApiProblem
from service.web.problems import validation_problem
from service.web.schemas import AnnotateRequestSchema
from service.web.schemas import BatchDocumentSchema
from service.web.schemas import BatchRequestSchema
from service.web.schemas import annotation_body
from service.web.schemas import problem_body
from service.web.schemas import to_json

bp = Blueprint("annotate", __name__)

_TEXT_CHARSETS = {"utf-8", "utf8", "us-ascii", "ascii"}
_ANNOTATE_REQUEST = AnnotateRequestSchema()
_BATCH_REQUEST = BatchRequestSchema()
_BATCH_DOCUMENT = BatchDocumentSchema()


@bp.post("/v1/annotate")
def annotate() -> Response:
    """Annotate one text, sent as text/plain or as a JSON object."""
    settings = _settings()
    deadline = time.monotonic() + settings.timeout
    _reject_query()
    if _body_kind(plain_allowed=True) == "text":
        text, doc_id, include = _decode_utf8(_read_body(), "body"), None, None
    else:
        data = _ANNOTATE_REQUEST.load(_read_json())
        text, doc_id, include = data["text"], data["id"], data["include"]
    g.text_chars = len(text)
    if len(text) > settings.max_text_chars:
        raise ApiProblem(413, _too_long(len(text), settings))
    result = _annotator().annotate(text, doc_id, include, deadline)
    return _json(annotation_body(result))


@bp.post("/v1/annotate/batch")
def annotate_batch() -> Response:
    """Annotate many documents in one pass; a bad document gets its own error entry."""
    settings = _settings()
    deadline = time.monotonic() + settings.timeout
    _reject_query()
    _body_kind(plain_allowed=False)
    data = _BATCH_REQUEST.load(_read_json())
    documents, include = data["documents"], data["include"]
    if len(documents) > settings.max_batch_docs:
        raise ApiProblem(
            413,
            f"The batch has {len(documents)} documents; the limit is {settings.max_batch_docs} "
            "(ANNOTATE_MAX_BATCH_DOCS). Split it into smaller batches.",
        )

    results: list[dict[str, Any] | None] = [None] * len(documents)
    todo: list[tuple[int, dict[str, Any]]] = []
    for index, raw in enumerate(documents):
        try:
            document = _BATCH_DOCUMENT.load(raw)
        except ValidationError as exc:
            problem = validation_problem(exc)
            results[index] = _error_entry(raw, problem.status, problem.detail, problem.errors)
            continue
        if len(document["text"]) > settings.max_text_chars:
            results[index] = _error_entry(raw, 413, _too_long(len(document["text"]), settings))
            continue
        todo.append((index, document))

    total = sum(len(document["text"]) for _, document in todo)
    g.text_chars = total
    if total > settings.max_batch_chars:
        raise ApiProblem(
            413,
            f"The batch holds {total} characters; the limit is {settings.max_batch_chars} "
            "(ANNOTATE_MAX_BATCH_CHARS). Split it into smaller batches.",
        )
    if todo:
        annotations = _annotator().annotate_many(
            [document["text"] for _, document in todo],
            [document["id"] for _, document in todo],
            include,
            deadline,
        )
        for (index, _), annotation in zip(todo, annotations, strict=True):
            results[index] = annotation_body(annotation)
    return _json({"results": results})


def _settings() -> Settings:
    return current_app.config["ANNOTATE_SETTINGS"]


def _annotator() -> Annotator:
    return current_app.extensions["annotate_models"].require()


def _json(body: Any) -> Response:
    return Response(to_json(body), mimetype="application/json")


def _reject_query() -> None:
    # Options travel in the JSON body; a query string would be silently ignored otherwise.
    if request.args:
        names = ", ".join(sorted(request.args))
        raise ApiProblem(
            422,
            f"This route takes no query parameters (got {names}); send id and include in a "
            "JSON body.",
            errors={name: ["Unknown query parameter."] for name in request.args},
        )


def _body_kind(plain_allowed: bool) -> str:
    """``text`` or ``json`` from the Content-Type, or 415 saying what is accepted."""
    mimetype = request.mimetype
    accepted = "application/json" + (" or text/plain; charset=utf-8" if plain_allowed else "")
    is_json = mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    )
    if is_json:
        charset = request.mimetype_params.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            raise ApiProblem(415, f"JSON must be sent as UTF-8, not {charset}.")
        return "json"
    if plain_allowed and mimetype == "text/plain":
        charset = request.mimetype_params.get("charset", "utf-8").lower()
        if charset not in _TEXT_CHARSETS:
            raise ApiProblem(415, f"Text must be sent as UTF-8, not {charset}; re-encode it.")
        return "text"
    hint = ""
    if mimetype == "application/x-www-form-urlencoded":
        hint = (
            " curl sends form data unless told otherwise: add "
            "-H 'Content-Type: text/plain; charset=utf-8' to --data-binary."
            if plain_allowed
            else " Add -H 'Content-Type: application/json'."
        )
    got = f"not {mimetype}" if mimetype else "and this request has no Content-Type"
    raise ApiProblem(415, f"This route accepts {accepted}, {got}.{hint}")


def _read_body() -> bytes:
    """The whole body, read within the size limit (413 past it) and never more."""
    try:
        return request.get_data()
    except HTTPException:
        raise
    except Exception as exc:
        # The WSGI server's own error for a body it cannot parse (a bad chunk, say).
        raise ApiProblem(400, f"The request body could not be read: {exc}.") from None


def _decode_utf8(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start]
        raise ApiProblem(
            400, f"The {what} is not valid UTF-8: byte {exc.start} ({bad:#04x}) {exc.reason}."
        ) from None


def _read_json() -> Any:
    """Parse the body as strict JSON: UTF-8, no duplicate keys, no NaN or Infinity."""
    text = _decode_utf8(_read_body(), "body")
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte order mark is not part of the JSON value
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ApiProblem(
            400, f"The body is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except RecursionError:
        raise ApiProblem(400, "The body is not usable JSON: it is nested too deeply.") from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ApiProblem(400, f"The body is not usable JSON: the key {key!r} appears twice.")
        result[key] = value
    return result


def _no_constant(name: str) -> None:
    raise ApiProblem(400, f"The body is not valid JSON: {name} is not a JSON number.")


def _too_long(length: int, settings: Settings) -> str:
    return (
        f"The text has {length} characters; the limit is {settings.max_text_chars} "
        "(ANNOTATE_MAX_TEXT_CHARS)."
    )


def _error_entry(
    raw: Any, status: int, detail: str, errors: dict[str, Any] | None = None
) -> dict[str, Any]:
    doc_id = raw.get("id") if isinstance(raw, dict) else None
    try:
        _BATCH_DOCUMENT.fields["id"].deserialize(doc_id)
    except ValidationError:
        doc_id = None  # an invalid id is not echoed back
    return {
        "id": doc_id,
        "error": problem_body(status, detail, errors),
    }
