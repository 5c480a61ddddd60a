"""Every bad input gets a clear problem+json answer, never a 500 or a stack trace."""

from __future__ import annotations

import threading
import time

import pytest

from service.nlp.annotator import Annotator
from service.settings import Settings
from service.web.app import create_app

PROBLEM = "application/problem+json"

BAD_REQUESTS = [
    # (id, method, path, kwargs, status, words the detail must contain)
    ("malformed-json", "post", "/v1/annotate", dict(data="{bad", content_type="application/json"), 400, "not valid JSON"),
    ("truncated-json", "post", "/v1/annotate", dict(data='{"text": "a', content_type="application/json"), 400, "not valid JSON"),
    ("nan", "post", "/v1/annotate", dict(data='{"text": NaN}', content_type="application/json"), 400, "NaN"),
    ("duplicate-key", "post", "/v1/annotate", dict(data='{"text":"a","text":"b"}', content_type="application/json"), 400, "appears twice"),
    ("deep-json", "post", "/v1/annotate", dict(data="[" * 100_000, content_type="application/json"), 400, "JSON"),
    ("bad-utf8-text", "post", "/v1/annotate", dict(data=b"Caf\xe9", content_type="text/plain"), 400, "not valid UTF-8: byte 3"),
    ("bad-utf8-json", "post", "/v1/annotate", dict(data=b'{"text": "\xff"}', content_type="application/json"), 400, "not valid UTF-8"),
    ("unknown-route", "get", "/v2/annotate", {}, 404, "nothing at this URL"),
    ("wrong-method", "get", "/v1/annotate", {}, 405, "POST"),
    ("wrong-method-ops", "post", "/healthz", {}, 405, "GET"),
    ("form-data", "post", "/v1/annotate", dict(data="text=hello", content_type="application/x-www-form-urlencoded"), 415, "Content-Type: text/plain"),
    ("no-content-type", "post", "/v1/annotate", dict(data=b"hello"), 415, "has no Content-Type"),
    ("xml", "post", "/v1/annotate", dict(data="<a/>", content_type="application/xml"), 415, "application/xml"),
    ("latin1-charset", "post", "/v1/annotate", dict(data="x", content_type="text/plain; charset=latin-1"), 415, "UTF-8"),
    ("json-utf16", "post", "/v1/annotate", dict(data="{}", content_type="application/json; charset=utf-16"), 415, "UTF-8"),
    ("missing-text", "post", "/v1/annotate", dict(json={"id": "x"}), 422, "text"),
    ("null-text", "post", "/v1/annotate", dict(json={"text": None}), 422, "text"),
    ("number-text", "post", "/v1/annotate", dict(json={"text": 12}), 422, "text"),
    ("array-body", "post", "/v1/annotate", dict(json=["text"]), 422, "_schema"),
    ("string-body", "post", "/v1/annotate", dict(json="text"), 422, "_schema"),
    ("unknown-include", "post", "/v1/annotate", dict(json={"text": "a", "include": ["gossip"]}), 422, "include"),
    ("include-not-list", "post", "/v1/annotate", dict(json={"text": "a", "include": "entities"}), 422, "include"),
    ("unknown-field", "post", "/v1/annotate", dict(json={"text": "a", "lang": "en"}), 422, "lang"),
    ("id-not-string", "post", "/v1/annotate", dict(json={"text": "a", "id": 7}), 422, "id"),
    ("id-too-long", "post", "/v1/annotate", dict(json={"text": "a", "id": "x" * 257}), 422, "id"),
    ("lone-surrogate", "post", "/v1/annotate", dict(data='{"text": "a\\ud800"}', content_type="application/json"), 422, "text"),
    ("query-string", "post", "/v1/annotate?include=entities", dict(data="a", content_type="text/plain"), 422, "query"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_REQUESTS],
)
def test_bad_requests_get_problem_json(client, method, path, kwargs, status, words) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.json
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"]
    assert words in body["detail"] + str(body.get("errors", ""))
    assert body["request_id"] == response.headers["X-Request-ID"]


def test_422_names_each_invalid_field(client) -> None:
    body = client.post("/v1/annotate", json={"text": 1, "include": ["x"], "more": 2}).json
    assert set(body["errors"]) == {"text", "include", "more"}
    assert body["errors"]["include"] == {"0": ["Must be one of: entities, quotes, claims."]}


def test_405_lists_the_allowed_methods(client) -> None:
    response = client.delete("/v1/annotate/batch")
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"


def test_unknown_field_with_lone_surrogate_name_still_gives_valid_json(client) -> None:
    response = client.post(
        "/v1/annotate", data='{"text": "a", "\\udc80": 1}', content_type="application/json"
    )
    assert response.status_code == 422
    response.get_data().decode("utf-8")  # strict: no surrogates written as UTF-8
    assert "\udc80" in response.json["errors"]


