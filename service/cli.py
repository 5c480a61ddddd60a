"""The command line: ``python -m service serve | annotate | models``.

``annotate`` prints exactly the JSON the API returns, through the same schemas,
without loading Flask.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from collections.abc import Sequence
from typing import Any
from typing import TextIO

from service.settings import FIELDS
from service.settings import Settings
from service.settings import SettingsError
from service.settings import environ_with

BATCH_SIZE = 16

# serve's flags, each overriding the environment variable of the same setting.
_SERVE_FLAGS = {
    "host": ("--host", str),
    "port": ("--port", int),
    "workers": ("--workers", int),
    "threads": ("--threads", int),
    "timeout": ("--timeout", int),
    "torch_threads": ("--torch-threads", int),
    "model_dir": ("--model-dir", str),
    "max_text_chars": ("--max-text-chars", int),
    "log_level": ("--log-level", str),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="start the HTTP service under gunicorn")
    env_of = {spec.name: spec for spec in FIELDS}
    for name, (flag, kind) in _SERVE_FLAGS.items():
        spec = env_of[name]
        serve.add_argument(flag, dest=name, type=kind, help=f"{spec.help} [env {spec.env}]")

    annotate = commands.add_parser("annotate", help="annotate files or stdin; JSON out")
    _annotate_arguments(annotate)

    models = commands.add_parser("models", help="download or check the stanza models")
    models.add_argument("action", choices=["download", "check"])
    models.add_argument("--dir", dest="model_dir", help="model directory [env ANNOTATE_MODEL_DIR]")
    return parser


def _annotate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="UTF-8 text files, or - for standard input"
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='input is JSON Lines of {"id", "text"}; output is one JSON line per document',
    )
    parser.add_argument(
        "--include", action="append", help="annotation kind to compute (repeatable; default all)"
    )
    parser.add_argument("--model-dir", help="model directory [env ANNOTATE_MODEL_DIR]")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m service``; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
        if args.command == "models":
            return _models(args)
        return _annotate(args)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def annotate_main(argv: Sequence[str] | None = None) -> int:
    """The ``annotate`` console script: ``annotate FILE... | -``."""
    parser = argparse.ArgumentParser(prog="annotate", description="Annotate news text; JSON out.")
    _annotate_arguments(parser)
    try:
        return _annotate(parser.parse_args(argv))
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _settings(model_dir: str | None) -> Settings:
    env = environ_with({"ANNOTATE_MODEL_DIR": model_dir} if model_dir else {})
    return Settings.from_env(env)


def _serve(args: argparse.Namespace) -> int:
    from service.nlp.errors import ModelsNotFound
    from service.nlp.loader import inspect_models

    env_of = {spec.name: spec.env for spec in FIELDS}
    overrides = {
        env_of[name]: str(getattr(args, name))
        for name in _SERVE_FLAGS
        if getattr(args, name) is not None
    }
    env = environ_with(overrides)
    settings = Settings.from_env(env)  # validates flags and environment together
    try:
        inspect_models(settings.model_dir, verify=False)
    except ModelsNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    env.update(settings.to_env())
    command = [sys.executable, "-m", "gunicorn", "-c", "python:service.web.gunicorn_conf"]
    os.execvpe(command[0], command, env)  # noqa: S606 - replaces this process with gunicorn
    return 0  # not reached


def _models(args: argparse.Namespace) -> int:
    from service.nlp.errors import NlpError
    from service.nlp.loader import download_models
    from service.nlp.loader import inspect_models

    settings = _settings(args.model_dir)
    try:
        if args.action == "download":
            info = download_models(settings.model_dir)
        else:
            info = inspect_models(settings.model_dir)
    except NlpError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    packages = ", ".join(f"{k}={v}" for k, v in info.packages.items())
    print(f"ok: {info.model_dir} ({packages})")
    return 0


def _annotate(args: argparse.Namespace) -> int:
    from service.logs import configure_logging
    from service.nlp.annotator import load_annotator
    from service.nlp.errors import ModelsNotFound
    from service.web.schemas import AnnotateRequestSchema

    settings = _settings(args.model_dir)
    configure_logging("WARNING")
    include = args.include
    if include is not None:
        errors = AnnotateRequestSchema().validate({"text": "", "include": include})
        if errors:
            print(f"error: --include: {errors['include']}", file=sys.stderr)
            return 2
    try:
        annotator = load_annotator(settings.model_dir, settings.torch_threads)
    except ModelsNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    out = sys.stdout
    if args.jsonl:
        return _annotate_jsonl(annotator, args.files, include, out)
    return _annotate_files(annotator, args.files, include, out)


def _annotate_files(annotator: Any, paths: Sequence[str], include: Any, out: TextIO) -> int:
    from service.web.schemas import annotation_body
    from service.web.schemas import to_json

    single = len(paths) == 1
    failed = False
    for path in paths:
        try:
            text = _read_text(path)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            failed = True
            continue
        # One document prints what POST /v1/annotate returns for it; several are
        # JSON Lines, each with its file name as the id.
        result = annotator.annotate(text, None if single else path, include)
        out.write(to_json(annotation_body(result)) + "\n")
    return 1 if failed else 0


def _read_text(path: str) -> str:
    if path == "-":
        # Bytes, not sys.stdin's text mode: universal newlines would turn CRLF into LF.
        return sys.stdin.buffer.read().decode("utf-8")
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _annotate_jsonl(annotator: Any, paths: Sequence[str], include: Any, out: TextIO) -> int:
    """Annotate JSON Lines of ``{"id", "text"}`` in batches; a bad line gets an error line."""
    from marshmallow import ValidationError

    from service.web.schemas import BatchDocumentSchema
    from service.web.schemas import annotation_body
    from service.web.schemas import problem_body
    from service.web.schemas import to_json

    schema = BatchDocumentSchema()
    # Each slot holds a document to annotate or an error line, so output keeps input order.
    pending: list[dict[str, Any]] = []
    failed = False

    def flush() -> None:
        docs = [item for item in pending if "error" not in item]
        texts, ids = [d["text"] for d in docs], [d["id"] for d in docs]
        results = iter(annotator.annotate_many(texts, ids, include))
        for item in pending:
            body = item if "error" in item else annotation_body(next(results))
            out.write(to_json(body) + "\n")
        pending.clear()

    for where, raw in _jsonl_lines(paths):
        try:
            pending.append(schema.load(json.loads(raw.decode("utf-8"))))
        except ValidationError as exc:
            failed = True
            detail = f"{where}: the document has invalid fields."
            pending.append({"id": None, "error": problem_body(422, detail, exc.messages)})
        except ValueError as exc:  # not UTF-8, or not JSON
            failed = True
            pending.append({"id": None, "error": problem_body(400, f"{where}: {exc}")})
        if len(pending) >= BATCH_SIZE:
            flush()
    flush()
    return 1 if failed else 0


def _jsonl_lines(paths: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    for path in paths:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        try:
            for number, raw in enumerate(stream, start=1):
                if raw.strip():
                    yield f"{path}:{number}", raw
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
