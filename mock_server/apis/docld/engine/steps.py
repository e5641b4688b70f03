"""What each step produces under its scenario: an output, a failure, or a condition's verdict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mock_server.apis.docld.domain.conditions import holds
from mock_server.apis.docld.domain.executions import StepResult
from mock_server.apis.docld.domain.model import Execution, Step
from mock_server.apis.docld.domain.placeholders import step_context
from mock_server.apis.docld.domain.scenarios import ScenarioBook
from mock_server.apis.docld.engine.integrations import IntegrationSender


class StepPerformer:
    def __init__(self, scenarios: Callable[[], ScenarioBook], sender: IntegrationSender) -> None:
        self.scenarios, self.sender = scenarios, sender

    def duration_ms(self, execution: Execution, step: Step) -> int:
        return self.scenarios().execution(execution.scenario).outcome_of(step).duration_ms

    def perform(self, execution: Execution, step: Step) -> StepResult:
        outcome = self.scenarios().execution(execution.scenario).outcome_of(step)
        if outcome.outcome == "failed":
            return StepResult("failed", error=outcome.error or f"the {step.type} step failed")
        context = step_context(execution.trigger_data, execution.outputs())
        if step.type == "condition":
            held = holds(step.config, context)
            return StepResult("completed", {**outcome.output, "result": held}, skip_rest=not held)
        if step.type == "integration":
            return self.sender.send(execution, step, context)
        return StepResult("completed", self._output(step, context, dict(outcome.output)))

    def _output(
        self, step: Step, context: dict[str, Any], output: dict[str, Any]
    ) -> dict[str, Any]:
        """FIDELITY (inferred): outputs are the scenario's, plus what the config names."""
        if step.type == "extract":
            output.setdefault("schema_id", step.config.get("schema_id"))
        if step.type in ("parse", "extract") and "document_id" in context:
            output.setdefault("document_id", context["document_id"])
        return output
