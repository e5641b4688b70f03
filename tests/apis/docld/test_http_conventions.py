"""DocLD's conventions over HTTP: `docld_` keys, x-request-id, rate limits, the error envelope."""

from __future__ import annotations

import io

import pytest

from tests.apis.docld.conftest import (
    API,
    EXPIRED_KEY,
    FREE_KEY,
    KEY,
    THROTTLED_KEY,
    manual_workflow,
    ok,
)

LIMIT_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")


def keyed(app, key):
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def test_health_needs_no_key_and_carries_a_request_id_but_no_rate_limit(anonymous):
    response = anonymous.get(f"{API}/health")

    assert ok(response)["status"] == "ok"
    assert response.headers["x-request-id"]
    assert not any(name in response.headers for name in LIMIT_HEADERS)


@pytest.mark.parametrize(
    ("authorization", "code", "words"),
    [
        (None, "missing_api_key", "Missing API key"),
        ("Basic abc", "invalid_api_key", "expected 'Bearer docld_"),
        ("Bearer docld_nope0000", "invalid_api_key", "Invalid API key"),
        ("Bearer wim_live_key", "invalid_api_key", "DocLD keys start with 'docld_'"),
        (f"Bearer {EXPIRED_KEY}", "api_key_expired", "expired at 2024-12-31T23:59:59"),
    ],
)
def test_a_refused_key_is_401_authentication_error_saying_why(
    anonymous, authorization, code, words
):
    headers = {"Authorization": authorization} if authorization else {}

    response = anonymous.get(f"{API}/workflows", headers=headers)

    error = response.get_json()["error"]
    assert response.status_code == 401
    assert (error["type"], error["code"]) == ("authentication_error", code)
    assert words in error["message"]
    assert "param" not in error
    assert response.headers["x-request-id"]


def test_every_authenticated_answer_reports_the_minute_window(client):
    first = client.get(f"{API}/workflows")
    second = client.get(f"{API}/workflows/nothing-here")  # a 404 counts, and says so

    assert (first.headers["X-RateLimit-Limit"], first.headers["X-RateLimit-Remaining"]) == (
        "1000",
        "999",
    )
    assert second.status_code == 404
    assert second.headers["X-RateLimit-Remaining"] == "998"
    assert first.headers["X-RateLimit-Reset"] == "1736937060"  # 10:31:00 UTC, the minute's end
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


def test_keys_are_counted_apart(app):
    ok(keyed(app, KEY).get(f"{API}/workflows"))

    response = keyed(app, FREE_KEY).get(f"{API}/workflows")

    assert (response.headers["X-RateLimit-Limit"], response.headers["X-RateLimit-Remaining"]) == (
        "100",
        "99",
    )


def test_a_spent_minute_is_429_with_retry_after_until_the_clock_reaches_the_next(app, advance):
    throttled = keyed(app, THROTTLED_KEY)
    for _ in range(5):
        ok(throttled.get(f"{API}/workflows"))

    refused = throttled.get(f"{API}/workflows")

    error = refused.get_json()["error"]
    assert refused.status_code == 429
    assert (error["type"], error["code"]) == ("rate_limit_error", "rate_limit_exceeded")
    assert error["message"].startswith("Rate limit exceeded (rpm)")
    assert refused.headers["Retry-After"] == "60"
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    advance(59)
    assert throttled.get(f"{API}/workflows").status_code == 429
    advance(1)
    assert ok(throttled.get(f"{API}/workflows")) == {"workflows": []}


def test_the_day_window_is_reported_once_it_has_fewer_requests_left(app, advance):
    throttled = keyed(app, THROTTLED_KEY)  # 5 a minute, 20 a day
    for _ in range(4):
        for _ in range(4):
            ok(throttled.get(f"{API}/workflows"))
        advance(60)

    response = throttled.get(f"{API}/workflows")  # 4 left this minute, 3 today

    assert (response.headers["X-RateLimit-Limit"], response.headers["X-RateLimit-Remaining"]) == (
        "20",
        "3",
    )
    assert response.headers["X-RateLimit-Reset"] == "1736985600"  # midnight UTC


def test_an_unknown_route_and_a_wrong_method_answer_in_docld_envelope(client):
    missing = client.get(f"{API}/workflow")
    wrong = client.patch(f"{API}/workflows")

    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "route_not_found"
    assert wrong.status_code == 405
    error = wrong.get_json()["error"]
    assert (error["type"], error["code"]) == ("invalid_request_error", "method_not_allowed")
    assert error["message"].startswith("Method PATCH is not allowed on /api/workflows")
    assert "POST" in wrong.headers["Allow"]
    assert missing.headers["x-request-id"]
    assert wrong.headers["x-request-id"]


def test_a_crash_is_a_500_api_error_whose_request_id_is_the_one_to_quote(
    client, docld, monkeypatch
):
    def crash(organization_id):
        raise RuntimeError("boom")

    monkeypatch.setattr(docld.domain.workflows, "list", crash)

    response = client.get(f"{API}/workflows")

    error = response.get_json()["error"]
    assert response.status_code == 500
    assert (error["type"], error["code"]) == ("api_error", "internal_error")
    assert response.headers["x-request-id"] in error["message"]
    assert "boom" not in error["message"]


@pytest.mark.parametrize(
    ("data", "content_type", "code"),
    [
        ("{not json", "application/json", "invalid_json"),
        ("name=x", "text/plain", "unsupported_media_type"),
    ],
)
def test_a_body_that_is_not_json_is_a_400_invalid_request(client, data, content_type, code):
    response = client.post(f"{API}/workflows", data=data, content_type=content_type)

    error = response.get_json()["error"]
    assert response.status_code == 400
    assert (error["type"], error["code"]) == ("invalid_request_error", code)


def test_a_query_value_of_the_wrong_type_names_the_parameter(client):
    workflow = manual_workflow(client)

    response = client.get(f"{API}/workflows/{workflow['id']}/executions?limit=lots")

    assert response.status_code == 400
    assert response.get_json()["error"]["param"] == "limit"


def test_the_v1_alias_serves_the_same_api(client):
    workflow = manual_workflow(client)

    found = ok(client.get(f"/api/v1/workflows/{workflow['id']}"))["workflow"]

    assert found == workflow


def test_an_upload_for_another_organization_is_403_and_creates_nothing(client):
    response = client.post(
        f"{API}/upload",
        data={"file": (io.BytesIO(b"%PDF-1.4"), "a.pdf"), "organization_id": "org-acme"},
    )

    error = response.get_json()["error"]
    assert response.status_code == 403
    assert (error["type"], error["code"], error["param"]) == (
        "authentication_error",
        "organization_mismatch",
        "organization_id",
    )
    assert ok(client.get(f"{API}/documents"))["documents"] == []


def test_an_upload_without_a_file_part_names_file(client):
    response = client.post(
        f"{API}/upload", data={"file": "just text"}, content_type="multipart/form-data"
    )

    assert response.status_code == 400
    assert response.get_json()["error"]["param"] == "file"
