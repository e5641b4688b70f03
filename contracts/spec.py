"""Contracts as data: Sema4's openapi.yaml and schemathesis.toml (the defaults here), or any
API profile's document and settings by path (contracts/apis), and their operations."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
# An installed wheel bundles the one copy of each under mock_server (data files, not imports:
# contracts still runs without the emulator's code).
BUNDLED_DIR = PACKAGE_DIR.parent / "mock_server" / "_bundled"
CANDIDATES = (PACKAGE_DIR.parent / "openapi.yaml", BUNDLED_DIR / "openapi.yaml")
CONFIG_CANDIDATES = (PACKAGE_DIR.parent / "schemathesis.toml", BUNDLED_DIR / "schemathesis.toml")
METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class OperationRef:
    operation_id: str
    method: str  # upper case
    path: str  # as written in the spec

    @property
    def label(self) -> str:
        """How Schemathesis names the operation: `POST /work-items/{work_item_id}/cancel`."""
        return f"{self.method} {self.path}"


def _first_existing(candidates: tuple[Path, ...]) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"none of {[str(c) for c in candidates]} exists")


def spec_path() -> Path:
    return _first_existing(CANDIDATES)


def config_path() -> Path:
    return _first_existing(CONFIG_CANDIDATES)


@cache
def load_config(path: Path | None = None) -> dict[str, Any]:
    """schemathesis.toml as data: what the plain CLI reads, for verify to run the same way."""
    with (path or config_path()).open("rb") as file:
        return tomllib.load(file)


@cache
def load_spec(path: Path | None = None) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((path or spec_path()).read_text(encoding="utf-8"))
    return document


def default_config(document: dict[str, Any]) -> dict[str, Any]:
    """Settings for a contract that has no schemathesis.toml yet: valid input may get any
    status the operation documents (its 400s and 409s state rules a schema cannot), so a
    refusal the operation does not document still fails positive_data_acceptance."""
    entries = []
    for operation in operations(document):
        item = document["paths"][operation.path][operation.method.lower()]
        codes = sorted(int(code) for code in item.get("responses", {}) if str(code).isdigit())
        entries.append(
            {
                "include-operation-id": operation.operation_id,
                "checks": {"positive_data_acceptance": {"expected-statuses": codes}},
            }
        )
    # Only the contract's own links: inferred ones guess field mappings (and feed a freshly
    # registered key into Authorization, which ignored_auth then reports as a bypass).
    return {"phases": {"stateful": {"inference": {"algorithms": []}}}, "operations": entries}


def operations(document: dict[str, Any] | None = None) -> list[OperationRef]:
    """Every operation of the contract, in the order the spec lists them."""
    found = []
    for path, item in (document or load_spec())["paths"].items():
        for method in METHODS:
            if method in item:
                found.append(OperationRef(item[method]["operationId"], method.upper(), path))
    return found
