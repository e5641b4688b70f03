"""Builds DocLD's domain (and engine) on a manual clock, with the bundled fixtures."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from mock_server.apis.docld.domain.model import Event
from mock_server.apis.docld.domain.service import DocldDomain
from mock_server.apis.docld.fixtures import FixtureSet, load_fixtures
from mock_server.core.clock import Clock, ClockMode
from mock_server.core.ids import IdFactory
from mock_server.core.principal import Principal

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "docld"
START = datetime(2025, 1, 15, 10, 30, tzinfo=UTC)  # a Wednesday, 05:30 in New York
LOCAL = Principal("local-dev", "org-local", "user-local-developer", True)
ACME = Principal("acme-premium", "org-acme", "user-acme-developer", True)


@cache
def fixtures() -> FixtureSet:
    return load_fixtures(FIXTURES)


def manual_clock(start: datetime = START) -> Clock:
    return Clock(ClockMode.MANUAL, start=start)


def domain(clock: Clock | None = None) -> DocldDomain:
    found = fixtures()
    return DocldDomain(
        clock or manual_clock(),
        IdFactory(7),
        kinds=found.kinds,
        templates=found.templates,
        keys=found.keys,
        own_prefixes=["http://127.0.0.1:8080/_mock/inbox/"],
    )


class EventLog:
    """Every event the domain published, in order."""

    def __init__(self, target: DocldDomain) -> None:
        self.events: list[Event] = []
        target.space.subscribe(self.events.append)

    def names(self, subject: str | None = None) -> list[str]:
        return [e.name for e in self.events if subject is None or e.subject_id == subject]


def invoice_workflow(**changes: Any) -> dict[str, Any]:
    """The documentation's create body, minus the integration step (no integration exists)."""
    body: dict[str, Any] = {
        "name": "Invoice Processing",
        "description": "Automatically extract data from invoices",
        "definition": {
            "steps": [
                {"id": "parse", "type": "parse", "config": {}},
                {"id": "extract", "type": "extract", "config": {"schema_id": "invoice-schema"}},
            ]
        },
        "trigger_type": "event",
        "trigger_config": {"event": "document.uploaded", "filters": {"file_type": "pdf"}},
        "enabled": True,
    }
    body.update(changes)
    return body


def slack_integration(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Slack Notifications",
        "integration_type": "slack",
        "config": {
            "webhook_url": "https://hooks.slack.com/services/T0/B0/x",
            "channel": "#invoices",
        },
    }
    body.update(changes)
    return body
