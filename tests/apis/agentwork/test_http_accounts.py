"""Register, exchange a password for a key, and what a missing or bad key gets, over HTTP."""

from __future__ import annotations

import pytest

from tests.apis.agentwork.conftest import ACME_KEY, refusal


def test_register_with_only_an_email_gives_a_working_key_shown_once(aw):
    anonymous = aw.as_(None)

    response = anonymous.post("/auth/register", {"email": "new@example.org"})

    assert response.status_code == 201
    body = response.json
    assert body["api_key"].startswith("aw_live_")
    assert body["key_prefix"] == body["api_key"][:16]
    assert set(body) == {
        "api_key", "key_prefix", "organization_id", "organization_short_id", "user_id"
    }  # fmt: skip
    newcomer = aw.as_(body["api_key"])
    task_id = newcomer.create(scenario=None)
    assert newcomer.task(task_id)["status"] == "processing"
    assert aw.get(f"/tasks/{task_id}").status_code == 404  # another organization's


def test_register_takes_a_name_and_an_organization_name(aw):
    response = aw.as_(None).post(
        "/auth/register", {"email": "ada@example.org", "name": "Ada", "organization_name": "Lab"}
    )

    assert response.status_code == 201


@pytest.mark.parametrize("email", ["dev@example.com", "DEV@Example.com"])
def test_register_refuses_a_registered_email_with_409(aw, email):
    detail = refusal(aw.as_(None).post("/auth/register", {"email": email}), 409)

    assert detail == "Email already registered"


@pytest.mark.parametrize(
    ("body", "loc", "kind"),
    [
        ({}, ["body", "email"], "missing"),
        ({"email": "not-an-email"}, ["body", "email"], "value_error"),
        ({"email": 7}, ["body", "email"], "value_error"),
    ],
)
def test_register_with_a_bad_body_is_a_fastapi_style_422(aw, body, loc, kind):
    response = aw.as_(None).post("/auth/register", body)

    assert response.status_code == 422
    [problem] = response.json["detail"]
    assert response.json["status_code"] == 422
    assert problem["loc"] == loc
    assert problem["type"] == kind
    assert "email" in problem["msg"]


def test_json_that_does_not_parse_is_a_422_json_invalid(aw):
    response = aw.client.post(
        "/api/v1/auth/register", data='{"email": ', content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json["detail"][0]["type"] == "json_invalid"
    assert response.json["detail"][0]["loc"] == ["body"]


def test_a_body_that_is_not_json_is_a_422(aw):
    response = aw.client.post("/api/v1/auth/register", data="email=a@b.co")

    assert response.status_code == 422
    assert response.json["detail"][0]["loc"] == ["body"]


def test_the_api_key_exchange_gives_a_new_key_of_the_organization(aw):
    response = aw.as_(None).post(
        "/auth/api-key",
        {"email": "dev@example.com", "password": "dev-password", "key_name": "CI"},
    )

    assert response.status_code == 200
    body = response.json
    assert body["organization_id"] == "795b929e-9a9a-40fd-aa7b-5bf55eb561a4"
    assert body["organization_short_id"] == "LoCaL"
    assert "user_id" not in body
    fresh = aw.as_(body["api_key"])
    task_id = fresh.create()
    assert aw.task(task_id)["task_id"] == task_id  # same organization as the dev key


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("dev@example.com", "wrong"),
        ("nobody@example.com", "dev-password"),
    ],
)
def test_the_api_key_exchange_refuses_bad_credentials_with_401(aw, email, password):
    detail = refusal(
        aw.as_(None).post("/auth/api-key", {"email": email, "password": password}), 401
    )

    assert detail == "Invalid credentials"


def test_an_account_made_by_register_has_no_password_to_exchange(aw):
    aw.as_(None).post("/auth/register", {"email": "fresh@example.org"})

    response = aw.as_(None).post("/auth/api-key", {"email": "fresh@example.org", "password": ""})

    assert refusal(response, 401) == "Invalid credentials"


def test_the_api_key_exchange_refuses_an_account_without_organization_with_400(aw):
    response = aw.as_(None).post(
        "/auth/api-key", {"email": "no-org@example.com", "password": "no-org-password"}
    )

    assert refusal(response, 400) == "User has no organization"


def test_the_api_key_exchange_needs_email_and_password(aw):
    response = aw.as_(None).post("/auth/api-key", {"email": "dev@example.com"})

    assert response.status_code == 422
    assert response.json["detail"][0]["loc"] == ["body", "password"]


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        (None, "Missing API key"),
        ("Bearer aw_live_NoSuchKey000000000000000000000", "Invalid API key"),
        ("Bearer local-dev-key", "Invalid API key"),  # another API's key is no Agentwork key
        (
            "Basic ZGV2OnB3",
            "Invalid Authorization header; send 'Authorization: Bearer aw_live_...'",
        ),
        ("Bearer ", "Invalid Authorization header; send 'Authorization: Bearer aw_live_...'"),
    ],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/tasks/"),
        ("POST", "/tasks/"),
        ("GET", "/tasks/some-id"),
        ("POST", "/tasks/x/cancel"),
    ],
)
def test_every_task_operation_needs_a_valid_key(aw, header, detail, method, path):
    headers = {"Authorization": header} if header else {}
    response = aw.client.open(
        "/api/v1" + path, method=method, headers=headers, json={"title": "t", "description": "d"}
    )

    assert refusal(response, 401) == detail


def test_a_key_of_another_organization_works_for_its_own_tasks(aw):
    acme = aw.as_(ACME_KEY)

    task_id = acme.create()

    assert acme.task(task_id)["status"] == "processing"
