"""The application factory: the only way the Flask app is built."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict

from flask import Flask

from service.nlp.annotator import Annotator
from service.nlp.annotator import load_annotator
from service.nlp.errors import ModelsNotFound
from service.nlp.loader import inspect_models
from service.settings import Settings
from service.web import annotate
from service.web import ops
from service.web import requestlog
from service.web.models import ModelState
from service.web.problems import register_error_handlers

log = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None,
    annotator: Annotator | Callable[[], Annotator] | None = None,
) -> Flask:
    """Build the service.

    Args:
        settings: defaults to ``Settings.from_env()``.
        annotator: a loaded annotator (ready at once), a function that loads one
            (run in the background), or None to check the model directory now
            and load it in the background.

    With no annotator given and a model directory that is missing or damaged,
    the app is still built: it logs the problem and its fix once, and answers
    ``/readyz`` (with the reason) and the annotate routes with 503. A server
    that exited instead would be restarted by its supervisor, over and over.
    """
    settings = settings or Settings.from_env()
    app = Flask("service", static_folder=None)
    app.config.update(
        ANNOTATE_SETTINGS=settings,
        ANNOTATE_OPENAPI=ops.openapi_document(),
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        # Undeclared methods answer 405, as the contract says, rather than 200 to OPTIONS.
        PROVIDE_AUTOMATIC_OPTIONS=False,
    )

    if isinstance(annotator, Annotator):
        state = ModelState.ready(annotator)
    elif annotator is not None:
        state = ModelState()
        state.load_in_background(annotator)
    else:
        state = _load_from(settings)
    app.extensions["annotate_models"] = state

    register_error_handlers(app)
    requestlog.init_app(app)
    app.register_blueprint(annotate.bp)
    app.register_blueprint(ops.bp)
    log.info("service configured", extra={"settings": asdict(settings)})
    return app


def _load_from(settings: Settings) -> ModelState:
    try:
        info = inspect_models(settings.model_dir)
    except ModelsNotFound as exc:
        log.error("models unusable; the service will not become ready", extra={"error": str(exc)})
        return ModelState.failed(str(exc))
    state = ModelState()
    state.load_in_background(
        lambda: load_annotator(settings.model_dir, settings.torch_threads, info)
    )
    return state
