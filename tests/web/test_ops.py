"""Health, readiness, the contract and the docs page."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_healthz(client) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.json) == (200, {"status": "ok"})


def test_readyz_names_the_loaded_models(client, annotator) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ready", "models": annotator.models}


def test_openapi_is_the_repository_file_byte_for_byte(client) -> None:
    response = client.get("/openapi.yaml")
    assert response.status_code == 200
    assert response.mimetype == "application/yaml"
    assert response.get_data() == (ROOT / "openapi.yaml").read_bytes()


def test_docs_page_loads_everything_from_this_service(client) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    references = re.findall(r'(?:src|href|url)\s*[=:]\s*"([^"]+)"', page)
    assert references, "the page loads its script, stylesheet and the contract"
    for reference in references:
        assert "//" not in reference, f"{reference} would leave the service"
        with client.get("/" + reference) as asset:
            assert asset.status_code == 200, reference


def test_docs_assets_are_served_with_their_types(client) -> None:
    with client.get("/docs/assets/swagger-ui-bundle.js") as script:
        assert script.status_code == 200
        assert script.mimetype == "text/javascript"
        assert b"SwaggerUIBundle" in script.get_data()
    with client.get("/docs/assets/swagger-ui.css") as style:
        assert style.mimetype == "text/css"


def test_unknown_docs_asset_is_404_problem(client) -> None:
    response = client.get("/docs/assets/..%2F..%2Fsettings.py")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
