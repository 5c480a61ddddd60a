"""One gunicorn server, served as in the container, shared by the live tests of a session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live.server import LiveServer

#: The live server's time budget (ANNOTATE_TIMEOUT): short, so that a hang would show, but
#: long enough for the largest inputs the tests expect answered (30,000 tokens of spaced
#: quotation marks took 10 to 13 s on a slow day of this 2-core machine, 4 s on a fast one).
BUDGET_SECONDS = 20


@pytest.fixture(scope="session")
def live(model_dir: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    log = tmp_path_factory.mktemp("live") / "gunicorn.log"
    server = LiveServer.gunicorn(log, model_dir=model_dir, timeout=str(BUDGET_SECONDS))
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "live" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.models)
            item.add_marker(pytest.mark.slow)
