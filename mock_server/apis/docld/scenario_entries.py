"""Scenarios as scenarios.yaml, the control plane and state documents write them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mock_server.apis.docld.domain.scenarios import (
    DEFAULT_DOCUMENT,
    DEFAULT_EXECUTION,
    DocumentScenario,
    ExecutionScenario,
    ExtractionPlan,
    ScenarioBook,
    StepOutcome,
)

Outcome = Literal["completed", "failed"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepOutcomeEntry(_Strict):
    duration_ms: int = Field(default=1000, ge=0, le=86_400_000)
    outcome: Outcome = "completed"
    error: str | None = None
    output: dict[str, Any] = {}

    def to_outcome(self) -> StepOutcome:
        return StepOutcome(self.duration_ms, self.outcome, self.error, self.output)


class ExecutionScenarioEntry(_Strict):
    """Step outcomes by step id, else by step type, else `default`."""

    description: str = ""
    default: StepOutcomeEntry = StepOutcomeEntry()
    steps: dict[str, StepOutcomeEntry] = {}

    def to_scenario(self, name: str) -> ExecutionScenario:
        steps = {key: entry.to_outcome() for key, entry in self.steps.items()}
        return ExecutionScenario(name, self.description, steps, self.default.to_outcome())


class ExtractionEntry(_Strict):
    schema_id: str = Field(default="auto", min_length=1)
    duration_ms: int = Field(default=2000, ge=0, le=86_400_000)
    outcome: Outcome = "completed"
    confidence: float = Field(default=0.9, ge=0, le=1)
    data: dict[str, Any] = {}
    error: str | None = None

    def to_plan(self) -> ExtractionPlan:
        return ExtractionPlan(
            self.schema_id, self.duration_ms, self.outcome, self.confidence, self.data, self.error
        )


class DocumentScenarioEntry(_Strict):
    description: str = ""
    queue_ms: int = Field(default=500, ge=0, le=86_400_000)
    processing_ms: int = Field(default=3000, ge=0, le=86_400_000)
    outcome: Outcome = "completed"
    pages: int = Field(default=1, ge=0)
    error: str | None = None
    extraction: ExtractionEntry | None = None
    workflow_scenario: str | None = None

    def to_scenario(self, name: str) -> DocumentScenario:
        extraction = self.extraction.to_plan() if self.extraction else None
        return DocumentScenario(
            name, self.description, self.queue_ms, self.processing_ms, self.outcome,
            self.pages, self.error, extraction, self.workflow_scenario,
        )  # fmt: skip


class ScenariosFile(_Strict):
    executions: dict[str, ExecutionScenarioEntry]
    documents: dict[str, DocumentScenarioEntry]

    def to_book(self) -> ScenarioBook:
        """The scenarios, or ValueError when a default is missing or a name is unknown."""
        for kind, names, default in (
            ("executions", self.executions, DEFAULT_EXECUTION),
            ("documents", self.documents, DEFAULT_DOCUMENT),
        ):
            if default not in names:
                raise ValueError(f"{kind}: the default scenario {default!r} is missing")
        for name, entry in self.documents.items():
            check_workflow_scenario(name, entry, self.executions)
        return ScenarioBook(
            {n: e.to_scenario(n) for n, e in self.executions.items()},
            {n: e.to_scenario(n) for n, e in self.documents.items()},
        )


def check_workflow_scenario(name: str, entry: DocumentScenarioEntry, known: Any) -> None:
    chosen = entry.workflow_scenario
    if chosen is not None and chosen not in known:
        raise ValueError(
            f"documents.{name}.workflow_scenario: unknown execution scenario {chosen!r}; "
            f"known: {', '.join(sorted(known))}"
        )


def outcome_json(outcome: StepOutcome) -> dict[str, Any]:
    return {
        "duration_ms": outcome.duration_ms,
        "outcome": outcome.outcome,
        "error": outcome.error,
        "output": dict(outcome.output),
    }


def execution_scenario_json(scenario: ExecutionScenario) -> dict[str, Any]:
    return {
        "name": scenario.name,
        "kind": "execution",
        "description": scenario.description,
        "default": outcome_json(scenario.default),
        "steps": {key: outcome_json(o) for key, o in scenario.steps.items()},
    }


def document_scenario_json(scenario: DocumentScenario) -> dict[str, Any]:
    extraction = scenario.extraction
    return {
        "name": scenario.name,
        "kind": "document",
        "description": scenario.description,
        "queue_ms": scenario.queue_ms,
        "processing_ms": scenario.processing_ms,
        "outcome": scenario.outcome,
        "pages": scenario.pages,
        "error": scenario.error,
        "extraction": None
        if extraction is None
        else {
            "schema_id": extraction.schema_id,
            "duration_ms": extraction.duration_ms,
            "outcome": extraction.outcome,
            "confidence": extraction.confidence,
            "data": dict(extraction.data),
            "error": extraction.error,
        },
        "workflow_scenario": scenario.workflow_scenario,
    }
