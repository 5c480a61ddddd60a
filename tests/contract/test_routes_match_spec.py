"""The routes in openapi.yaml are exactly the routes the app serves."""

from __future__ import annotations

import re

from service.nlp.annotator import Annotator
from service.settings import Settings
from service.web.app import create_app
from tests.contract.spec import HTTP_METHODS
from tests.contract.spec import load_spec

# Flask adds HEAD to every GET route (and OPTIONS when asked); neither is part of the contract.
IMPLICIT_METHODS = {"HEAD", "OPTIONS"}
_CONVERTER = re.compile(r"<(?:[a-z_]+(?:\([^)]*\))?:)?([A-Za-z_][A-Za-z0-9_]*)>")


def _app_routes() -> set[tuple[str, str]]:
    # Routing needs no models: an annotator without a pipeline is never called here.
    app = create_app(Settings.from_env({}), Annotator(pipeline=None, models={}))
    routes = set()
    for rule in app.url_map.iter_rules():
        path = _CONVERTER.sub(r"{\1}", rule.rule)
        for method in rule.methods or ():
            if method not in IMPLICIT_METHODS:
                routes.add((method, path))
    return routes


def _spec_routes() -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, item in load_spec()["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


def test_flask_rule_converts_to_openapi_template() -> None:
    assert _CONVERTER.sub(r"{\1}", "/a/<asset>/<int:n>/<path:rest>") == "/a/{asset}/{n}/{rest}"


def test_spec_and_app_have_the_same_routes() -> None:
    app, spec = _app_routes(), _spec_routes()
    assert app == spec, (
        f"served but not in openapi.yaml: {sorted(app - spec)}; "
        f"in openapi.yaml but not served: {sorted(spec - app)}"
    )


def test_app_has_no_static_route() -> None:
    app = create_app(Settings.from_env({}), Annotator(pipeline=None, models={}))
    assert "static" not in {rule.endpoint for rule in app.url_map.iter_rules()}
