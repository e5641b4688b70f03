"""The control plane's contract: the shared document with every hosted API's fragment merged."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from mock_server.emulator import Emulator

SHARED = Path(__file__).with_name("openapi.yaml")


def merged(shared: dict[str, Any], fragments: list[dict[str, Any]]) -> dict[str, Any]:
    """`shared` with each fragment's paths and components added; a clash is a bug."""
    document = {**shared, "paths": dict(shared["paths"])}
    components = {kind: dict(entries) for kind, entries in shared.get("components", {}).items()}
    for fragment in fragments:
        for path, item in fragment.get("paths", {}).items():
            if path in document["paths"]:
                raise ValueError(f"control-plane path {path} is defined twice")
            document["paths"][path] = item
        for kind, entries in fragment.get("components", {}).items():
            for name, value in entries.items():
                if name in components.setdefault(kind, {}):
                    raise ValueError(f"control-plane component {kind}/{name} is defined twice")
                components[kind][name] = value
    document["components"] = components
    return document


def control_contract(emulator: Emulator) -> dict[str, Any]:
    fragments = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for api in emulator.apis.values()
        if (path := api.control_contract()) is not None
    ]
    return merged(yaml.safe_load(SHARED.read_text(encoding="utf-8")), fragments)


def control_contract_yaml(emulator: Emulator) -> bytes:
    text = yaml.safe_dump(control_contract(emulator), sort_keys=False, allow_unicode=True)
    return text.encode("utf-8")
