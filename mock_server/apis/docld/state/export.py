"""Writes DocLD's part of a state document: records in the order they were made, then plans."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.apis.docld.domain.model import Document, Execution, Workflow
from mock_server.apis.docld.scenario_docs import scenario_documents
from mock_server.core.clock import isoformat_z
from mock_server.state.plain import plain

if TYPE_CHECKING:
    from mock_server.apis.docld.runtime import DocldRuntime


def _workflow(workflow: Workflow) -> dict[str, Any]:
    return {
        **plain(workflow),
        "steps": [plain(s) for s in workflow.steps],
        "trigger": plain(workflow.trigger),
    }


def _execution(execution: Execution) -> dict[str, Any]:
    return {
        **plain(execution),
        "steps": [plain(s) for s in execution.steps],
        "log": [plain(e) for e in execution.log],
    }


def _document(document: Document) -> dict[str, Any]:
    extraction = document.extraction
    return {**plain(document), "extraction": plain(extraction) if extraction else None}


def export_part(api: DocldRuntime) -> dict[str, Any]:
    """Everything an import needs to carry on exactly where this API stands."""
    with api.lock:
        space = api.domain.space
        steps, documents = api.engine.plans()
        return {
            "scenarios": scenario_documents(api.engine.scenarios),
            "workflows": [_workflow(w) for w in space.workflows.values()],
            "schedules": [plain(s) for s in space.schedules.values()],
            "executions": [_execution(e) for e in space.executions.values()],
            "integrations": [plain(i) for i in space.integrations.values()],
            "documents": [_document(d) for d in space.documents.values()],
            "webhooks": [plain(s) for s in space.subscriptions.values()],
            "rate_limits": api.domain.limits.export(),
            "step_plans": [
                {"execution_id": p.execution_id, "index": p.index, "due": isoformat_z(p.due)}
                for p in sorted(steps, key=lambda p: (p.due, p.execution_id))
            ],
            "document_plans": [
                {"document_id": p.document_id, "stage": p.stage, "due": isoformat_z(p.due)}
                for p in sorted(documents, key=lambda p: (p.due, p.document_id))
            ],
        }
