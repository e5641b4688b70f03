"""Input no answer could hold is refused in the envelope, before it can poison anything."""

from __future__ import annotations

import io
import json

import pytest

from tests.support.workitems import AGENT, API, create, state_of

JSON = {"Content-Type": "application/json"}


def post_raw(client, path: str, body: bytes, method: str = "POST"):
    return client.open(path, method=method, data=body, headers=JSON)


def assert_refused(response, status: int, words: str) -> None:
    assert response.status_code == status, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert words in error["message"]
    assert error["error_id"]


def everything_still_answers(client) -> None:
    assert client.get(API).status_code == 200
    assert client.get("/_mock/state?include_secrets=true").status_code == 200
    assert client.get("/_mock/deliveries").status_code == 200


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'{"agent_id": "%s", "work_item_name": "x\\ud83d"}', "lone surrogate"),
        (b'{"agent_id": "%s", "payload": {"k": "\\udc00"}}', "lone surrogate"),
        (b'{"agent_id": "%s", "payload": {"\\ud83d": 1}}', "lone surrogate"),
        (b'{"agent_id": "%s", "payload": {"n": 1e999}}', "too large"),
        (b'{"agent_id": "%s", "payload": {"n": -1e400}}', "too large"),
        (b'{"agent_id": "%s", "payload": {"a": ' + b"[" * 2000 + b"]" * 2000 + b"}}", "nested"),
        (b'{"agent_id": "%s", "payload": ' + b'{"a": ' * 100 + b"1" + b"}" * 101, "nested"),
    ],
    ids=["surrogate-name", "surrogate-value", "surrogate-key", "1e999", "-1e400", "deep-2000",
         "deep-100"],
)  # fmt: skip
def test_a_create_body_that_could_never_be_answered_is_400_and_stores_nothing(
    client, emulator, body, words
):
    before = state_of(emulator)

    response = post_raw(client, API, body.replace(b"%s", AGENT.encode()))

    assert_refused(response, 400, words)
    assert state_of(emulator) == before
    everything_still_answers(client)


def test_a_surrogate_pair_is_a_character_and_is_kept(client):
    item = create(client, work_item_name="smile \ud83d\ude00")

    assert client.get(f"{API}/{item['work_item_id']}").get_json()["work_item_name"] == (
        "smile \U0001f600"
    )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/_mock/clock/advance"),
        ("POST", "/_mock/faults"),
        ("PUT", "/_mock/scenarios/deep"),
        ("PUT", "/_mock/state"),
        ("PUT", "/_mock/inbox/deep"),
        ("POST", "/_mock/reset"),
    ],
)
def test_control_plane_bodies_nested_100k_deep_are_400_not_a_crash(client, method, path):
    response = post_raw(client, path, b"[" * 100_000 + b"]" * 100_000, method)

    assert_refused(response, 400, "nested more than")


@pytest.mark.parametrize("body", [b'{"seconds": 1e999}', b'{"seconds": "\\ud83d"}'])
def test_control_plane_bodies_take_no_infinity_nor_lone_surrogates(client, body):
    response = post_raw(client, "/_mock/clock/advance", body)

    assert response.status_code == 400
    assert b"Infinity" not in client.get("/_mock/clock").data


def test_a_state_document_with_a_lone_surrogate_is_refused_and_nothing_changes(client, emulator):
    create(client, payload={"note": "marker"})
    state = client.get("/_mock/state?include_secrets=true").get_data()
    poisoned = state.replace(b'"marker"', b'"\\ud83d"', 1)
    assert poisoned != state

    response = post_raw(client, "/_mock/state", poisoned, "PUT")

    assert_refused(response, 400, "lone surrogate")
    assert client.get("/_mock/state?include_secrets=true").get_data() == state


@pytest.mark.parametrize(
    "query",
    ["limit=" + "9" * 5000, "offset=" + "9" * 5000, "limit=\u0661", "offset=\u0665"],
    ids=["limit-5000-digits", "offset-5000-digits", "limit-arabic-digit", "offset-arabic-digit"],
)
def test_query_numbers_beyond_reason_are_422_in_the_envelope(client, query):
    response = client.get(f"{API}?{query}")

    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["field"].startswith("query.")
    assert len(response.get_data()) < 1000  # the value is not echoed back whole


def test_options_is_405_in_the_envelope_naming_the_allowed_methods(client):
    response = client.open(API, method="OPTIONS")

    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert "OPTIONS" not in response.headers["Allow"]


def test_a_direct_upload_name_with_a_backslash_is_refused_as_the_remote_upload_refuses_it(
    client, emulator
):
    before = state_of(emulator)
    direct = client.post(
        f"{API}/upload-file",
        data={"file": (io.BytesIO(b"%PDF"), "C:\\invoices\\a.pdf")},
        content_type="multipart/form-data",
    )
    remote = client.post(
        f"{API}/upload-file",
        data={"file": "C:\\invoices\\a.pdf"},
        content_type="multipart/form-data",
    )

    assert direct.status_code == remote.status_code == 400
    assert direct.get_json()["error"]["details"] == remote.get_json()["error"]["details"]
    assert state_of(emulator) == before


def test_no_answer_ever_holds_infinity(client):
    create(client, payload={"big": 1.7976931348623157e308, "small": -1e-320})

    for path in (API, "/_mock/state", "/_mock/requests"):
        text = client.get(path).get_data(as_text=True)
        assert "Infinity" not in text
        assert "NaN" not in text
        json.loads(text)
