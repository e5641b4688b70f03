"""The runner's next step per execution, as data a snapshot can carry and re-create."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mock_server.core.clock import isoformat_z


@dataclass(frozen=True)
class Attempt:
    """Call the integration (attempt number `attempt`) at `due`."""

    execution_id: str
    attempt: int
    due: datetime

    def describe(self) -> str:
        return f"{self.execution_id} attempt {self.attempt}"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "attempt",
            "execution_id": self.execution_id,
            "attempt": self.attempt,
            "due": isoformat_z(self.due),
        }


@dataclass(frozen=True)
class Landed:
    """A webhook delivery of the execution ended (`outcome`, after `attempts` POSTs)."""

    execution_id: str
    due: datetime
    delivery_id: str
    outcome: str  # delivered | failed | blocked
    attempts: int
    reason: str

    def describe(self) -> str:
        return f"{self.execution_id} delivery {self.outcome}"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "landed",
            "execution_id": self.execution_id,
            "due": isoformat_z(self.due),
            "delivery_id": self.delivery_id,
            "outcome": self.outcome,
            "attempts": self.attempts,
            "reason": self.reason,
        }


Plan = Attempt | Landed


def plan_of(document: dict[str, Any]) -> Plan:
    """The inverse of `to_json`; KeyError or ValueError on a malformed document."""
    due = datetime.fromisoformat(document["due"])
    if document["kind"] == "attempt":
        return Attempt(document["execution_id"], int(document["attempt"]), due)
    if document["kind"] == "landed":
        return Landed(
            document["execution_id"],
            due,
            document["delivery_id"],
            document["outcome"],
            int(document["attempts"]),
            document["reason"],
        )
    raise ValueError(f"unknown plan kind {document['kind']!r}")
