# Developer commands. Every target creates the virtualenv in .venv first, if needed.
#
#   make serve   start the service (gunicorn) on http://127.0.0.1:8000
#   make test    run the whole test suite, model tests included
#   make models  download the official English stanza models (needs internet)
#   make lint    ruff
#   make load    the load test: 8 clients for 3 minutes against gunicorn (bench/load.py)
#   make audit   known vulnerabilities in the installed dependencies (pip-audit; needs internet)
#
# Settings come from ANNOTATE_* variables, in the environment or on the make command line
# (`make serve ANNOTATE_PORT=9000`); ARGS is appended to the command (`make serve
# ARGS='--workers 2'`, `make test ARGS='-k packaging'`).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV ?= .venv
# The CPU build of torch, installed before anything else: an unpinned torch (or one pulled
# in by stanza) brings several GB of CUDA packages. Keep in step with pyproject.toml.
TORCH := torch==2.13.0
# Optional index for torch, e.g. TORCH_INDEX=https://download.pytorch.org/whl/cpu where
# the default index would serve a CUDA build.
TORCH_INDEX ?=
ARGS ?=

BIN := $(VENV)/bin
# Records a finished install; redone when pyproject.toml changes.
STAMP := $(VENV)/.installed

.PHONY: help venv serve test lint models load audit clean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX)) '$(TORCH)'
	$(BIN)/python -m pip install -e '.[test]'
	@touch $@

serve: $(STAMP)
	@$(BIN)/python -m service models check >/dev/null || { \
	  echo "make serve: no usable stanza models (see above). Either point STANZA_RESOURCES_DIR" >&2; \
	  echo "(or ANNOTATE_MODEL_DIR) at a stanza resources directory, or run 'make models'" >&2; \
	  echo "once on a machine with internet access." >&2; \
	  exit 2; }
	$(BIN)/python -m service serve $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(ARGS)

models: $(STAMP)
	$(BIN)/python -m service models download $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

load: $(STAMP)
	$(BIN)/python bench/load.py $(ARGS)

# The service's own package is skipped (not on PyPI); so is torch's CPU build, whose local
# version (+cpu) PyPI does not list: check torch's advisories by its version by hand.
audit: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[audit]'
	$(BIN)/pip-audit --skip-editable --progress-spinner off $(ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
