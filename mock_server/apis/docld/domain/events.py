"""The `data` of each event: workflow events from an execution, document events from a document."""

from __future__ import annotations

from typing import Any

from mock_server.apis.docld.domain.model import Document, Execution, StepLog
from mock_server.apis.docld.domain.views import document_json, execution_json, step_log_json
from mock_server.core.clock import isoformat_z

# FIDELITY (inferred): the docs name the workflow events but show none of their data.


def execution_data(execution: Execution) -> dict[str, Any]:
    return {
        "execution_id": execution.id,
        "workflow_id": execution.workflow_id,
        "workflow_name": execution.workflow_name,
        "status": execution.status,
        "triggered_by": execution.triggered_by,
        "started_at": isoformat_z(execution.started_at),
        "trigger_data": dict(execution.trigger_data),
    }


def step_completed_data(execution: Execution, entry: StepLog) -> dict[str, Any]:
    return {**execution_data(execution), "status": "running", "step": step_log_json(entry)}


def finished_data(execution: Execution) -> dict[str, Any]:
    whole = execution_json(execution)
    return {
        **execution_data(execution),
        "completed_at": whole["completed_at"],
        "error": execution.error,
        "execution_log": whole["execution_log"],
    }


def document_data(document: Document) -> dict[str, Any]:
    """FIDELITY: `document.completed` carries the document (`id`, `name`, `status`,
    `file_type`, `pages`...); `document_id` repeats the id for triggers' and n8n's sake."""
    return {**document_json(document), "document_id": document.id}


def extraction_data(document: Document) -> dict[str, Any]:
    extraction = document.extraction
    assert extraction is not None
    return {
        "extraction_id": extraction.extraction_id,
        "job_id": extraction.extraction_id,
        "document_id": document.id,
        "schema_id": extraction.schema_id,
        "status": extraction.status,
        "overall_confidence": extraction.overall_confidence,
        "data": dict(extraction.data),
        "knowledge_base_id": document.knowledge_base_id,
        "file_type": document.file_type,
        "mime_type": document.mime_type,
    }
