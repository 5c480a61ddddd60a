# The annotation service: CPU-only torch, official stanza English models baked in,
# a fixed-uid non-root user, gunicorn as the process. Build and run:
#   docker build -t news-annotate .
#   docker run --rm -p 8000:8000 news-annotate
ARG PYTHON_IMAGE=python:3.11-slim

# ---- build: a virtualenv with the service installed, and the models --------------------------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

# torch first, from the CPU-only index: the PyPI wheel of the same version pulls several GB
# of CUDA libraries. The CPU build (2.13.0+cpu) then satisfies the torch==2.13.0 pin below.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

WORKDIR /src
# service/openapi.yaml is a symlink to ../openapi.yaml, so both must be copied; the wheel
# build follows the link and installs the file itself.
COPY pyproject.toml README.md openapi.yaml ./
COPY service ./service
RUN pip install . && pip check

# The official English models for tokenize, mwt and ner (package names from stanza's
# resources.json), fetched now so that the running container never needs the network.
RUN python -m service models download --dir /opt/models

# ---- runtime ------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --system --gid 10001 annotate \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin annotate

# Owned by root and read-only for the service user: nothing is written at runtime.
COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/models /opt/models

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    ANNOTATE_HOST=0.0.0.0 \
    ANNOTATE_PORT=8000 \
    ANNOTATE_MODEL_DIR=/opt/models

WORKDIR /srv
USER 10001:10001
EXPOSE 8000

# Ready means the models are loaded (503 until then); the start period covers loading them.
# python's urllib, since the slim image has no curl; an HTTP error or refused connection exits 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('ANNOTATE_PORT', '8000'), timeout=4)"]

# gunicorn reads bind, workers, threads and timeouts from the ANNOTATE_* variables. No
# --preload: each worker loads its own pipeline (stanza/torch hang in forked workers).
CMD ["gunicorn", "-c", "python:service.web.gunicorn_conf"]
