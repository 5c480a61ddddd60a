"""The application factory: the only way the Flask app is built."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict

from flask import Flask

from service.nlp.annotator import Annotator
from service.nlp.annotator import load_annotator
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

    Raises:
        ModelsNotFound: with no annotator given, the model directory is missing
            or incomplete; the process should not start.
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
    else:
        if annotator is None:
            info = inspect_models(settings.model_dir)
            annotator = lambda: load_annotator(  # noqa: E731
                settings.model_dir, settings.torch_threads, info
            )
        state = ModelState()
        state.load_in_background(annotator)
    app.extensions["annotate_models"] = state

    register_error_handlers(app)
    requestlog.init_app(app)
    app.register_blueprint(annotate.bp)
    app.register_blueprint(ops.bp)
    log.info("service configured", extra={"settings": asdict(settings)})
    return app
