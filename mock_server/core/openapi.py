"""Reads an OpenAPI 3.1 document into the operations the HTTP layer routes and validates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mock_server.core.schema import Schema

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # "path", "query" or "header"
    required: bool
    schema: Schema


@dataclass(frozen=True)
class Operation:
    """One operation of the contract, with every `$ref` already resolved."""

    operation_id: str
    method: str  # upper case
    path: str  # as written in the spec, e.g. /work-items/{work_item_id}
    parameters: tuple[Parameter, ...]
    body_required: bool = False
    body_schemas: Mapping[str, Schema] = field(default_factory=dict)  # media type -> schema
    responses: Mapping[str, Any] = field(default_factory=dict)
    anonymous: bool = False  # `security: []`: the operation needs no credentials

    def query_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "query")


@dataclass(frozen=True)
class Contract:
    document: Mapping[str, Any]  # as written, `$ref`s intact (served to clients)
    resolved: Mapping[str, Any]  # every `$ref` replaced by its target
    operations: tuple[Operation, ...]

    def operation(self, operation_id: str) -> Operation:
        for operation in self.operations:
            if operation.operation_id == operation_id:
                return operation
        raise KeyError(operation_id)

    def schema(self, name: str) -> Schema:
        schema: Schema = self.resolved["components"]["schemas"][name]
        return schema


def load_contract(path: Path) -> Contract:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    resolved = resolve_refs(document, document)
    return Contract(document, resolved, tuple(_operations(resolved)))


def resolve_refs(node: Any, root: Mapping[str, Any], depth: int = 0) -> Any:
    """A copy of `node` with every local `$ref` replaced by the value it points to."""
    if depth > 64:
        raise ValueError("$ref nesting too deep (a reference cycle?)")
    if isinstance(node, dict):
        if "$ref" in node:
            return resolve_refs(_pointer(root, node["$ref"]), root, depth + 1)
        return {key: resolve_refs(value, root, depth) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve_refs(item, root, depth) for item in node]
    return node


def _pointer(root: Mapping[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are supported, not {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _operations(resolved: Mapping[str, Any]) -> list[Operation]:
    operations = []
    for path, item in resolved.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            if method in item:
                operations.append(_operation(path, method, item[method], shared))
    return operations


def _operation(path: str, method: str, spec: Mapping[str, Any], shared: list[Any]) -> Operation:
    declared = {(p["name"], p["in"]): p for p in [*shared, *spec.get("parameters", [])]}
    parameters = tuple(
        Parameter(p["name"], p["in"], bool(p.get("required", False)), p.get("schema", {}))
        for p in declared.values()
    )
    body = spec.get("requestBody", {})
    return Operation(
        operation_id=spec["operationId"],
        method=method.upper(),
        path=path,
        parameters=parameters,
        body_required=bool(body.get("required", False)),
        body_schemas={
            media: content.get("schema", {}) for media, content in body.get("content", {}).items()
        },
        responses=spec.get("responses", {}),
        anonymous=spec.get("security") == [],
    )
