"""DocLD's moving parts, wired to one domain: runner, document processing, triggers, webhooks."""

from __future__ import annotations

from collections.abc import Mapping

from mock_server.apis.docld.domain.integration_kinds import IntegrationKind
from mock_server.apis.docld.domain.scenarios import ScenarioBook
from mock_server.apis.docld.domain.service import DocldDomain
from mock_server.apis.docld.engine.cron import CronTrigger
from mock_server.apis.docld.engine.documents import DocumentPlan, DocumentProcessor
from mock_server.apis.docld.engine.integrations import IntegrationSender
from mock_server.apis.docld.engine.notifier import WebhookNotifier
from mock_server.apis.docld.engine.runner import ExecutionRunner, PlannedStep
from mock_server.apis.docld.engine.steps import StepPerformer
from mock_server.apis.docld.engine.triggers import EventTrigger
from mock_server.apis.docld.signing import DOCLD, RawBodySignature
from mock_server.core.scheduler import Scheduler
from mock_server.webhooks.dispatcher import Dispatcher
from mock_server.webhooks.inboxes import InboxRegistry


class DocldEngine:
    """The notifier subscribes first, so an event's webhooks are queued before whatever the
    event starts (an execution's `workflow.started` after the `document.uploaded` behind it).
    """

    def __init__(
        self,
        domain: DocldDomain,
        *,
        scheduler: Scheduler,
        dispatcher: Dispatcher,
        inboxes: InboxRegistry,
        scenarios: ScenarioBook,
        kinds: Mapping[str, IntegrationKind],
        scheme: RawBodySignature = DOCLD,
        api: str = "",
    ) -> None:
        self.domain = domain
        self.scenarios = scenarios  # replaced whole when a scenario is added

        def book() -> ScenarioBook:
            return self.scenarios

        self.notifier = WebhookNotifier(domain, dispatcher, scheme, api)
        sender = IntegrationSender(domain, dispatcher, inboxes, kinds, api)
        self.runner = ExecutionRunner(domain, scheduler, StepPerformer(book, sender))
        self.documents = DocumentProcessor(domain, scheduler, book)
        self.events = EventTrigger(domain, book)
        self.cron = CronTrigger(domain, scheduler)

    def clear(self) -> None:
        """Forget every plan; tasks already on the shared timetable find theirs gone."""
        with self.domain.lock:
            self.runner.clear()
            self.documents.clear()
            self.cron.clear()

    def plans(self) -> tuple[list[PlannedStep], list[DocumentPlan]]:
        """What is planned, for a snapshot (cron firings follow from the schedules)."""
        with self.domain.lock:
            return list(self.runner.planned.values()), list(self.documents.planned.values())

    def restore(self, steps: list[PlannedStep], documents: list[DocumentPlan]) -> None:
        """Put saved plans back on the timetable, and each schedule's next firing."""
        with self.domain.lock:
            self.clear()
            for step in steps:
                self.runner.plan(step)
            for document in documents:
                self.documents.plan(document)
            self.cron.replan_all()
