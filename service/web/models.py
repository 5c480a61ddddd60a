"""The annotator of one worker process, loaded in the background.

Loading takes seconds, so it runs in a thread while the process already
answers ``/healthz``; ``/readyz`` and the annotate routes answer 503 until it is
done, and for good if it failed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from service.nlp.annotator import Annotator
from service.nlp.errors import ModelsNotReady

log = logging.getLogger(__name__)


class ModelState:
    """Holds the annotator once it is loaded, or why it is not."""

    def __init__(self) -> None:
        self._annotator: Annotator | None = None
        self._error: str | None = None
        self._loaded = threading.Event()

    @classmethod
    def ready(cls, annotator: Annotator) -> ModelState:
        """A state that already holds ``annotator``."""
        state = cls()
        state._annotator = annotator
        state._loaded.set()
        return state

    @classmethod
    def failed(cls, error: str) -> ModelState:
        """A state whose loading failed before it began, with ``error`` as the reason."""
        state = cls()
        state._error = error
        state._loaded.set()
        return state

    def load_in_background(self, factory: Callable[[], Annotator]) -> threading.Thread:
        """Start loading with ``factory`` in a daemon thread and return the thread."""

        def run() -> None:
            try:
                self._annotator = factory()
            except Exception as exc:
                log.exception("model loading failed")
                self._error = str(exc)
            finally:
                self._loaded.set()

        thread = threading.Thread(target=run, name="model-loader", daemon=True)
        thread.start()
        return thread

    def wait(self, timeout: float | None = None) -> bool:
        """Block until loading has ended (in success or failure); False on timeout."""
        return self._loaded.wait(timeout)

    def require(self, explain: bool = False) -> Annotator:
        """The annotator, or ``ModelsNotReady`` saying why there is none.

        Only ``explain`` callers (the operators' readiness probe) get the loading
        error itself, which names paths; everyone else is told to look there.
        """
        if self._annotator is not None:
            return self._annotator
        if self._error is not None:
            reason = f": {self._error}" if explain else "; /readyz and the service log say why"
            raise ModelsNotReady(f"The models failed to load{reason}.")
        raise ModelsNotReady("The models are still loading; retry shortly.")
