"""Every failure as an RFC 9457 ``application/problem+json`` response.

Views raise ``ApiProblem`` (or a marshmallow ``ValidationError``, or an NLP
error); this module is the only place that turns them into responses, and it
also catches Flask's own 404, 405 and 413 and any unexpected exception.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from flask import Flask
from flask import Response
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import RequestEntityTooLarge

from service.nlp.errors import ModelsNotReady
from service.nlp.errors import TimeBudgetExceeded
from service.web.schemas import problem_body
from service.web.schemas import to_json

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
RETRY_AFTER_SECONDS = 5


class ApiProblem(Exception):
    """An error the client should see, with its HTTP status and explanation."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


def validation_problem(error: ValidationError) -> ApiProblem:
    """A 422 naming every invalid field, from a marshmallow ``ValidationError``."""
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    fields = ", ".join(sorted(str(k) for k in messages))
    return ApiProblem(422, f"The request has invalid fields: {fields}.", errors=messages)


def problem_response(problem: ApiProblem) -> Response:
    """Render ``problem`` as an ``application/problem+json`` response."""
    body = problem_body(problem.status, problem.detail, problem.errors)
    response = Response(to_json(body), status=problem.status, mimetype=PROBLEM_MEDIA_TYPE)
    response.headers.update(problem.headers)
    return response


def _from_http_exception(exc: HTTPException) -> ApiProblem:
    status = exc.code or 500
    headers: dict[str, str] = {}
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        allowed = sorted(exc.valid_methods)
        headers["Allow"] = ", ".join(allowed)
        detail = f"This route does not accept that method; use {', '.join(allowed)}."
    elif isinstance(exc, RequestEntityTooLarge):
        detail = "The request body is larger than this service reads at all."
    elif status == 404:
        detail = "There is nothing at this URL; see /docs for the routes."
    else:
        detail = exc.description or HTTPStatus(status).description
    return ApiProblem(status, detail, headers=headers)


def _budget_problem(exc: TimeBudgetExceeded, seconds: int) -> ApiProblem:
    budget = f"{seconds} s (ANNOTATE_TIMEOUT)"
    if exc.waiting:
        # Only the queue was too long: the same request is likely to succeed later.
        return ApiProblem(
            503,
            f"The service is busy: the request waited its whole time budget of {budget} for "
            "other annotations to finish. Retry later, or send fewer requests at once.",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return ApiProblem(
        504,
        f"The annotation did not finish within the time budget of {budget} and was stopped. "
        "Send shorter texts or smaller batches.",
    )


def register_error_handlers(app: Flask) -> None:
    """Make every error of ``app`` a problem+json response."""

    @app.errorhandler(ApiProblem)
    def _api_problem(exc: ApiProblem) -> Response:
        return problem_response(exc)

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError) -> Response:
        return problem_response(validation_problem(exc))

    @app.errorhandler(ModelsNotReady)
    def _not_ready(exc: ModelsNotReady) -> Response:
        return problem_response(
            ApiProblem(503, str(exc), headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
        )

    @app.errorhandler(TimeBudgetExceeded)
    def _over_budget(exc: TimeBudgetExceeded) -> Response:
        return problem_response(_budget_problem(exc, app.config["ANNOTATE_SETTINGS"].timeout))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        return problem_response(_from_http_exception(exc))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        # The traceback goes to the log, never to the client.
        log.exception("unhandled error")
        return problem_response(
            ApiProblem(500, "The service failed to handle this request; it has been logged.")
        )
