"""Finding, checking, downloading and loading the stanza models.

Package names are never written in code: the English defaults come from the
``resources.json`` of the model directory, so the offline models and the
official ones load through the same path.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.nlp.errors import ModelsDownloadFailed
from service.nlp.errors import ModelsNotFound

log = logging.getLogger(__name__)

LANGUAGE = "en"
#: The stanza processors the service loads, in pipeline order. stanza will not load an
#: English pipeline without ``mwt``; ``build_pipeline(run_mwt=False)`` then drops it.
PROCESSORS = ("tokenize", "mwt", "ner")
#: The processors the service runs: what it reads (tokens, their offsets, sentences and NER
#: tags) is the same without multi-word token expansion, which costs 10-20% of the time.
RUN = ("tokenize", "ner")
#: The 18 OntoNotes entity types; the NER model must predict only these.
ONTONOTES_TYPES = frozenset(
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE "
    "DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL".split()
)


@dataclass(frozen=True)
class ModelInfo:
    """What a checked model directory holds: the package per processor and their files."""

    model_dir: Path
    packages: dict[str, str]
    files: tuple[Path, ...]


def _fix(model_dir: Path) -> str:
    return (
        f"Fix: run `python -m service models download --dir {model_dir}` on a machine with "
        "internet access, or point ANNOTATE_MODEL_DIR (or STANZA_RESOURCES_DIR) at a stanza "
        f"resources directory holding English {', '.join(PROCESSORS)} models."
    )


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inspect_models(model_dir: str | Path, verify: bool = True) -> ModelInfo:
    """Check that ``model_dir`` holds every model the pipeline needs.

    Reads the English defaults from ``resources.json``, follows each package's
    dependencies (pretrained vectors, character LMs) and checks each file exists
    and, with ``verify``, matches the md5 recorded in ``resources.json``.

    Raises:
        ModelsNotFound: with a message naming the directory, the problem and the fix.
    """
    model_dir = Path(model_dir).expanduser()
    resources_file = model_dir / "resources.json"
    if not model_dir.is_dir():
        raise ModelsNotFound(f"Model directory {model_dir} does not exist. {_fix(model_dir)}")
    try:
        resources = json.loads(resources_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelsNotFound(f"{resources_file} is missing. {_fix(model_dir)}") from None
    except (OSError, ValueError) as exc:
        raise ModelsNotFound(f"{resources_file} is unreadable ({exc}). {_fix(model_dir)}") from None

    language = resources.get(LANGUAGE) if isinstance(resources, dict) else None
    defaults = language.get("default_processors") if isinstance(language, dict) else None
    if not isinstance(defaults, dict):
        raise ModelsNotFound(
            f"{resources_file} has no English default processors. {_fix(model_dir)}"
        )
    missing = [name for name in PROCESSORS if not isinstance(defaults.get(name), str)]
    if missing:
        raise ModelsNotFound(
            f"{resources_file} names no English default for {', '.join(missing)}. {_fix(model_dir)}"
        )

    packages = {name: defaults[name] for name in PROCESSORS}
    problems: list[str] = []
    files: list[Path] = []
    for processor, package in packages.items():
        for kind, pkg in [(processor, package), *_dependencies(language, processor, package)]:
            path = model_dir / LANGUAGE / kind / f"{pkg}.pt"
            files.append(path)
            if not path.is_file():
                problems.append(f"{path} is missing")
                continue
            expected = (language.get(kind) or {}).get(pkg, {}).get("md5")
            if verify and expected and _md5(path) != expected:
                problems.append(f"{path} is damaged (md5 differs from resources.json)")
    if problems:
        raise ModelsNotFound(
            f"Model directory {model_dir} is incomplete: {'; '.join(problems)}. {_fix(model_dir)}"
        )
    return ModelInfo(model_dir, packages, tuple(dict.fromkeys(files)))


def _dependencies(language: dict[str, Any], processor: str, package: str) -> list[tuple[str, str]]:
    entry = (language.get(processor) or {}).get(package) or {}
    deps = entry.get("dependencies") or []
    return [(d["model"], d["package"]) for d in deps if "model" in d and "package" in d]


def build_pipeline(info: ModelInfo, torch_threads: int, run_mwt: bool = False) -> Any:
    """Load the stanza pipeline from a checked directory, with downloads off.

    Without ``run_mwt``, the MWT processor is dropped after loading, so the pipeline
    runs ``RUN``; tests/nlp/test_annotator.py checks that this changes no token,
    sentence or NER tag of the seeds against stanza's default pipeline.

    Raises:
        ModelsNotFound: stanza could not load the models, or the NER model predicts
            types outside the 18 OntoNotes types.
    """
    import stanza
    import torch

    torch.set_num_threads(torch_threads)
    try:
        pipeline = stanza.Pipeline(
            lang=LANGUAGE,
            dir=str(info.model_dir),
            processors=",".join(PROCESSORS),
            download_method=None,
            use_gpu=False,
            logging_level="WARN",
        )
    except Exception as exc:
        raise ModelsNotFound(
            f"stanza could not load the models in {info.model_dir}: {exc}. {_fix(info.model_dir)}"
        ) from exc
    unknown = set(pipeline.processors["ner"].get_known_tags()) - ONTONOTES_TYPES
    if unknown:
        raise ModelsNotFound(
            f"The NER model in {info.model_dir} predicts {', '.join(sorted(unknown))}, outside "
            f"the 18 OntoNotes types this service returns. {_fix(info.model_dir)}"
        )
    if not run_mwt:
        # stanza adds mwt back to any run that asks for tokenize, unless it is gone.
        pipeline.processors.pop("mwt", None)
    return pipeline


def download_models(model_dir: str | Path) -> ModelInfo:
    """Fetch the official English models for the service's processors into ``model_dir``.

    Needs internet access; the service itself never downloads.

    Raises:
        ModelsDownloadFailed: the hub could not be reached or the download broke off.
        ModelsNotFound: the download finished but left an incomplete directory.
    """
    import stanza

    model_dir = Path(model_dir).expanduser()
    log.info("downloading stanza models", extra={"model_dir": str(model_dir)})
    try:
        stanza.download(
            LANGUAGE,
            model_dir=str(model_dir),
            processors=",".join(PROCESSORS),
            logging_level="WARN",
        )
    except Exception as exc:  # requests, OS and stanza errors alike end the same way
        raise ModelsDownloadFailed(
            f"Could not download the English models into {model_dir}: "
            f"{type(exc).__name__}: {exc}. The download needs internet access to stanza's "
            "model hub; on an offline machine, copy a resources directory over instead and "
            "point ANNOTATE_MODEL_DIR (or STANZA_RESOURCES_DIR) at it."
        ) from exc
    return inspect_models(model_dir)
