"""The contract the suites check: openapi.yaml from a checkout or from the installed package."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
CANDIDATES = (
    PACKAGE_DIR.parent / "openapi.yaml",  # a checkout
    # An installed wheel bundles the one copy under mock_server (a data file, not an import:
    # contracts still runs without the emulator's code).
    PACKAGE_DIR.parent / "mock_server" / "_bundled" / "openapi.yaml",
)
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


def spec_path() -> Path:
    for candidate in CANDIDATES:
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"openapi.yaml not found in {[str(c) for c in CANDIDATES]}")


@cache
def load_spec(path: Path | None = None) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((path or spec_path()).read_text(encoding="utf-8"))
    return document


def operations(document: dict[str, Any] | None = None) -> list[OperationRef]:
    """Every operation of the contract, in the order the spec lists them."""
    found = []
    for path, item in (document or load_spec())["paths"].items():
        for method in METHODS:
            if method in item:
                found.append(OperationRef(item[method]["operationId"], method.upper(), path))
    return found
