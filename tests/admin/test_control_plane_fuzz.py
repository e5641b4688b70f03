"""Schemathesis over the control plane's own spec: no input makes `/_mock` fail or drift."""

from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
from schemathesis.engine import events, from_schema

from mock_server.admin.contract import control_contract
from tests.support.local import local_emulator

CHECKS = ["not_a_server_error", "content_type_conformance", "response_schema_conformance"]
# Captures answer whatever status their inbox is told to (fuzzing configures 5xx inboxes too).
CAPTURE = re.compile(
    r"^(GET|POST|PATCH|DELETE) /_mock/inbox/\{name\}$|/_mock/inbox/\{name\}/\{path\}$"
)


# Inbox delays and latency faults are real waits of up to a minute, by design; generated ones
# are kept under a second, so a slow answer the fuzz asked for is never taken for a hang.
PATIENCE = {"delay_seconds": 1, "latency_ms": 1000}


def _without_long_waits(node: Any) -> Any:
    """A copy of the contract in which no property named in PATIENCE may exceed its bound."""
    if isinstance(node, list):
        return [_without_long_waits(item) for item in node]
    if not isinstance(node, dict):
        return node
    copied = {key: _without_long_waits(value) for key, value in node.items()}
    for name, bound in PATIENCE.items():
        schema = copied.get("properties", {}).get(name)
        if isinstance(schema, dict) and "maximum" in schema:
            copied["properties"][name] = {**schema, "maximum": bound}
    return copied


def _failures(base_url: str, document: dict[str, Any]) -> list[str]:
    config = schemathesis.Config.from_dict(
        {
            "base-url": base_url,
            "seed": 1,
            "cache": {"enabled": False},
            "generation": {"max-examples": 15, "database": "none"},
            "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
            "phases": {"stateful": {"enabled": False}},
        }
    )
    schema = schemathesis.openapi.from_dict(_without_long_waits(document), config=config)
    found: list[str] = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            found += _scenario_failures(event)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            found.append(f"{type(event).__name__}: {getattr(event, 'info', event)}")
    return found


def _scenario_failures(event: Any) -> list[str]:
    label = event.recorder.label
    return [
        f"{label}: {node.name}: {node.failure_info.failure.title}"
        for nodes in event.recorder.checks.values()
        for node in nodes
        if node.failure_info is not None
        and not (node.name == "not_a_server_error" and CAPTURE.search(label))
    ]


# Hypothesis warns (an error under filterwarnings=error) when it prints a large generated body,
# such as a 90 kB state document; the size of a repr says nothing about the emulator.
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
def test_no_control_plane_input_gives_a_server_error_or_an_undocumented_answer():
    with local_emulator() as local:
        failures = _failures(local.base_url, control_contract(local.emulator))

    assert failures == []
