"""Errors raised by the NLP core. They carry no HTTP status: the web layer maps them."""


class NlpError(Exception):
    """Base class for errors of the NLP core."""


class ModelsNotFound(NlpError):
    """The model directory is missing, incomplete or unusable; the message says how to fix it."""


class ModelsNotReady(NlpError):
    """The models are still loading, or failed to load."""


class ModelsDownloadFailed(NlpError):
    """The official models could not be fetched (no network, or the hub refused)."""
