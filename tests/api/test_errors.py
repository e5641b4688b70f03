"""Bad input: always the JSON envelope, never a 500, never half-written state."""

import pytest

from tests.support.workitems import API, create, sema4_of, state_of


def assert_envelope(response, status, code):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    error = response.json["error"]
    assert error["code"] == code
    assert error["message"]
    assert error["error_id"]


def test_malformed_json_is_400(client, emulator):
    before = state_of(emulator)

    response = client.post(API, data="{not json", content_type="application/json")

    assert_envelope(response, 400, "bad_request")
    assert response.json["error"]["details"]["field"] == "body"
    assert state_of(emulator) == before


@pytest.mark.parametrize("body", ["NaN", "[1, 2]", '"text"', "null", "3"])
def test_a_body_that_is_not_an_object_is_rejected(client, body):
    response = client.post(API, data=body, content_type="application/json")

    assert response.status_code in (400, 422)
    assert response.json["error"]["code"] in ("bad_request", "unprocessable_entity")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"agent_id": 5}, "body.agent_id"),
        ({"agent_id": "a", "payload": []}, "body.payload"),
        ({"agent_id": "a", "messages": {}}, "body.messages"),
        (
            {"agent_id": "a", "messages": [{"role": "robot", "content": []}]},
            "body.messages[0].role",
        ),
        ({"agent_id": "a", "messages": [{"role": "user"}]}, "body.messages[0].content"),
        ({"agent_id": "a", "callbacks": "x"}, "body.callbacks"),
    ],
)
def test_wrong_types_are_422_naming_the_field(client, emulator, body, field):
    before = state_of(emulator)

    response = client.post(API, json=body)

    assert_envelope(response, 422, "unprocessable_entity")
    assert response.json["error"]["details"]["field"] == field
    assert state_of(emulator) == before


def test_a_create_body_over_100_kb_is_400(client, emulator):
    before = state_of(emulator)
    big = {"agent_id": "invoice_processing_agent", "payload": {"blob": "x" * 110_000}}

    response = client.post(API, json=big)

    assert_envelope(response, 400, "bad_request")
    assert "the limit is 102400 bytes" in response.json["error"]["details"]["issue"]
    assert state_of(emulator) == before


def test_a_create_body_just_under_100_kb_is_accepted(client):
    body = {"agent_id": "invoice_processing_agent", "payload": {"blob": "x" * 100_000}}

    assert client.post(API, json=body).status_code == 200


def test_a_non_json_content_type_is_415(client):
    response = client.post(API, data="agent_id=x", content_type="application/x-www-form-urlencoded")

    assert_envelope(response, 415, "unsupported_media_type")


def test_an_empty_body_is_422(client):
    response = client.post(API)

    assert_envelope(response, 422, "unprocessable_entity")
    assert response.json["error"]["details"]["field"] == "body"


def test_an_unknown_route_is_a_json_404(client):
    assert_envelope(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_envelope(client.get("/"), 404, "not_found")


def test_a_wrong_method_is_a_json_405_with_allow(client):
    item_id = create(client)["work_item_id"]

    response = client.put(f"{API}/{item_id}")

    assert_envelope(response, 405, "method_not_allowed")
    assert {"GET", "DELETE", "PATCH"} <= set(response.headers["Allow"].split(", "))


def test_get_on_upload_file_is_405_allowing_only_post(client):
    """The concrete path wins over /work-items/{work_item_id}, as OpenAPI matches paths."""
    response = client.get(f"{API}/upload-file")
    options = client.options(f"{API}/upload-file")

    assert_envelope(response, 405, "method_not_allowed")
    assert set(response.headers["Allow"].split(", ")) == {"POST"}
    assert "GET" not in options.headers["Allow"]


def test_an_id_that_only_starts_like_a_concrete_path_is_still_an_id(client):
    response = client.get(f"{API}/upload-file-2")

    assert_envelope(response, 404, "not_found")
    assert "upload-file-2" in response.json["error"]["message"]


def test_an_action_path_with_get_is_405(client):
    item_id = create(client)["work_item_id"]

    assert client.get(f"{API}/{item_id}/cancel").status_code == 405


def test_an_unexpected_crash_is_a_500_envelope_without_a_trace(app, client, monkeypatch, emulator):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(sema4_of(emulator).items, "get", boom)
    app.testing = False  # let the error handler run as in production

    response = client.get(f"{API}/whatever")

    assert_envelope(response, 500, "internal_error")
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
