"""Scenarios as data: how long each step takes and how it ends; how a document is processed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mock_server.apis.docld.domain.model import Step

DEFAULT_EXECUTION = "complete"
DEFAULT_DOCUMENT = "processed"


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """What a step does under a scenario: its duration, and `completed` or `failed`."""

    duration_ms: int = 1000
    outcome: str = "completed"
    error: str | None = None
    output: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExecutionScenario:
    """Step outcomes by step id first, then by step type, then `default`."""

    name: str
    description: str = ""
    steps: Mapping[str, StepOutcome] = field(default_factory=dict)
    default: StepOutcome = field(default_factory=StepOutcome)

    def outcome_of(self, step: Step) -> StepOutcome:
        return self.steps.get(step.id) or self.steps.get(step.type) or self.default


@dataclass(frozen=True, slots=True)
class ExtractionPlan:
    schema_id: str = "auto"
    duration_ms: int = 2000
    outcome: str = "completed"
    confidence: float = 0.9
    data: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentScenario:
    """How an upload is processed: queued, processed (or failed), then maybe extracted.

    `workflow_scenario` is the execution scenario of workflows this document's events start.
    """

    name: str
    description: str = ""
    queue_ms: int = 500
    processing_ms: int = 3000
    outcome: str = "completed"
    pages: int = 1
    error: str | None = None
    extraction: ExtractionPlan | None = None
    workflow_scenario: str | None = None


@dataclass(frozen=True)
class ScenarioBook:
    """Every scenario, by name; the defaults must be there."""

    executions: Mapping[str, ExecutionScenario]
    documents: Mapping[str, DocumentScenario]

    def execution(self, name: str | None) -> ExecutionScenario:
        return self.executions.get(name or DEFAULT_EXECUTION) or self.executions[DEFAULT_EXECUTION]

    def document(self, name: str | None) -> DocumentScenario:
        return self.documents.get(name or DEFAULT_DOCUMENT) or self.documents[DEFAULT_DOCUMENT]

    def names(self) -> list[str]:
        return sorted({*self.executions, *self.documents})
