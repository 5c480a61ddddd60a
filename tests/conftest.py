"""Shared fixtures: one real stanza annotator per test session, apps built around it.

The model directory comes from ANNOTATE_MODEL_DIR or STANZA_RESOURCES_DIR. Tests
that need models fail loudly, naming the fix, when neither points at usable
models; they are never skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from service.nlp.annotator import Annotator
from service.nlp.annotator import load_annotator
from service.nlp.annotator import sentences_of
from service.nlp.entities import extract_entities
from service.nlp.errors import ModelsNotFound
from service.nlp.loader import inspect_models
from service.settings import FIELDS
from service.settings import Settings
from service.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# Read once, before any test scrubs the environment.
MODEL_DIR = os.environ.get("ANNOTATE_MODEL_DIR") or os.environ.get("STANZA_RESOURCES_DIR")


def read_seed(path: Path) -> str:
    """A seed article exactly as stored: UTF-8, line endings untouched."""
    return path.read_bytes().decode("utf-8")


def parse_for_quotes(annotator: Annotator, text: str) -> tuple:
    """The parse of ``text`` and the sentences and entities the quote step takes with it."""
    doc = annotator.parse([text])[0]
    sentences = sentences_of(doc)
    return doc, sentences, extract_entities(doc, text, [s.start for s in sentences])


def news_text(chars: int) -> str:
    """The seeds joined and repeated to ``chars`` characters: real news, seconds of work."""
    seeds = "\n\n".join(read_seed(path) for path in SEEDS)
    return (seeds * (chars // len(seeds) + 1))[:chars]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's shell from changing results: drop every ANNOTATE_* variable."""
    for spec in FIELDS:
        monkeypatch.delenv(spec.env, raising=False)


@pytest.fixture(scope="session")
def model_dir() -> str:
    """The checked model directory, or a loud failure saying how to provide one."""
    if not MODEL_DIR:
        pytest.fail(
            "No models: set STANZA_RESOURCES_DIR (or ANNOTATE_MODEL_DIR) to a stanza resources "
            "directory, e.g. ../shared/stanza_resources, or run `python -m service models "
            "download` on a machine with internet access.",
            pytrace=False,
        )
    try:
        inspect_models(MODEL_DIR)
    except ModelsNotFound as exc:
        pytest.fail(str(exc), pytrace=False)
    return MODEL_DIR


@pytest.fixture(scope="session")
def annotator(model_dir: str) -> Annotator:
    """The real stanza annotator, loaded once for the whole session."""
    return load_annotator(model_dir, torch_threads=2)


@pytest.fixture
def settings(model_dir: str) -> Settings:
    """Default settings pointing at the test models."""
    return Settings.from_env({"ANNOTATE_MODEL_DIR": model_dir})


@pytest.fixture
def app(settings: Settings, annotator: Annotator):
    """The real app around the session's annotator (pytest-flask derives ``client``)."""
    app = create_app(settings, annotator)
    app.config["TESTING"] = True
    return app


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the real models with ``models``."""
    for item in items:
        if {"annotator", "app", "model_dir"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.models)
