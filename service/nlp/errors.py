"""Errors raised by the NLP core. They carry no HTTP status: the web layer maps them."""

from pathlib import Path


class NlpError(Exception):
    """Base class for errors of the NLP core."""


class ModelsNotFound(NlpError):
    """The model directory is missing, incomplete or unusable; the message says how to fix it."""


class ModelsNotReady(NlpError):
    """The models are still loading, or failed to load."""


class ModelsDownloadFailed(NlpError):
    """The official models could not be fetched (no network, or the hub refused)."""


class TimeBudgetExceeded(NlpError):
    """An annotation ran past its deadline and was stopped.

    ``waiting`` is true when the time ran out before the annotation could start,
    because the pipeline was busy with other work.
    """

    def __init__(self, message: str, waiting: bool) -> None:
        super().__init__(message)
        self.waiting = waiting


def missing_shipped_file(path: Path, script: str) -> RuntimeError:
    """The error for a trained file the package ships that is not there: it names the
    ``bench/`` script that rebuilds it."""
    return RuntimeError(
        f"{path} is missing: it ships with the package; rebuild it with bench/{script}"
    )
