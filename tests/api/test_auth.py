import pytest

from tests.conftest import OTHER_TENANT_KEY, READONLY_KEY
from tests.support.workitems import API, create, state_of


def _as(app, key):
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


@pytest.mark.parametrize(
    "header", [None, "", "Bearer", "Basic abc", "Bearer wrong-key", "local-dev-key"]
)
def test_missing_or_bad_credentials_are_401(anonymous, header):
    headers = {"Authorization": header} if header is not None else {}

    response = anonymous.get(API, headers=headers)

    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_auth_is_checked_before_the_body(anonymous):
    assert anonymous.post(API, data="{bad", content_type="application/json").status_code == 401


def test_the_bearer_scheme_is_case_insensitive(anonymous):
    assert anonymous.get(API, headers={"Authorization": "bearer local-dev-key"}).status_code == 200


def test_a_readonly_key_can_read(app, client):
    item_id = create(client)["work_item_id"]
    reader = _as(app, READONLY_KEY)

    assert reader.get(f"{API}/{item_id}").status_code == 200
    assert reader.get(API).status_code == 200


@pytest.mark.parametrize("action", ["continue", "restart", "cancel", "complete"])
def test_a_readonly_key_gets_403_on_writes(app, client, emulator, action):
    item_id = create(client)["work_item_id"]
    before = state_of(emulator)

    response = _as(app, READONLY_KEY).post(f"{API}/{item_id}/{action}")

    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"
    assert state_of(emulator) == before


def test_a_readonly_key_cannot_create_or_upload(app):
    reader = _as(app, READONLY_KEY)

    assert reader.post(API, json={"agent_id": "invoice_processing_agent"}).status_code == 403
    assert reader.post(f"{API}/upload-file", data={"file": "x.pdf"}).status_code == 403


def test_an_item_of_another_tenant_is_404(app, client):
    item_id = create(client)["work_item_id"]
    other = _as(app, OTHER_TENANT_KEY)

    assert other.get(f"{API}/{item_id}").status_code == 404
    assert other.post(f"{API}/{item_id}/cancel").status_code == 404
    assert other.get(API).json["records"] == []


def test_a_key_under_another_tenants_path_is_401(client):
    response = client.get("/tenants/acme/api/v1/work-items")

    assert response.status_code == 401
    assert "acme" in response.json["error"]["message"]


def test_tenant_paths_serve_the_keys_own_tenant(client):
    item_id = create(client)["work_item_id"]

    for prefix in ("/tenants/local/api/v1", "/tenants/local/api/v2", "/api/v2"):
        assert client.get(f"{prefix}/work-items/{item_id}").status_code == 200
