"""DocLD's domain in one place: the services over one workspace, keys and rate limits."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

from mock_server.apis.docld.domain.documents import DocumentService
from mock_server.apis.docld.domain.executions import ExecutionService
from mock_server.apis.docld.domain.integration_kinds import IntegrationKind
from mock_server.apis.docld.domain.integrations import IntegrationService
from mock_server.apis.docld.domain.keys import DocldKey, KeyDirectory
from mock_server.apis.docld.domain.model import Template
from mock_server.apis.docld.domain.ratelimit import RateLimiter
from mock_server.apis.docld.domain.schedules import ScheduleService
from mock_server.apis.docld.domain.templates import TemplateCatalogue
from mock_server.apis.docld.domain.webhooks import WebhookService
from mock_server.apis.docld.domain.workflows import WorkflowService
from mock_server.apis.docld.domain.workspace import Workspace
from mock_server.core.clock import Clock
from mock_server.core.ids import IdFactory


class DocldDomain:
    """Everything DocLD knows, with no web framework and nothing that moves on its own."""

    def __init__(
        self,
        clock: Clock,
        ids: IdFactory,
        *,
        kinds: Mapping[str, IntegrationKind],
        templates: Iterable[Template] = (),
        keys: Iterable[DocldKey] = (),
        own_prefixes: Iterable[str] = (),
    ) -> None:
        self.space = Workspace(clock, ids)
        self.schedules = ScheduleService(self.space)
        self.workflows = WorkflowService(self.space, self.schedules)
        self.executions = ExecutionService(self.space)
        self.integrations = IntegrationService(self.space, kinds)
        self.templates = TemplateCatalogue(templates, self.workflows)
        self.documents = DocumentService(self.space)
        self.webhooks = WebhookService(self.space, own_prefixes)
        self.keys = KeyDirectory(keys)
        self.limits = RateLimiter(clock)

    @property
    def lock(self) -> threading.RLock:
        return self.space.lock

    def clear(self) -> None:
        """No records and no usage counted; keys and templates stay."""
        with self.space.lock:
            self.space.clear()
            self.limits.clear()
