"""Writes Threada's part of a state document, in a stable order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.apis.threada.domain.scenarios import scenario_to_json
from mock_server.apis.threada.fixture_entries import key_document

if TYPE_CHECKING:
    from mock_server.apis.threada.runtime import ThreadaRuntime


def export_part(api: ThreadaRuntime) -> dict[str, Any]:
    """Everything an import needs to carry on exactly where this API stands."""
    service = api.service
    with api.lock:
        records = service.export_records()
        return {
            "profile": api.profile_name,
            "keys": [key_document(c) for c in service.credentials.all()],
            "scenarios": [scenario_to_json(s) for s in service.scenarios.all()],
            "numbering": records["numbering"],
            "work_items": records["work_items"],
            "executions": records["executions"],
            "planned_decisions": sorted(
                api.decisioning.export(), key=lambda p: (p["due"], p["work_item_id"])
            ),
            "planned_executions": sorted(
                api.runner.export(), key=lambda p: (p["due"], p["execution_id"])
            ),
        }
