"""POST /v1/annotate: both body formats, offsets over HTTP, ids and include."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEEDS
from tests.conftest import read_seed
from tests.invariants import check_annotation

PLAIN = "text/plain; charset=utf-8"


def _without_timing(body: dict) -> dict:
    body = json.loads(json.dumps(body))
    body["meta"].pop("elapsed_ms")
    return body


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_as_plain_text_and_as_json_agree(client, seed) -> None:
    text = read_seed(seed)
    plain = client.post("/v1/annotate", data=text.encode("utf-8"), content_type=PLAIN)
    as_json = client.post("/v1/annotate", json={"text": text})
    assert plain.status_code == as_json.status_code == 200
    assert plain.mimetype == "application/json"
    check_annotation(plain.json, text)
    assert _without_timing(plain.json) == _without_timing(as_json.json)
    assert plain.json["entities"], "a news article names somebody"


def test_offsets_count_code_points_not_bytes(client) -> None:
    text = "😀 Tony Blair spoke in London.\r\n"
    response = client.post("/v1/annotate", data=text.encode("utf-8"), content_type=PLAIN)
    body = response.json
    assert body["text_length"] == len(text) == 31
    check_annotation(body, text)
    blair = next(m for e in body["entities"] for m in e["mentions"] if m["text"] == "Tony Blair")
    assert (blair["start"], blair["end"]) == (2, 12)


def test_crlf_and_bom_reach_the_annotator_unchanged(client) -> None:
    text = "\ufeffAngela Merkel spoke.\r\n\r\nTony Blair replied.\r\n"
    response = client.post("/v1/annotate", data=text.encode("utf-8"), content_type=PLAIN)
    assert response.json["text_length"] == len(text)
    check_annotation(response.json, text)


def test_json_escapes_and_surrogate_pairs_are_one_code_point(client) -> None:
    raw = '{"text": "\\ud83d\\ude00 Angela Merkel in Berlin."}'
    response = client.post("/v1/annotate", data=raw, content_type="application/json")
    assert response.status_code == 200
    check_annotation(response.json, "😀 Angela Merkel in Berlin.")


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain; charset=UTF-8",
        "text/plain;charset=utf8",
        "application/json; charset=utf-8",
    ],
)
def test_accepted_content_types(client, content_type: str) -> None:
    text = "Angela Merkel spoke in Berlin."
    data = json.dumps({"text": text}) if "json" in content_type else text
    response = client.post("/v1/annotate", data=data, content_type=content_type)
    assert response.status_code == 200
    check_annotation(response.json, text)


def test_id_is_echoed_and_null_without_one(client) -> None:
    assert client.post("/v1/annotate", json={"text": "Hi.", "id": "a-1"}).json["id"] == "a-1"
    assert client.post("/v1/annotate", json={"text": "Hi."}).json["id"] is None
    assert client.post("/v1/annotate", data="Hi.", content_type=PLAIN).json["id"] is None


def test_include_limits_the_annotations(client) -> None:
    text = "Angela Merkel spoke in Berlin."
    body = client.post("/v1/annotate", json={"text": text, "include": []}).json
    assert "entities" not in body
    assert body["sentences"] == [{"index": 0, "start": 0, "end": len(text)}]
    body = client.post("/v1/annotate", json={"text": text, "include": ["entities"]}).json
    assert body["entities"]


@pytest.mark.parametrize("text", ["", "   ", "\r\n\t"])
def test_blank_text_is_valid_and_empty(client, text: str) -> None:
    for response in (
        client.post("/v1/annotate", json={"text": text}),
        client.post("/v1/annotate", data=text, content_type=PLAIN),
    ):
        assert response.status_code == 200
        body = response.json
        assert (body["text_length"], body["sentences"], body["entities"]) == (len(text), [], [])


def test_meta_names_the_models_and_version(client, annotator) -> None:
    from service import __version__

    meta = client.post("/v1/annotate", json={"text": "Hi."}).json["meta"]
    assert meta["service_version"] == __version__
    assert meta["models"] == annotator.models
    assert set(meta["models"]) == {"tokenize", "mwt", "ner"}
    assert meta["elapsed_ms"] >= 0


def test_text_at_the_limit_is_accepted(annotator, model_dir) -> None:
    from service.settings import Settings
    from service.web.app import create_app

    settings = Settings.from_env({"ANNOTATE_MODEL_DIR": model_dir, "ANNOTATE_MAX_TEXT_CHARS": "30"})
    client = create_app(settings, annotator).test_client()
    text = "Angela Merkel spoke in Berlin."
    assert len(text) == 30
    assert client.post("/v1/annotate", data=text, content_type=PLAIN).status_code == 200
    # The limit counts characters: 30 emoji are 120 bytes but only 30 characters.
    assert client.post("/v1/annotate", json={"text": "😀" * 30}).status_code == 200
    too_long = client.post("/v1/annotate", json={"text": "😀" * 31})
    assert too_long.status_code == 413
    assert "31 characters" in too_long.json["detail"]
