"""``python -m service annotate`` prints what the API returns; ``models`` checks directories."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from service.cli import main
from tests.conftest import SEEDS
from tests.conftest import read_seed
from tests.invariants import check_annotation


def _without_timing(body: dict) -> dict:
    return {**body, "meta": {k: v for k, v in body["meta"].items() if k != "elapsed_ms"}}


@pytest.fixture
def run_cli(model_dir, annotator, monkeypatch, capsys):
    """Run the CLI in-process with the session's annotator (no second model load)."""
    monkeypatch.setattr("service.nlp.annotator.load_annotator", lambda *a, **k: annotator)

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["annotate", "--model-dir", model_dir, *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


def test_one_file_prints_exactly_the_api_body(run_cli, client) -> None:
    for seed in SEEDS:
        status, out, _ = run_cli(str(seed))
        assert status == 0
        assert out.endswith("\n") and out.count("\n") == 1
        api = client.post(
            "/v1/annotate", data=seed.read_bytes(), content_type="text/plain; charset=utf-8"
        )
        assert _without_timing(json.loads(out)) == _without_timing(api.json)


def test_several_files_print_json_lines_with_file_ids(run_cli) -> None:
    status, out, _ = run_cli(*map(str, SEEDS))
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [line["id"] for line in lines] == [str(p) for p in SEEDS]
    for seed, line in zip(SEEDS, lines, strict=True):
        check_annotation(line, read_seed(seed))


def test_jsonl_keeps_order_and_reports_bad_lines(run_cli, tmp_path) -> None:
    good = [
        {"id": f"d{i}", "text": f"Angela Merkel spoke in Berlin on day {i}."} for i in range(20)
    ]
    lines = [json.dumps(d) for d in good[:10]] + ["not json", '{"text": 5}', ""]
    lines += [json.dumps(d) for d in good[10:]]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, _ = run_cli("--jsonl", str(path))
    results = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [r["id"] for r in results] == [f"d{i}" for i in range(10)] + [None, None] + [
        f"d{i}" for i in range(10, 20)
    ]
    assert results[10]["error"]["status"] == 400 and f"{path}:11" in results[10]["error"]["detail"]
    assert results[11]["error"]["errors"] == {"text": ["Not a valid string."]}
    for doc, result in zip(good, results[:10] + results[12:], strict=True):
        check_annotation(result, doc["text"])


def test_missing_file_fails_without_stopping_the_others(run_cli, tmp_path) -> None:
    status, out, err = run_cli(str(tmp_path / "missing.txt"), str(SEEDS[0]))
    assert status == 1
    assert "missing.txt" in err
    assert len(out.splitlines()) == 1


def test_unknown_include_is_a_usage_error(run_cli) -> None:
    status, out, err = run_cli("--include", "gossip", str(SEEDS[0]))
    assert (status, out) == (2, "")
    assert "gossip" not in out and "Must be one of" in err


def test_stdin_keeps_crlf(model_dir) -> None:
    # A real process: stdin must be read as bytes, or CRLF would become LF.
    text = "Angela Merkel spoke.\r\nTony Blair replied.\r\n"
    done = subprocess.run(
        [sys.executable, "-m", "service", "annotate", "--model-dir", model_dir, "-"],
        input=text.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=True,
    )
    body = json.loads(done.stdout)
    assert body["text_length"] == len(text)
    check_annotation(body, text)


def test_models_check_names_directory_and_fix(tmp_path, capsys) -> None:
    (tmp_path / "resources.json").write_text('{"en": {"default_processors": {}}}')
    assert main(["models", "check", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path) in err
    assert "names no English default for tokenize, mwt, ner" in err
    assert "python -m service models download" in err


def test_models_check_accepts_the_test_models(model_dir, capsys) -> None:
    assert main(["models", "check", "--dir", model_dir]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {model_dir}")


def test_models_check_detects_a_damaged_file(model_dir, tmp_path, capsys) -> None:
    import shutil

    copy = tmp_path / "models"
    shutil.copytree(model_dir, copy)
    target = next((copy / "en" / "ner").glob("*.pt"))
    target.write_bytes(target.read_bytes()[:1000])
    assert main(["models", "check", "--dir", str(copy)]) == 2
    assert "damaged" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], "ANNOTATE_WORKERS=0 must be at least 1"),
        (["--log-level", "LOUD"], "ANNOTATE_LOG_LEVEL='LOUD' is not one of"),
    ],
)
def test_serve_rejects_bad_flags_before_starting(args, message, capsys) -> None:
    assert main(["serve", *args]) == 2
    assert message in capsys.readouterr().err


def test_serve_refuses_to_start_without_models(tmp_path, capsys) -> None:
    assert main(["serve", "--model-dir", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert "nothing does not exist" in err and "models download" in err


def test_models_download_failure_is_one_readable_line(tmp_path, monkeypatch, capsys) -> None:
    import stanza

    def offline(*args, **kwargs):
        raise ConnectionError("Name or service not known")

    monkeypatch.setattr(stanza, "download", offline)
    assert main(["models", "download", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: Could not download the English models into {tmp_path}")
    assert "ConnectionError: Name or service not known" in err
    assert "Traceback" not in err
