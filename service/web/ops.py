"""Blueprint ``ops``: health, readiness, the contract and its human-readable docs."""

from __future__ import annotations

import os
from importlib import resources

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import send_file

from service.web.problems import ApiProblem
from service.web.schemas import to_json

bp = Blueprint("ops", __name__)

#: Swagger UI files served under /docs/assets, from the swagger-ui-py package (no CDN).
DOCS_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}

_DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>News annotation API</title>
  <link rel="stylesheet" href="docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/assets/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: "openapi.yaml",
      dom_id: "#swagger-ui",
      deepLinking: true,
      validatorUrl: null
    });
  </script>
</body>
</html>
"""


def openapi_document() -> bytes:
    """The contract, byte for byte as checked in (``service/openapi.yaml`` links to it)."""
    return resources.files("service").joinpath("openapi.yaml").read_bytes()


@bp.get("/healthz")
def healthz() -> Response:
    """Liveness: the process is up and answering."""
    return Response(to_json({"status": "ok"}), mimetype="application/json")


@bp.get("/readyz")
def readyz() -> Response:
    """Readiness: 200 once the models are loaded and warmed, 503 before (or if they failed)."""
    annotator = current_app.extensions["annotate_models"].require(explain=True)
    body = {"status": "ready", "models": annotator.models}
    return Response(to_json(body), mimetype="application/json")


@bp.get("/openapi.yaml")
def openapi() -> Response:
    """The OpenAPI 3.1 contract."""
    return Response(current_app.config["ANNOTATE_OPENAPI"], mimetype="application/yaml")


@bp.get("/docs")
def docs() -> Response:
    """Swagger UI for the contract, with every asset served by this service."""
    return Response(_DOCS_PAGE, mimetype="text/html")


@bp.get("/docs/assets/<asset>")
def docs_asset(asset: str) -> Response:
    """One Swagger UI asset."""
    if asset not in DOCS_ASSETS:
        raise ApiProblem(404, f"There is no docs asset named {asset!r}.")
    path = resources.files("swagger_ui").joinpath("static", asset)
    return send_file(os.fspath(path), mimetype=DOCS_ASSETS[asset], max_age=86400)
