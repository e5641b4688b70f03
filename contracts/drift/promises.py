"""What each profile's contract promises, read from its document or, where the document can
only say it in prose, written down here with its source."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent.parent
BUNDLED = CHECKOUT / "mock_server" / "_bundled"  # an installed wheel (a data file, no import)

# Every status name any Sema4 source uses; the ones a contract lacks must be refused.
KNOWN_STATUSES = (
    "PRECREATED", "DRAFT", "PENDING", "EXECUTING", "PAUSED", "NEEDS_REVIEW", "COMPLETED",
    "FAILED", "ERROR", "CANCELLED", "INDETERMINATE",
)  # fmt: skip


@dataclass(frozen=True)
class Promises:
    """What a profile promises besides its schemas."""

    contract_file: str
    stub_status: str  # what upload-file creates
    wrong_status_code: int  # attaching a file to, or finalising, an item past the stub status
    malformed_id_code: int  # a work item id that is not even well-formed
    on_status_required: bool  # a callback without on_status is refused (422)
    attempts_when_refused: int  # deliveries of one callback whose receiver answers 500
    callbacks_on_api_actions: bool  # cancel fires the CANCELLED callback


PROMISES = {
    # seed 000: files only while PRECREATED, 412 for the state, callbacks on the statuses they
    # name, "retried up to 3 times with exponential backoff"; on_status is a required field.
    "documented": Promises("openapi.yaml", "PRECREATED", 412, 404, True, 4, True),
    # the running platform (sema4-platform-behaviour.md §2.3, §5.3, §8): 400 for files and
    # finalising and for ids that are not UUIDs, on_status defaults to NEEDS_REVIEW, one
    # attempt, callbacks only when an agent run ends.
    "platform": Promises("openapi.platform.yaml", "DRAFT", 400, 400, False, 1, False),
}


@dataclass(frozen=True)
class Contract:
    profile: str
    path: Path
    document: dict[str, Any]
    promises: Promises

    def schema(self, name: str) -> dict[str, Any]:
        found: dict[str, Any] = resolve(self.document["components"]["schemas"][name], self.document)
        return found

    def enum(self, name: str) -> tuple[str, ...]:
        return tuple(self.schema(name)["enum"])

    def response_schema(self, path: str, method: str, status: str) -> dict[str, Any] | None:
        operation = self.document["paths"].get(path, {}).get(method, {})
        response = resolve(operation.get("responses", {}).get(status), self.document)
        if not isinstance(response, dict):
            return None
        content = response.get("content", {}).get("application/json", {})
        schema = content.get("schema")
        return schema if isinstance(schema, dict) else None


def resolve(node: Any, root: dict[str, Any], depth: int = 0) -> Any:
    """`node` with every local `$ref` replaced by what it points to."""
    if depth > 32:
        raise ValueError("$ref nesting too deep")
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = root
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return resolve(target, root, depth + 1)
        return {key: resolve(value, root, depth) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(item, root, depth) for item in node]
    return node


@cache
def contract(profile: str) -> Contract:
    """The contract of `profile` from a checkout, or from the installed package."""
    if profile not in PROMISES:
        raise ValueError(f"unknown profile {profile!r}; known: {', '.join(PROMISES)}")
    promises = PROMISES[profile]
    for candidate in (CHECKOUT / promises.contract_file, BUNDLED / promises.contract_file):
        if candidate.exists():
            document = yaml.safe_load(candidate.read_text(encoding="utf-8"))
            return Contract(profile, candidate, document, promises)
    raise FileNotFoundError(f"{promises.contract_file} is neither in {CHECKOUT} nor {BUNDLED}")
