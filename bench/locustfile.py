"""Locust users for ``bench/load.py``: news clients of the annotation service.

Each user posts real articles (the texts file bench/load.py writes: the seeds and
the PolNeAR dev articles) back to back: mostly one at a time to /v1/annotate,
sometimes four at once to the batch route, now and then a readiness probe. An
answer counts as a failure unless it is a 200 whose ``text_length`` matches the
text sent, so a wrong body fails as loudly as an error status.

Not meant to be run on its own: ``bench/load.py`` passes ``--texts-file`` and
``--max-requests`` and reads the results.
"""

from __future__ import annotations

import itertools
import json
import random

import gevent
from locust import HttpUser
from locust import constant
from locust import events
from locust import task

_TEXTS: list[str] = []
_done = itertools.count(1)
_RUN: list = []  # the locust Environment, once it exists


@events.init_command_line_parser.add_listener
def _arguments(parser) -> None:
    parser.add_argument("--texts-file", required=True, help="JSON list of texts to send.")
    parser.add_argument(
        "--max-requests", type=int, default=0, help="Stop after this many requests (0: no cap)."
    )


@events.init.add_listener
def _load_texts(environment, **_kwargs) -> None:
    with open(environment.parsed_options.texts_file, encoding="utf-8") as handle:
        _TEXTS.extend(json.load(handle))
    _RUN.append(environment)


@events.request.add_listener
def _count(**_kwargs) -> None:
    # Quit from a greenlet of its own: the runner stops the users, this one among them.
    environment = _RUN[0]
    cap = environment.parsed_options.max_requests
    if cap and next(_done) == cap:
        gevent.spawn(environment.runner.quit)


class NewsClient(HttpUser):
    """Sends articles as fast as the answers come back."""

    wait_time = constant(0)

    def on_start(self) -> None:
        self.random = random.Random(id(self))  # noqa: S311 - choosing test texts

    @task(16)
    def annotate(self) -> None:
        text = self.random.choice(_TEXTS)
        with self.client.post(
            "/v1/annotate", json={"text": text}, name="/v1/annotate", catch_response=True
        ) as response:
            _expect(response, [text])

    @task(2)
    def annotate_batch(self) -> None:
        texts = self.random.sample(_TEXTS, 4)
        documents = [{"text": text} for text in texts]
        with self.client.post(
            "/v1/annotate/batch",
            json={"documents": documents},
            name="/v1/annotate/batch",
            catch_response=True,
        ) as response:
            _expect(response, texts)

    @task(1)
    def ready(self) -> None:
        self.client.get("/readyz", name="/readyz")


def _expect(response, texts: list[str]) -> None:
    if response.status_code != 200:
        response.failure(f"status {response.status_code}: {response.text[:200]}")
        return
    body = response.json()
    results = body["results"] if "results" in body else [body]
    lengths = [result.get("text_length") for result in results]
    if lengths != [len(text) for text in texts]:
        response.failure(f"text_length {lengths} for texts of {[len(t) for t in texts]}")
    else:
        response.success()
