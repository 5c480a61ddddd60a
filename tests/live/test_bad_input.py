"""Bad and odd input over real HTTP to the gunicorn-served app.

Every case must get the documented 4xx problem+json or a valid 200 (spans
exact), never a 5xx and never an answer slower than the time budget; after each
case the same worker must go on serving. The last test reads the server's log:
no 5xx, no traceback and none of the article text sent here.
"""

from __future__ import annotations

import json
import socket
import time
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.conftest import news_text
from tests.conftest import read_seed
from tests.invariants import check_annotation
from tests.live.conftest import BUDGET_SECONDS
from tests.live.server import LiveServer
from tests.live.server import Reply

PROBLEM = "application/problem+json"
JSON = {"Content-Type": "application/json"}
PLAIN = {"Content-Type": "text/plain; charset=utf-8"}

# Put in texts that the service accepts, and looked for in the log at the end.
MARKER = "Zebulon Quartermaine"


def _json(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8")


def _words_without_punctuation(chars: int) -> str:
    words = "the minister told parliament that the budget would rise again next year".split()
    text = " ".join(words[i % len(words)] for i in range(chars // 4))
    return text[:chars]


MIXED_SCRIPTS = (
    f"{MARKER} قال باراك أوباما إن Barack Obama met ‏שלום‎ עולם in 北京 on Monday; "
    "नरेंद्र मोदी (Narendra Modi) said 42% of Москва voted."
)
EMOJI_AND_COMBINING = (
    "Angela Merkel 👩🏽‍⚕️ said the cafe\u0301 in Köln 🇩🇪 sold 1,200 cre\u0300me bru\u0302le\u0301es; "
    "Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o met Tony Blair 🧑‍🤝‍🧑 in London."
)

# (id, method, path, headers, body, allowed statuses). For a 200 to a JSON text or a
# plain-text body, the annotation is checked against the text that was sent.
CASES: list[tuple[str, str, str, dict[str, str], bytes, set[int]]] = [
    # empty and blank
    ("empty-plain", "POST", "/v1/annotate", PLAIN, b"", {200}),
    ("empty-json-body", "POST", "/v1/annotate", JSON, b"", {400}),
    ("empty-json-text", "POST", "/v1/annotate", JSON, _json({"text": ""}), {200}),
    ("whitespace-plain", "POST", "/v1/annotate", PLAIN, b" \n\t\r\n  ", {200}),
    ("whitespace-json", "POST", "/v1/annotate", JSON, _json({"text": "\u3000\u00a0 \n"}), {200}),
    # encodings
    ("invalid-utf8-plain", "POST", "/v1/annotate", PLAIN, b"Caf\xe9 au lait", {400}),
    ("invalid-utf8-json", "POST", "/v1/annotate", JSON, b'{"text": "\xc3\x28"}', {400}),
    ("overlong-utf8", "POST", "/v1/annotate", PLAIN, b"\xc0\xaf etc", {400}),
    ("utf8-bom-json", "POST", "/v1/annotate", JSON, b'\xef\xbb\xbf{"text": "Tony Blair spoke."}', {200}),
    ("lone-high-surrogate", "POST", "/v1/annotate", JSON, b'{"text": "a \\ud800 b"}', {422}),
    ("lone-low-surrogate", "POST", "/v1/annotate", JSON, b'{"text": "\\udc00"}', {422}),
    ("surrogate-in-id", "POST", "/v1/annotate", JSON, b'{"text": "a", "id": "\\ud800"}', {422}),
    ("escaped-pair", "POST", "/v1/annotate", JSON, b'{"text": "Tony Blair \\ud83d\\ude00 spoke."}', {200}),
    # JSON of the wrong shape
    ("text-number", "POST", "/v1/annotate", JSON, _json({"text": 5}), {422}),
    ("text-list", "POST", "/v1/annotate", JSON, _json({"text": ["a", "b"]}), {422}),
    ("text-object", "POST", "/v1/annotate", JSON, _json({"text": {"a": 1}}), {422}),
    ("text-bool", "POST", "/v1/annotate", JSON, _json({"text": True}), {422}),
    ("id-list", "POST", "/v1/annotate", JSON, _json({"text": "a", "id": []}), {422}),
    ("include-number", "POST", "/v1/annotate", JSON, _json({"text": "a", "include": 7}), {422}),
    ("include-unknown", "POST", "/v1/annotate", JSON, _json({"text": "a", "include": ["gossip"]}), {422}),
    ("extra-field", "POST", "/v1/annotate", JSON, _json({"text": "a", "language": "fr"}), {422}),
    ("nested-junk", "POST", "/v1/annotate", JSON, _json({"text": "a", "x": {"y": [[[{"z": None}]]] * 50}}), {422}),
    ("top-level-null", "POST", "/v1/annotate", JSON, b"null", {422}),
    ("top-level-number", "POST", "/v1/annotate", JSON, b"1e999", {422}),
    ("nan", "POST", "/v1/annotate", JSON, b'{"text": NaN}', {400}),
    ("trailing-garbage", "POST", "/v1/annotate", JSON, b'{"text": "a"} {"text": "b"}', {400}),
    ("duplicate-keys", "POST", "/v1/annotate", JSON, b'{"text": "a", "text": "b"}', {400}),
    ("deep-arrays", "POST", "/v1/annotate", JSON, b"[" * 200_000 + b"]" * 200_000, {400}),
    ("deep-objects", "POST", "/v1/annotate", JSON, b'{"a":' * 100_000 + b"1" + b"}" * 100_000, {400}),
    ("deep-in-field", "POST", "/v1/annotate", JSON, b'{"text": "a", "x": ' + b"[" * 500 + b"]" * 500 + b"}", {422}),
    ("ten-megabyte-string", "POST", "/v1/annotate", JSON, _json({"text": "a" * 10_000_000}), {413}),
    ("ten-megabyte-plain", "POST", "/v1/annotate", PLAIN, b"word " * 2_000_000, {413}),
    # content types
    ("no-content-type", "POST", "/v1/annotate", {}, b"Tony Blair spoke.", {415}),
    ("form-data", "POST", "/v1/annotate", {"Content-Type": "application/x-www-form-urlencoded"}, b"text=hi", {415}),
    ("multipart", "POST", "/v1/annotate", {"Content-Type": "multipart/form-data; boundary=x"}, b"--x--", {415}),
    ("xml", "POST", "/v1/annotate", {"Content-Type": "application/xml"}, b"<text>a</text>", {415}),
    ("json-as-plain", "POST", "/v1/annotate", PLAIN, _json({"text": "Tony Blair spoke."}), {200}),
    ("latin1-charset", "POST", "/v1/annotate", {"Content-Type": "text/plain; charset=latin-1"}, b"a", {415}),
    ("garbled-content-type", "POST", "/v1/annotate", {"Content-Type": ";;;=, x/"}, b"a", {415}),
    ("batch-as-plain", "POST", "/v1/annotate/batch", PLAIN, b"Tony Blair spoke.", {415}),
    # characters
    ("nul-and-controls", "POST", "/v1/annotate", JSON, _json({"text": f"{MARKER}\x00 said \x01\x02\x1b[31m hi\x7f\x85."}), {200}),
    ("nul-plain", "POST", "/v1/annotate", PLAIN, b"Tony Blair\x00 spoke\x00\x00.", {200}),
    ("bidi-controls", "POST", "/v1/annotate", JSON, _json({"text": "Tony \u202eBlair\u202c said \u2066x\u2069 \u200b\ufeff."}), {200}),
    ("mixed-scripts", "POST", "/v1/annotate", JSON, _json({"text": MIXED_SCRIPTS}), {200}),
    ("emoji-combining", "POST", "/v1/annotate", JSON, _json({"text": EMOJI_AND_COMBINING}), {200}),
    ("private-use-and-noncharacters", "POST", "/v1/annotate", JSON, _json({"text": "\ue000\uffff\U0010fffe Tony Blair said \U0001f600."}), {200}),
    ("one-long-sentence", "POST", "/v1/annotate", JSON, _json({"text": _words_without_punctuation(50_000)}), {200}),
    ("quote-marks-10k", "POST", "/v1/annotate", JSON, _json({"text": '"' * 10_000}), {200}),
    ("quote-marks-10k-spaced", "POST", "/v1/annotate", JSON, _json({"text": ' "a' * 10_000}), {200}),
    ("curly-quotes-10k", "POST", "/v1/annotate", JSON, _json({"text": "“ ” ‘ ’ « » „ " * 1_500}), {200}),
    ("unbalanced-quote", "POST", "/v1/annotate", JSON, _json({"text": "“Tony Blair said it. " * 2_000}), {200}),
    ("digits-only", "POST", "/v1/annotate", PLAIN, b"7" * 20_000, {200}),
    ("digit-groups", "POST", "/v1/annotate", PLAIN, b"1234567 " * 3_000, {200}),
    ("huge-number", "POST", "/v1/annotate", PLAIN, b"9" * 250 + b" people said 1e308 and 1e-400 and 10^1000.", {200}),
    ("numbers-with-commas", "POST", "/v1/annotate", PLAIN, b"It cost $" + b"999," * 60 + b"999 and 12.5.6.7 percent.", {200}),
    ("newlines-only", "POST", "/v1/annotate", PLAIN, b"\n" * 50_000, {200}),
    ("one-long-token", "POST", "/v1/annotate", PLAIN, b"x" * 150_000, {200}),
    # batches
    ("batch-empty", "POST", "/v1/annotate/batch", JSON, _json({"documents": []}), {200}),
    ("batch-too-many", "POST", "/v1/annotate/batch", JSON, _json({"documents": [{"text": "a"}] * 65}), {413}),
    ("batch-not-a-list", "POST", "/v1/annotate/batch", JSON, _json({"documents": {"text": "a"}}), {422}),
    ("batch-missing-documents", "POST", "/v1/annotate/batch", JSON, _json({"docs": []}), {422}),
    ("batch-too-many-chars", "POST", "/v1/annotate/batch", JSON, _json({"documents": [{"text": "a " * 100_000}] * 6}), {413}),
    # time budget: a full-size batch takes longer than the live server's 10 s on most CPUs
    ("batch-over-budget", "POST", "/v1/annotate/batch", JSON, _json({"documents": [{"text": news_text(199_000)}] * 5}), {200, 504}),
    # methods and routes
    ("put", "PUT", "/v1/annotate", PLAIN, b"a", {405}),
    ("get-with-body", "GET", "/v1/annotate", PLAIN, b"a", {405}),
    ("unknown-method", "BREW", "/v1/annotate", PLAIN, b"a", {405}),
    ("unknown-route", "POST", "/v1/annotate/", PLAIN, b"a", {404}),
    ("query-string", "POST", "/v1/annotate?include=entities", PLAIN, b"a", {422}),
    ("path-traversal", "GET", "/docs/assets/../../../../etc/passwd", {}, b"", {404}),
]  # fmt: skip


def _sent_text(headers: dict[str, str], body: bytes) -> str | None:
    """The text of a body the service accepted, decoded as the service reads it."""
    if headers.get("Content-Type", "").startswith("text/plain"):
        return body.decode("utf-8")
    value = json.loads(body.decode("utf-8-sig"))
    return value.get("text") if isinstance(value, dict) else None


def assert_well_formed(reply: Reply, allowed: set[int]) -> None:
    assert reply.status in allowed, (reply.status, reply.body[:300])
    assert reply.seconds < BUDGET_SECONDS + 5, f"{reply.seconds:.1f} s"
    if reply.status >= 400:
        assert reply.media_type == PROBLEM, reply.headers
        problem = reply.json()
        assert problem["status"] == reply.status
        assert problem["detail"] and "Traceback" not in problem["detail"]
    else:
        assert reply.media_type == "application/json"


def assert_still_serving(live: LiveServer, workers: list[int]) -> None:
    reply = live.annotate("Tony Blair spoke in London on Monday.")
    assert reply.status == 200
    assert reply.json()["entities"]
    assert live.worker_pids() == workers, "a worker was replaced"


@pytest.fixture(scope="module")
def workers(live: LiveServer) -> list[int]:
    pids = live.worker_pids()
    assert len(pids) == 1
    return pids


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "allowed"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_input_gets_a_documented_answer(
    live: LiveServer,
    workers: list[int],
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes,
    allowed: set[int],
) -> None:
    reply = live.request(method, path, body, headers, timeout=BUDGET_SECONDS + 30)
    assert_well_formed(reply, allowed)
    if reply.status == 200 and path == "/v1/annotate":
        text = _sent_text(headers, body)
        check_annotation(reply.json(), text)
    assert_still_serving(live, workers)


def test_a_batch_with_one_bad_document_annotates_the_others(
    live: LiveServer, workers: list[int]
) -> None:
    good = read_seed(SEEDS[0])
    documents = [{"id": "a", "text": good}, {"id": "b", "text": 7}, {"id": "c", "text": MARKER}]
    reply = live.post_json("/v1/annotate/batch", {"documents": documents})
    assert_well_formed(reply, {200})
    first, second, third = reply.json()["results"]
    check_annotation(first, good)
    check_annotation(third, MARKER)
    assert second["error"]["status"] == 422 and second["id"] == "b"
    assert_still_serving(live, workers)


def _read_head(sock: socket.socket) -> bytes:
    """Read an answer until its headers are complete, the server closes, or it times out."""
    answer = b""
    try:
        while b"\r\n\r\n" not in answer and (data := sock.recv(65536)):
            answer += data
    except OSError:
        pass  # a reset after the server answered and closed
    return answer


def _send_raw(live: LiveServer, data: bytes) -> bytes:
    """Send ``data`` and read the whole answer, up to the server closing the connection."""
    with socket.create_connection(("127.0.0.1", live.port), timeout=BUDGET_SECONDS) as sock:
        sock.sendall(data)
        answer = _read_head(sock)
        while data := sock.recv(65536):
            answer += data
    return answer


_POST = b"POST /v1/annotate HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"

# Malformed HTTP, answered by gunicorn itself before the app sees it: (id, bytes, statuses).
RAW_CASES = [
    ("garbage-request-line", b"HELLO THERE\r\n\r\n", {400}),
    ("bad-http-version", b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", {400}),
    ("request-line-too-long", b"GET /" + b"a" * 10_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", {414}),
    ("header-too-large", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 10_000 + b"\r\n\r\n", {431, 400}),
    ("too-many-headers", b"GET /healthz HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(200)) + b"\r\n", {431, 400}),
    ("control-char-in-header", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x7fb\r\n\r\n", {400}),
    ("obsolete-line-folding", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", {400}),
    ("negative-length", _POST + b"Content-Length: -5\r\n\r\nhello", {400}),
    ("length-and-chunked", _POST + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", {400}),
    ("bad-chunk-size", _POST + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", {400}),
]  # fmt: skip


def _parse_head(answer: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


@pytest.mark.parametrize(
    ("raw", "allowed"), [pytest.param(*case[1:], id=case[0]) for case in RAW_CASES]
)
def test_malformed_http_gets_problem_json_too(
    live: LiveServer, workers: list[int], raw: bytes, allowed: set[int]
) -> None:
    answer = _send_raw(live, raw)
    status, headers, body = _parse_head(answer)
    assert status in allowed, answer[:300]
    assert headers["content-type"] == PROBLEM
    assert json.loads(body)["status"] == status
    assert_still_serving(live, workers)


def test_an_oversized_body_is_refused_before_it_is_read(
    live: LiveServer, workers: list[int]
) -> None:
    # 50 GB announced, 64 KB sent: the answer comes at once, without the rest.
    head = (
        b"POST /v1/annotate HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 50000000000\r\n\r\n"
    )
    began = time.monotonic()
    with socket.create_connection(("127.0.0.1", live.port), timeout=BUDGET_SECONDS) as sock:
        sock.sendall(head + b"a" * 65536)
        answer = _read_head(sock)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"application/problem+json" in answer
    assert time.monotonic() - began < 5
    assert_still_serving(live, workers)


def test_an_endless_chunked_body_is_cut_off_at_the_limit(
    live: LiveServer, workers: list[int]
) -> None:
    # No length announced: the service reads at most its body limit, then answers 413.
    head = (
        b"POST /v1/annotate HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"%x\r\n%s\r\n" % (1 << 20, b"a" * (1 << 20))
    began = time.monotonic()
    with socket.create_connection(("127.0.0.1", live.port), timeout=BUDGET_SECONDS) as sock:
        sock.sendall(head)
        try:
            for _ in range(64):  # 64 MB offered, far over the limit
                sock.sendall(chunk)
        except OSError:
            pass  # the server stopped reading and closed: expected
        answer = _read_head(sock)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert time.monotonic() - began < BUDGET_SECONDS
    assert_still_serving(live, workers)


def test_the_log_holds_no_5xx_no_traceback_and_no_article_text(live: LiveServer) -> None:
    log = live.log()
    assert "Traceback" not in log
    requests = [
        json.loads(line)
        for line in log.splitlines()
        if line.startswith("{") and '"msg": "request"' in line
    ]
    # /readyz answers 503 while the models load, and the one batch sent to run past the
    # time budget may get its 504; everything else must be below 500.
    statuses = [r["status"] for r in requests if r["path"] != "/readyz"]
    assert len(statuses) > len(CASES)
    assert [status for status in statuses if status >= 500] in ([], [504])
    assert MARKER not in log
    assert "Tony Blair" not in log
