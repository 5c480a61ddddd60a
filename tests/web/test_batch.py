"""POST /v1/annotate/batch: order, per-document errors and limits."""

from __future__ import annotations

import pytest

from service.settings import Settings
from service.web.app import create_app
from tests.conftest import SEEDS
from tests.conftest import read_seed
from tests.invariants import check_annotation


def _without_timing(body: dict) -> dict:
    return {**body, "meta": {k: v for k, v in body["meta"].items() if k != "elapsed_ms"}}


def test_results_come_in_request_order_and_match_single_calls(client) -> None:
    texts = [read_seed(p) for p in SEEDS] + ["Angela Merkel spoke in Berlin.", ""]
    documents = [{"id": f"doc-{i}", "text": t} for i, t in enumerate(texts)]
    response = client.post("/v1/annotate/batch", json={"documents": documents})
    assert response.status_code == 200
    results = response.json["results"]
    assert [r["id"] for r in results] == [d["id"] for d in documents]
    for document, result in zip(documents, results, strict=True):
        check_annotation(result, document["text"])
        single = client.post("/v1/annotate", json=document).json
        assert _without_timing(result) == _without_timing(single)


def test_a_bad_document_gets_its_own_error_and_the_others_succeed(client) -> None:
    documents = [
        {"id": "good", "text": "Tony Blair spoke in London."},
        {"id": "no-text"},
        "not an object",
        {"id": "wrong-type", "text": 42},
        {"id": "extra", "text": "x", "lang": "fr"},
        {"text": "Angela Merkel spoke in Berlin."},
        None,
    ]
    response = client.post("/v1/annotate/batch", json={"documents": documents})
    assert response.status_code == 200
    results = response.json["results"]
    assert len(results) == len(documents)
    assert results[0]["entities"] and results[5]["entities"]
    assert results[5]["id"] is None
    errors = {i: results[i] for i in (1, 2, 3, 4, 6)}
    for result in errors.values():
        assert set(result) == {"id", "error"}
        assert result["error"]["status"] == 422
    assert errors[1]["id"] == "no-text"
    assert errors[1]["error"]["errors"] == {"text": ["Missing data for required field."]}
    assert errors[2]["id"] is None
    assert errors[3]["error"]["errors"] == {"text": ["Not a valid string."]}
    assert errors[4]["error"]["errors"] == {"lang": ["Unknown field."]}
    assert errors[6]["id"] is None


def test_include_applies_to_every_document(client) -> None:
    documents = [{"text": "Angela Merkel spoke."}, {"text": "Tony Blair spoke."}]
    body = client.post("/v1/annotate/batch", json={"documents": documents, "include": []}).json
    assert all("entities" not in r for r in body["results"])


def test_empty_batch_is_valid(client) -> None:
    assert client.post("/v1/annotate/batch", json={"documents": []}).json == {"results": []}


@pytest.fixture
def small_limits(annotator, model_dir):
    settings = Settings.from_env(
        {
            "ANNOTATE_MODEL_DIR": model_dir,
            "ANNOTATE_MAX_TEXT_CHARS": "40",
            "ANNOTATE_MAX_BATCH_DOCS": "3",
            "ANNOTATE_MAX_BATCH_CHARS": "60",
        }
    )
    return create_app(settings, annotator).test_client()


def test_an_overlong_document_gets_413_alone(small_limits) -> None:
    documents = [{"id": "long", "text": "x" * 41}, {"id": "ok", "text": "Tony Blair spoke."}]
    results = small_limits.post("/v1/annotate/batch", json={"documents": documents}).json["results"]
    assert results[0]["error"]["status"] == 413
    assert results[1]["sentences"]


def test_too_many_documents_is_413(small_limits) -> None:
    documents = [{"text": "a"}] * 4
    response = small_limits.post("/v1/annotate/batch", json={"documents": documents})
    assert response.status_code == 413
    assert "ANNOTATE_MAX_BATCH_DOCS" in response.json["detail"]


def test_too_many_characters_in_all_is_413(small_limits) -> None:
    documents = [{"text": "y" * 40}, {"text": "z" * 21}]
    response = small_limits.post("/v1/annotate/batch", json={"documents": documents})
    assert response.status_code == 413
    assert "ANNOTATE_MAX_BATCH_CHARS" in response.json["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "documents"),
        ({"documents": "abc"}, "documents"),
        ({"documents": [], "include": ["quotes-of-the-day"]}, "include"),
        ({"documents": [], "options": {}}, "options"),
    ],
)
def test_invalid_envelope_is_422(client, body: dict, field: str) -> None:
    response = client.post("/v1/annotate/batch", json=body)
    assert response.status_code == 422
    assert field in response.json["errors"]


def test_plain_text_is_not_a_batch(client) -> None:
    response = client.post("/v1/annotate/batch", data="hello", content_type="text/plain")
    assert response.status_code == 415
