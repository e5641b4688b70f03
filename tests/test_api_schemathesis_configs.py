"""Each API's (and profile's) schemathesis.toml agrees with the contract it goes with, never
switches a check or operation off, and is what the emulator serves next to that contract."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import yaml

from mock_server.apis.agentwork.contract import CONTRACT_PATH as AGENTWORK_CONTRACT
from mock_server.apis.docld.spec import CONTRACT_PATH as DOCLD_CONTRACT
from mock_server.apis.sema4.contract import openapi_path, schemathesis_config_path
from mock_server.apis.threada.contract import openapi_path as threada_contract
from mock_server.app import create_app
from mock_server.hosting.context import EXTENSION
from mock_server.settings import Settings
from tests.test_schemathesis_config import NEVER_FOR_VALID_INPUT, _switches

PACKAGE = Path(__file__).resolve().parent.parent / "mock_server"
# (name, profile, contract, config): the locations `verify` reads the files from, by path.
CONFIGS = [
    ("agentwork", None, AGENTWORK_CONTRACT, PACKAGE / "apis/agentwork/schemathesis.toml"),
    ("docld", None, DOCLD_CONTRACT, PACKAGE / "apis/docld/schemathesis.toml"),
    ("threada", None, threada_contract(), PACKAGE / "apis/threada/schemathesis.toml"),
    (
        "sema4",
        "platform",
        openapi_path("platform"),
        PACKAGE / "apis/sema4/schemathesis.platform.toml",
    ),
]
IDS = [f"{name}-{profile}" if profile else name for name, profile, _, _ in CONFIGS]
METHODS = ("get", "put", "post", "delete", "patch")


def _operations(contract: Path) -> dict[str, set[str]]:
    """operationId -> its documented statuses."""
    document = yaml.safe_load(contract.read_text(encoding="utf-8"))
    return {
        item[method]["operationId"]: {str(status) for status in item[method]["responses"]}
        for item in document["paths"].values()
        for method in METHODS
        if method in item
    }


def _entries(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["include-operation-id"]: entry for entry in config["operations"]}


@pytest.mark.parametrize(("name", "profile", "contract", "path"), CONFIGS, ids=IDS)
def test_each_config_agrees_with_its_contract(
    name: str, profile: str | None, contract: Path, path: Path
):
    schemathesis.Config.from_path(str(path))  # Schemathesis reads it without complaint
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    documented, entries = _operations(contract), _entries(config)

    assert len(config["operations"]) == len(entries)
    assert set(entries) == set(documented)  # exactly one entry per operation
    for operation_id, entry in entries.items():
        statuses = entry["checks"]["positive_data_acceptance"]["expected-statuses"]
        allowed = {str(status) for status in statuses}
        assert allowed <= documented[operation_id] - NEVER_FOR_VALID_INPUT, operation_id
        assert {"404", "412"} & documented[operation_id] - {"404"} <= allowed, operation_id
        assert any(status.startswith("2") for status in allowed), operation_id
    assert list(_switches(config)) == []
    assert {"missing_test_data", "missing_auth"} <= set(config["warnings"]["fail-on"])
    assert config["auth"]["openapi"]["bearerAuth"]["bearer"]  # the emulator's key


def test_sema4_gives_each_profile_its_own_settings():
    assert schemathesis_config_path("documented").name == "schemathesis.toml"
    assert schemathesis_config_path("platform") == CONFIGS[3][3]


@pytest.mark.parametrize(("name", "profile", "contract", "path"), CONFIGS, ids=IDS)
def test_the_emulator_serves_each_config_next_to_its_contract(
    name: str, profile: str | None, contract: Path, path: Path
):
    app = create_app(Settings(profiles=((name, profile),)) if profile else None)
    client = app.test_client()

    served = client.get(f"/_mock/apis/{name}/schemathesis.toml")

    assert served.status_code == 200
    assert served.data == path.read_bytes()
    if name == "sema4":  # also at the root, next to /openapi.yaml
        assert client.get("/schemathesis.toml").data == path.read_bytes()


def test_an_api_the_emulator_does_not_host_has_no_settings():
    answer = create_app().test_client().get("/_mock/apis/nope/schemathesis.toml")

    assert answer.status_code == 404
    assert "nope" in answer.get_data(as_text=True)  # the refusal names what is missing


def test_an_api_that_ships_no_settings_is_refused_with_a_reason(monkeypatch: pytest.MonkeyPatch):
    app = create_app()
    threada = app.extensions[EXTENSION].apis["threada"]
    monkeypatch.setattr(threada, "schemathesis_config", lambda: None)

    answer = app.test_client().get("/_mock/apis/threada/schemathesis.toml")

    assert answer.status_code == 404
    assert "ships no Schemathesis settings" in answer.get_data(as_text=True)
