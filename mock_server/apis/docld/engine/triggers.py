"""Event triggers: a platform event starts every enabled workflow whose trigger it matches."""

from __future__ import annotations

from collections.abc import Callable

from mock_server.apis.docld.domain.model import Event
from mock_server.apis.docld.domain.scenarios import ScenarioBook
from mock_server.apis.docld.domain.service import DocldDomain
from mock_server.apis.docld.domain.triggers import matches
from mock_server.apis.docld.domain.vocabulary import PLATFORM_EVENTS, canonical_event

TRIGGERING = frozenset(canonical_event(name) for name in PLATFORM_EVENTS)


class EventTrigger:
    """FIDELITY: a disabled workflow never fires, and an event its filters reject starts
    nothing (no execution is recorded)."""

    def __init__(self, domain: DocldDomain, scenarios: Callable[[], ScenarioBook]) -> None:
        self.domain, self.scenarios = domain, scenarios
        domain.space.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if event.name not in TRIGGERING:
            return
        chosen = [
            workflow
            for workflow in self.domain.space.workflows.values()
            if workflow.organization_id == event.organization_id
            and workflow.enabled
            and matches(workflow.trigger, event.name, event.data)
        ]
        trigger_data = {"event": event.name, **event.data}
        for workflow in chosen:
            self.domain.executions.start(workflow, "event", trigger_data, self._scenario(event))

    def _scenario(self, event: Event) -> str | None:
        """A document's scenario may name the scenario of the workflows its events start."""
        document = self.domain.space.documents.get(event.subject_id)
        if document is None:
            return None
        return self.scenarios().document(document.scenario).workflow_scenario