def test_body_over_the_read_limit_is_413(annotator, model_dir) -> None:
    settings = Settings.from_env(
        {
            "ANNOTATE_MODEL_DIR": model_dir,
            "ANNOTATE_MAX_TEXT_CHARS": "10",
            "ANNOTATE_MAX_BATCH_CHARS": "10",
        }
    )
    client = create_app(settings, annotator).test_client()
    response = client.post(
        "/v1/annotate", data="x" * (settings.max_body_bytes + 1), content_type="text/plain"
    )
    assert response.status_code == 413
    assert response.mimetype == PROBLEM


class _Broken(Annotator):
    """An annotator whose every call fails, to exercise the 500 path."""

    def __init__(self) -> None:
        super().__init__(pipeline=None, models={"ner": "broken"})

    def annotate_many(self, *args, **kwargs):
        raise RuntimeError("secret internal detail /srv/models")


def test_unexpected_errors_are_a_generic_500_without_internals(settings, caplog) -> None:
    client = create_app(settings, _Broken()).test_client()
    response = client.post("/v1/annotate", json={"text": "Hello."})
    assert response.status_code == 500
    assert response.mimetype == PROBLEM
    text = response.get_data(as_text=True)
    assert "secret" not in text and "Traceback" not in text and "RuntimeError" not in text
    assert any("secret internal detail" in (r.exc_text or "") for r in caplog.records)


def test_not_ready_is_503_with_retry_after(settings) -> None:
    release = threading.Event()

    def slow_loader() -> Annotator:
        release.wait(30)
        raise RuntimeError("gave up")

    app = create_app(settings, slow_loader)
    client = app.test_client()
    try:
        for path in ("/readyz", "/v1/annotate"):
            response = (
                client.get(path) if path == "/readyz" else client.post(path, json={"text": "a"})
            )
            assert response.status_code == 503
            assert response.mimetype == PROBLEM
            assert response.headers["Retry-After"] == "5"
            assert "still loading" in response.json["detail"]
        assert client.get("/healthz").status_code == 200
    finally:
        release.set()
        assert app.extensions["annotate_models"].wait(10)


def test_failed_loading_keeps_readiness_off_and_says_why(settings) -> None:
    def failing_loader() -> Annotator:
        raise RuntimeError("model file truncated")

    app = create_app(settings, failing_loader)
    assert app.extensions["annotate_models"].wait(10)
    client = app.test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "failed to load: model file truncated" in response.json["detail"]
    # Clients of the API are pointed at the probe, not shown the internals.
    response = client.post("/v1/annotate", json={"text": "a"})
    assert response.status_code == 503
    assert "truncated" not in response.json["detail"]
    assert "/readyz" in response.json["detail"]


def test_missing_model_directory_keeps_the_app_up_but_never_ready(tmp_path, caplog) -> None:
    settings = Settings.from_env({"ANNOTATE_MODEL_DIR": str(tmp_path / "none")})
    client = create_app(settings).test_client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503
    assert (
        "none does not exist. Fix: run `python -m service models download"
        in (response.json["detail"])
    )
    assert client.post("/v1/annotate", json={"text": "a"}).status_code == 503
    assert [r.levelname for r in caplog.records if "models unusable" in r.getMessage()] == ["ERROR"]


def test_a_request_over_its_time_budget_is_504_and_the_app_goes_on(annotator, model_dir) -> None:
    settings = Settings.from_env({"ANNOTATE_MODEL_DIR": model_dir, "ANNOTATE_TIMEOUT": "1"})
    client = create_app(settings, annotator).test_client()
    text = "Angela Merkel said the talks in Berlin would go on. " * 3000  # 156,000 characters
    began = time.monotonic()
    response = client.post("/v1/annotate", data=text, content_type="text/plain")
    assert response.status_code == 504
    assert response.mimetype == PROBLEM
    assert "ANNOTATE_TIMEOUT" in response.get_json()["detail"]
    assert time.monotonic() - began < 5
    assert client.post("/v1/annotate", json={"text": "Angela Merkel spoke."}).status_code == 200


def test_a_request_queued_past_its_budget_is_503_with_retry_after(annotator, model_dir) -> None:
    def app_with_budget(seconds: int):
        env = {"ANNOTATE_MODEL_DIR": model_dir, "ANNOTATE_TIMEOUT": str(seconds)}
        return create_app(Settings.from_env(env), annotator)

    long_text = "Angela Merkel said the talks in Berlin would go on. " * 3000
    first: list[int] = []
    client = app_with_budget(3).test_client()
    thread = threading.Thread(
        target=lambda: first.append(
            client.post("/v1/annotate", data=long_text, content_type="text/plain").status_code
        )
    )
    thread.start()
    time.sleep(0.2)  # the long request holds the pipeline for 3 s; this one may wait 1 s
    response = (
        app_with_budget(1).test_client().post("/v1/annotate", json={"text": "Angela Merkel spoke."})
    )
    thread.join(10)
    assert (first, response.status_code) == ([504], 503)
    assert response.headers["Retry-After"].isdigit()
    assert "busy" in response.get_json()["detail"]
