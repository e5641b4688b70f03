"""Simulated document processing: queued, processed or failed, then maybe extracted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from mock_server.apis.docld.domain.model import Event
from mock_server.apis.docld.domain.scenarios import DocumentScenario, ScenarioBook
from mock_server.apis.docld.domain.service import DocldDomain
from mock_server.core.scheduler import Scheduler

STAGES = ("process", "finish", "extracted")  # what happens when each plan comes due


@dataclass(frozen=True)
class DocumentPlan:
    document_id: str
    stage: str
    due: datetime


class DocumentProcessor:
    def __init__(
        self, domain: DocldDomain, scheduler: Scheduler, scenarios: Callable[[], ScenarioBook]
    ) -> None:
        self.domain, self.scheduler, self.scenarios = domain, scheduler, scenarios
        self.planned: dict[str, DocumentPlan] = {}  # guarded by the domain lock
        domain.space.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if event.name == "document.uploaded":
            document = self.domain.space.documents[event.subject_id]
            self._next(document.id, "process", self._scenario(document.id).queue_ms)

    def _scenario(self, document_id: str) -> DocumentScenario:
        return self.scenarios().document(self.domain.space.documents[document_id].scenario)

    def _next(self, document_id: str, stage: str, after_ms: int) -> None:
        due = self.domain.space.clock.now() + timedelta(milliseconds=after_ms)
        self.plan(DocumentPlan(document_id, stage, due))

    def plan(self, planned: DocumentPlan) -> None:
        self.planned[planned.document_id] = planned
        self.scheduler.at(
            planned.due,
            f"docld: document {planned.document_id} {planned.stage}",
            lambda: self._fire(planned),
        )

    def _fire(self, planned: DocumentPlan) -> None:
        with self.domain.lock:
            if self.planned.get(planned.document_id) is not planned:
                return  # superseded, or the emulator was reset
            del self.planned[planned.document_id]
            if planned.document_id not in self.domain.space.documents:
                return
            scenario = self._scenario(planned.document_id)
            {"process": self._process, "finish": self._finish, "extracted": self._extracted}[
                planned.stage
            ](planned.document_id, scenario)

    def _process(self, document_id: str, scenario: DocumentScenario) -> None:
        self.domain.documents.start_processing(document_id)
        self._next(document_id, "finish", scenario.processing_ms)

    def _finish(self, document_id: str, scenario: DocumentScenario) -> None:
        if scenario.outcome == "failed":
            self.domain.documents.fail_processing(
                document_id, scenario.error or "processing failed"
            )
            return
        self.domain.documents.finish_processing(document_id, scenario.pages)
        if scenario.extraction is not None:
            self.domain.documents.start_extraction(document_id, scenario.extraction.schema_id)
            self._next(document_id, "extracted", scenario.extraction.duration_ms)

    def _extracted(self, document_id: str, scenario: DocumentScenario) -> None:
        plan = scenario.extraction  # None if the scenario was replaced by one without
        self.domain.documents.end_extraction(
            document_id,
            confidence=plan.confidence if plan else None,
            data=dict(plan.data) if plan else {},
            failed=plan is not None and plan.outcome == "failed",
        )

    def clear(self) -> None:
        self.planned.clear()
