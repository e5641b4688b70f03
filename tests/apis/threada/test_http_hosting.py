"""One emulator hosting every API: Threada answers on its own paths in its own envelope,
Sema4 on its own, and neither takes the other's keys."""

from __future__ import annotations

import dataclasses
import re

import pytest

from mock_server import create_app
from tests.apis.threada.http_support import SEED_BODY, TOKEN, assert_error, create, json_of

SEMA4_KEY = "local-dev-key"


def test_both_apis_are_hosted_and_listed(app):
    names = [a["name"] for a in app.test_client().get("/_mock/apis").json["apis"]]

    assert {"sema4", "threada"} <= set(names)
    assert names.index("sema4") < names.index("threada")


def test_each_api_answers_on_its_own_paths(http, key):
    sema4 = key(SEMA4_KEY)

    created = sema4.post("/api/v1/work-items", json={"agent_id": "invoice_processing_agent"})
    threada = create(http)

    assert created.status_code == 200
    assert "agent_id" in created.json
    assert threada["work_item_id"] == "wi_123"
    assert (
        sema4.get("/api/v1/work-items").json["records"][0]["work_item_id"]
        == (created.json["work_item_id"])
    )
    assert [i["work_item_id"] for i in http.get("/work-items").json["items"]] == ["wi_123"]


def test_neither_api_takes_the_others_keys(key):
    assert_error(key(SEMA4_KEY).get("/work-items"), 401, "authorization", "invalid_credentials")
    sema4 = key(TOKEN).get("/api/v1/work-items")
    assert sema4.status_code == 401
    assert sema4.json["error"]["code"] == "unauthorized"
    assert "type" not in sema4.json["error"]


@pytest.mark.parametrize(
    ("path", "threada"),
    [
        ("/work-items/wi_1/files", True),
        ("/telemetry/exports", True),
        ("/api/v1/work-items/x/y/z", False),
        ("/nowhere", False),  # no API claims it: the first one served (Sema4) answers
    ],
)
def test_a_404_comes_in_the_envelope_of_the_api_whose_paths_it_is_under(app, path, threada):
    response = app.test_client().get(path)

    assert response.status_code == 404
    error = response.json["error"]
    if threada:
        assert (error["type"], error["code"]) == ("validation", "not_found")
        assert response.headers["X-Correlation-Id"] == error["correlation_id"]
    else:
        assert (error["code"], bool(error["error_id"])) == ("not_found", True)
        assert "X-Correlation-Id" not in response.headers


def test_threada_alone_answers_every_path_in_its_envelope(settings, clock):
    app = create_app(dataclasses.replace(settings, apis=("threada",)), clock=clock)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {TOKEN}"

    try:
        assert [a["name"] for a in json_of(client.get("/_mock/apis"))["apis"]] == ["threada"]
        assert json_of(client.post("/work-items", json=SEED_BODY))["work_item_id"] == "wi_123"
        assert_error(client.get("/api/v1/work-items"), 404, "validation", "not_found")
    finally:
        app.extensions["workitems_mock"].stop()


def test_a_reset_resets_both(http, key, app):
    sema4 = key(SEMA4_KEY)
    sema4.post("/api/v1/work-items", json={"agent_id": "invoice_processing_agent"})
    create(http)

    app.test_client().post("/_mock/reset")

    assert sema4.get("/api/v1/work-items").json["records"] == []
    assert http.get("/work-items").json["items"] == []


def test_the_serve_banner_says_where_threada_is_and_which_key_to_use(emulator):
    from mock_server.commands.serve import banner

    text = banner(emulator)

    assert re.search(r"serving \d+ APIs on http://127\.0\.0\.1:8080", text)
    assert "Threada WorkItems API (documented profile)" in text
    assert "  endpoint   http://127.0.0.1:8080/work-items  (also /actions, /telemetry)" in text
    assert "Authorization: Bearer <token>  (tenant example)" in text
    assert "contract   http://127.0.0.1:8080/_mock/apis/threada/openapi.yaml" in text
