"""DocLD scenarios as the control plane and snapshots show and take them: each has a `kind`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from mock_server.apis.docld.domain.scenarios import (
    DocumentScenario,
    ExecutionScenario,
    ScenarioBook,
)
from mock_server.apis.docld.scenario_entries import (
    DocumentScenarioEntry,
    ExecutionScenarioEntry,
    check_workflow_scenario,
    document_scenario_json,
    execution_scenario_json,
)
from mock_server.core.errors import BadRequest, ValidationFailed

KINDS = ("execution", "document")


def scenario_documents(book: ScenarioBook) -> list[dict[str, Any]]:
    return [
        *(execution_scenario_json(s) for s in book.executions.values()),
        *(document_scenario_json(s) for s in book.documents.values()),
    ]


def _entry(document: Mapping[str, Any], kind: str) -> Any:
    fields = {k: v for k, v in document.items() if k not in ("name", "kind")}
    model = ExecutionScenarioEntry if kind == "execution" else DocumentScenarioEntry
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in ("body", *first["loc"]))
        raise ValidationFailed(
            f"Request validation failed: {where}: {first['msg']}", field=where, issue=first["msg"]
        ) from None


def kind_of(document: Any) -> str:
    if not isinstance(document, Mapping):
        raise BadRequest("A scenario is a JSON object.", field="body", issue="must be an object")
    kind = document.get("kind", "execution")
    if kind not in KINDS:
        raise BadRequest(
            f"A DocLD scenario's kind is execution or document, not {kind!r}.",
            field="body.kind",
            issue="execution: how steps run; document: how an upload is processed",
        )
    return str(kind)


def with_scenario(book: ScenarioBook, name: str, document: Any) -> ScenarioBook:
    """The book with `document` added or replacing the scenario of that kind and name."""
    kind = kind_of(document)
    entry = _entry(document, kind)
    if kind == "execution":
        execution: ExecutionScenario = entry.to_scenario(name)
        return ScenarioBook({**book.executions, name: execution}, book.documents)
    try:
        check_workflow_scenario(name, entry, book.executions)
    except ValueError as error:
        raise BadRequest(str(error), field="body.workflow_scenario") from None
    processed: DocumentScenario = entry.to_scenario(name)
    return ScenarioBook(book.executions, {**book.documents, name: processed})


def scenario_json(book: ScenarioBook, kind: str, name: str) -> dict[str, Any]:
    if kind == "execution":
        return execution_scenario_json(book.executions[name])
    return document_scenario_json(book.documents[name])
