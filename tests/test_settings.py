"""Settings come from ANNOTATE_* variables only, typed and validated."""

from __future__ import annotations

import pytest

from service.settings import FIELDS
from service.settings import Settings
from service.settings import SettingsError


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert (settings.host, settings.port, settings.workers, settings.threads) == (
        "127.0.0.1",
        8000,
        1,
        2,
    )
    assert settings.max_text_chars == 200_000
    assert settings.log_level == "INFO"
    assert settings.torch_threads == 1


def test_every_setting_is_read_from_its_variable() -> None:
    env = {
        "ANNOTATE_HOST": "0.0.0.0",  # noqa: S104
        "ANNOTATE_PORT": "9000",
        "ANNOTATE_WORKERS": "3",
        "ANNOTATE_THREADS": "4",
        "ANNOTATE_TIMEOUT": "30",
        "ANNOTATE_TORCH_THREADS": "1",
        "ANNOTATE_MODEL_DIR": "/models",
        "ANNOTATE_MAX_TEXT_CHARS": "1000",
        "ANNOTATE_MAX_BATCH_DOCS": "8",
        "ANNOTATE_MAX_BATCH_CHARS": "5000",
        "ANNOTATE_LOG_LEVEL": "debug",
    }
    assert set(env) == {spec.env for spec in FIELDS}
    settings = Settings.from_env(env)
    assert settings.bind == "0.0.0.0:9000"
    assert (settings.workers, settings.threads, settings.timeout, settings.torch_threads) == (
        3,
        4,
        30,
        1,
    )
    assert (settings.model_dir, settings.max_text_chars, settings.log_level) == (
        "/models",
        1000,
        "DEBUG",
    )
    assert Settings.from_env(settings.to_env()) == settings


def test_model_dir_falls_back_to_stanza_variable() -> None:
    assert Settings.from_env({"STANZA_RESOURCES_DIR": "/s"}).model_dir == "/s"
    both = {"STANZA_RESOURCES_DIR": "/s", "ANNOTATE_MODEL_DIR": "/a"}
    assert Settings.from_env(both).model_dir == "/a"


def test_ipv6_host_is_bracketed() -> None:
    assert Settings.from_env({"ANNOTATE_HOST": "::1"}).bind == "[::1]:8000"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ANNOTATE_PORT": "http"}, "ANNOTATE_PORT='http' is not a whole number"),
        ({"ANNOTATE_WORKERS": "0"}, "ANNOTATE_WORKERS=0 must be at least 1"),
        ({"ANNOTATE_LOG_LEVEL": "chatty"}, "ANNOTATE_LOG_LEVEL='chatty' is not one of"),
        ({"ANNOTATE_MODEL_DIR": " "}, "ANNOTATE_MODEL_DIR is empty"),
    ],
)
def test_bad_values_name_the_variable(env: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message.replace("(", r"\(")):
        Settings.from_env(env)


def test_body_limit_covers_the_largest_text_written_as_json_escapes() -> None:
    settings = Settings.from_env({})
    assert settings.max_body_bytes >= 12 * settings.max_batch_chars
