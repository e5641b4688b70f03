"""Fault rules under /_mock/faults: errors, latency and dropped connections on demand."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response
from pydantic import AliasChoices, Field, model_validator

from mock_server.admin.bodies import Body, parse
from mock_server.admin.fault_checks import (
    check_api,
    check_method,
    check_operation,
    check_path,
    check_status,
)
from mock_server.hosting.context import current_emulator
from mock_server.http.faults import FaultRule
from mock_server.http.responses import json_response

bp = Blueprint("faults", __name__, url_prefix="/_mock/faults")


class FaultBody(Body):
    api: str | None = None
    method: str | None = None
    path: str | None = Field(default=None, pattern=r"^/")
    operation: str | None = Field(
        default=None, validation_alias=AliasChoices("operation", "operationId")
    )
    resource_status: str | None = Field(
        default=None, validation_alias=AliasChoices("resource_status", "work_item_status")
    )
    on_call: int | None = Field(default=None, ge=1)
    status: int | None = Field(default=None, ge=100, le=599)
    message: str | None = None
    retry_after: int | None = Field(default=None, ge=0)
    latency_ms: float = Field(default=0.0, ge=0, le=60_000)
    drop: bool = False
    probability: float = Field(default=1.0, ge=0, le=1)
    seed: int | None = None
    times: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _has_an_effect(self) -> FaultBody:
        if self.status is None and not self.latency_ms and not self.drop:
            raise ValueError("a fault needs an effect: status, latency_ms or drop")
        return self


def rule_json(rule: FaultRule) -> dict[str, Any]:
    remaining = None if rule.times is None else max(rule.times - rule.fired, 0)
    return {
        "fault_id": rule.fault_id,
        "method": rule.method,
        "path": rule.path,
        "operation": rule.operation,
        "api": rule.api,
        "resource_status": rule.resource_status,
        "work_item_status": rule.resource_status,  # the name before several APIs were hosted
        "on_call": rule.on_call,
        "status": rule.status,
        "message": rule.message,
        "retry_after": rule.retry_after,
        "latency_ms": rule.latency_ms,
        "drop": rule.drop,
        "probability": rule.probability,
        "seed": rule.seed,
        "times": rule.times,
        "matched": rule.matched,
        "fired": rule.fired,
        "remaining": remaining,
    }


@bp.get("")
def list_faults() -> Response:
    return json_response(200, {"faults": [rule_json(r) for r in current_emulator().faults.rules()]})


@bp.post("")
def add_fault() -> Response:
    """The simplest rule: {"method": "GET", "path": "/api/v1/work-items/{work_item_id}",
    "status": 503, "times": 1}."""
    body = parse(FaultBody)
    emulator = current_emulator()
    apis = check_api(body.api, emulator.apis)
    check_method(body.method)
    check_operation(body.operation, apis)
    check_path(body.path, apis)
    check_status(body.resource_status, apis)
    rule = emulator.faults.add(FaultRule(emulator.ids.uuid("fault"), **body.model_dump()))
    return json_response(201, rule_json(rule))


@bp.delete("")
def clear_faults() -> Response:
    current_emulator().faults.clear()
    return json_response(200, {"status": "ok"})


@bp.delete("/<fault_id>")
def remove_fault(fault_id: str) -> Response:
    current_emulator().faults.remove(fault_id)
    return json_response(200, {"status": "ok"})
