"""Typed service settings, read from ``ANNOTATE_*`` environment variables.

This module is the only reader of ``os.environ`` in the service. Every setting has
a default, a variable and a one-line description, and the README's configuration
table is checked against ``FIELDS`` by a test.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import fields
from dataclasses import replace
from pathlib import Path
from typing import Any

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(ValueError):
    """A setting has a value the service cannot use; the message names the variable."""


def _default_model_dir(env: Mapping[str, str]) -> str:
    # stanza's own variable is honoured so that an existing stanza setup just works.
    return env.get("STANZA_RESOURCES_DIR") or str(Path.home() / "stanza_resources")


def _parse_int(name: str, raw: str, minimum: int) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise SettingsError(f"{name}={value} must be at least {minimum}")
    return value


def _parse_log_level(name: str, raw: str) -> str:
    level = raw.strip().upper()
    if level not in LOG_LEVELS:
        raise SettingsError(f"{name}={raw!r} is not one of {', '.join(LOG_LEVELS)}")
    return level


@dataclass(frozen=True)
class Field:
    """How one setting is read: its variable, default and description."""

    name: str
    env: str
    default: Any
    help: str
    parse: Callable[[str, str], Any]


def _int(minimum: int) -> Callable[[str, str], int]:
    return lambda name, raw: _parse_int(name, raw, minimum)


def _str(name: str, raw: str) -> str:
    if not raw.strip():
        raise SettingsError(f"{name} is empty")
    return raw


FIELDS: tuple[Field, ...] = (
    Field(
        "host", "ANNOTATE_HOST", "127.0.0.1", "Address to bind (0.0.0.0 in the container).", _str
    ),
    Field("port", "ANNOTATE_PORT", 8000, "TCP port to bind.", _int(1)),
    Field(
        "workers",
        "ANNOTATE_WORKERS",
        1,
        "gunicorn worker processes; each loads the models (about 0.5 GB each).",
        _int(1),
    ),
    Field(
        "threads",
        "ANNOTATE_THREADS",
        2,
        "Threads per worker; annotation runs one at a time, extra threads answer health checks.",
        _int(1),
    ),
    Field(
        "timeout",
        "ANNOTATE_TIMEOUT",
        120,
        "Seconds one request may take, waiting included; past it 504 (503 if still queued).",
        _int(1),
    ),
    Field(
        "torch_threads",
        "ANNOTATE_TORCH_THREADS",
        # Measured on 2 cores (bench/seed_latency.py): one thread annotates a seed in 89 ms,
        # two in 121 ms; stanza's small LSTM steps do not pay for intra-op threading. Use
        # more workers, not more torch threads, to use more cores.
        1,
        "torch intra-op threads per worker; 1 is fastest for stanza's small models.",
        _int(1),
    ),
    Field(
        "model_dir",
        "ANNOTATE_MODEL_DIR",
        _default_model_dir,
        "stanza resources directory (default: $STANZA_RESOURCES_DIR, else ~/stanza_resources).",
        _str,
    ),
    Field(
        "max_text_chars",
        "ANNOTATE_MAX_TEXT_CHARS",
        200_000,
        "Largest text accepted, in characters (code points); larger gets 413.",
        _int(1),
    ),
    Field(
        "max_batch_docs",
        "ANNOTATE_MAX_BATCH_DOCS",
        64,
        "Most documents in one batch request; more gets 413.",
        _int(1),
    ),
    Field(
        "max_batch_chars",
        "ANNOTATE_MAX_BATCH_CHARS",
        1_000_000,
        "Most characters in all documents of one batch request; more gets 413.",
        _int(1),
    ),
    Field(
        "log_level",
        "ANNOTATE_LOG_LEVEL",
        "INFO",
        "Log level: DEBUG, INFO, WARNING, ERROR or CRITICAL.",
        _parse_log_level,
    ),
)


def environ_with(overrides: Mapping[str, str]) -> dict[str, str]:
    """This process's environment with ``overrides`` applied, for a child process."""
    return {**os.environ, **overrides}


@dataclass(frozen=True)
class Settings:
    """Every setting of the service, typed and validated."""

    host: str
    port: int
    workers: int
    threads: int
    timeout: int
    torch_threads: int
    model_dir: str
    max_text_chars: int
    max_batch_docs: int
    max_batch_chars: int
    log_level: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from environment variables, then apply ``overrides``.

        Raises:
            SettingsError: a variable or override has an unusable value.
        """
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for spec in FIELDS:
            raw = env.get(spec.env)
            if raw is not None:
                values[spec.name] = spec.parse(spec.env, raw)
            elif callable(spec.default):
                values[spec.name] = spec.default(env)
            else:
                values[spec.name] = spec.default
        return replace(cls(**values), **overrides) if overrides else cls(**values)

    def to_env(self) -> dict[str, str]:
        """The ``ANNOTATE_*`` variables that reproduce these settings in another process."""
        by_name = {spec.name: spec.env for spec in FIELDS}
        return {by_name[f.name]: str(getattr(self, f.name)) for f in fields(self)}

    @property
    def bind(self) -> str:
        """The gunicorn bind address, ``host:port`` (IPv6 hosts in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def max_body_bytes(self) -> int:
        """Largest request body read at all: the largest text written as JSON escapes.

        A character can take 12 bytes in JSON (a ``\\uXXXX`` surrogate pair), so a
        body under this bound can still hold any text within the character limits.
        """
        return 12 * max(self.max_text_chars, self.max_batch_chars) + 1024 * 1024
