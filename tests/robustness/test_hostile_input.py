"""Input that could poison the emulator is refused in the envelope and changes nothing."""

from __future__ import annotations

import pytest

from tests.robustness.wire import KEY, Answer, call, connect, head_of, raw, read_answer, state

pytestmark = pytest.mark.served
AUTH = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
AGENT = b'"agent_id": "invoice_processing_agent"'
DEEP = b"[" * 100_000 + b"]" * 100_000


def assert_envelope(answer: Answer, status: int) -> None:
    assert answer.status == status, answer.body[:300]
    assert answer.headers["content-type"] == "application/json"
    error = answer.error
    assert set(error) >= {"code", "message", "error_id"}
    assert b"Infinity" not in answer.body


@pytest.mark.parametrize(
    "body",
    [
        b"{" + AGENT + b', "work_item_name": "x\\ud83d"}',
        b"{" + AGENT + b', "payload": {"\\udfff": true}}',
        b"{" + AGENT + b', "payload": {"n": 1e999}}',
        b"{" + AGENT + b', "payload": {"n": [' + b"[" * 2000 + b"]" * 2000 + b"]}}",
        b"{" + AGENT + b', "payload": {"n": ' + b"9" * 5000 + b"}}",
        b"\xff\xfe{}",
    ],
    ids=["lone-surrogate", "surrogate-key", "overflow", "deep-2000", "huge-integer", "bad-utf"],
)
def test_a_poisoned_create_is_400_and_the_tenant_keeps_working(base_url, body):
    before = state(base_url)

    assert_envelope(raw(base_url, "POST", "/api/v1/work-items", body, AUTH), 400)

    assert state(base_url) == before
    assert call(base_url, "GET", "/api/v1/work-items")["records"] == []
    assert call(base_url, "POST", "/api/v1/work-items", {"agent_id": "invoice_processing_agent"})


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PUT", "/_mock/state"),
        ("POST", "/_mock/clock/advance"),
        ("POST", "/_mock/faults"),
        ("PUT", "/_mock/scenarios/deep"),
        ("PUT", "/_mock/inbox/deep"),
    ],
)
def test_control_plane_bodies_nested_100k_deep_are_400(base_url, method, path):
    before = state(base_url)

    assert_envelope(raw(base_url, method, path, DEEP, AUTH), 400)

    assert state(base_url) == before


@pytest.mark.parametrize(
    "query",
    ["limit=" + "9" * 5000, "offset=" + "9" * 5000, "limit=%D9%A1"],
    ids=["limit-5000-digits", "offset-5000-digits", "limit-arabic-digit"],
)
def test_query_numbers_beyond_reason_are_422(base_url, query):
    assert_envelope(raw(base_url, "GET", f"/api/v1/work-items?{query}", b"", AUTH), 422)


def test_a_chunked_body_over_the_limit_is_refused_not_cut(base_url):
    payload = b"{" + AGENT + b', "payload": {"x": "' + b"y" * 200_000 + b'"}}'
    body = f"{len(payload):x}\r\n".encode() + payload + b"\r\n0\r\n\r\n"
    headers = {**AUTH, "Transfer-Encoding": "chunked"}
    before = state(base_url)

    answer = raw_chunked(base_url, body, headers)

    assert_envelope(answer, 400)
    assert "exceeds the allowed limit" in answer.error["message"]
    assert state(base_url) == before


def raw_chunked(base_url: str, body: bytes, headers: dict[str, str]) -> Answer:
    with connect(base_url) as sock:
        sock.sendall(head_of("POST", "/api/v1/work-items", headers) + body)
        answer = read_answer(sock)
    assert answer is not None
    return answer


def test_options_is_405_in_the_envelope(base_url):
    assert_envelope(raw(base_url, "OPTIONS", "/api/v1/work-items", b"", AUTH), 405)


def test_a_state_document_with_a_poisoned_value_changes_nothing(base_url):
    call(base_url, "POST", "/api/v1/work-items", {"agent_id": "invoice_processing_agent"})
    before = state(base_url)
    poisoned = before.replace(b'"PENDING"', b'"\\ud83d"', 1)

    assert_envelope(raw(base_url, "PUT", "/_mock/state", poisoned, AUTH), 400)

    assert state(base_url) == before
