import yaml

from mock_server.apis.sema4.contract import openapi_path
from mock_server.resources import schemathesis_config_path


def test_openapi_yaml_is_served_verbatim(anonymous):
    response = anonymous.get("/openapi.yaml")

    assert response.status_code == 200
    assert response.data == openapi_path().read_bytes()


def test_openapi_json_is_the_same_document(anonymous):
    response = anonymous.get("/openapi.json")

    assert response.json == yaml.safe_load(openapi_path().read_text())


def test_health_answers_ok(anonymous):
    assert anonymous.get("/_mock/health").json == {"status": "ok"}


def test_the_schemathesis_config_is_served_next_to_the_contract(anonymous):
    response = anonymous.get("/schemathesis.toml")

    assert response.status_code == 200
    assert response.mimetype == "application/toml"
    assert response.data == schemathesis_config_path().read_bytes()
