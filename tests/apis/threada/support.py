"""Threada's domain built from the bundled fixtures on a manual clock, and its callers."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from mock_server.apis.threada.domain.access import Caller, caller_for
from mock_server.apis.threada.domain.model import Evidence
from mock_server.apis.threada.domain.service import ThreadaService
from mock_server.apis.threada.domain.work_items import CreateRequest
from mock_server.apis.threada.fixtures import FixtureSet, load_fixtures
from mock_server.core.clock import Clock, ClockMode

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "threada"
BASE_URL = "http://127.0.0.1:8080"
START = datetime(2026, 2, 4, 18, 32, 11, tzinfo=UTC)
REASON = Evidence((), "Checked against the renewal terms.")


@cache
def fixtures() -> FixtureSet:
    return load_fixtures(FIXTURES, BASE_URL)


def manual_clock() -> Clock:
    return Clock(ClockMode.MANUAL, start=START)


def service(clock: Clock | None = None) -> ThreadaService:
    f = fixtures()
    return ThreadaService(
        f.catalog, f.scenarios, f.credentials, f.numbering, clock or manual_clock()
    )


def caller(threada: ThreadaService, key: str, tenant: str | None = None) -> Caller:
    return caller_for(threada.credentials.authenticate(f"Bearer {key}"), tenant)


def example(threada: ThreadaService) -> Caller:
    """The reference's `<token>`, in tenant example."""
    return caller(threada, "<token>")


def dev(threada: ThreadaService) -> Caller:
    """Every scope, in tenant acme."""
    return caller(threada, "threada-dev-key")


SEED_CREATE = CreateRequest(
    workflow_id="policy_review",
    channel_id="web_main",
    payload={"message": "Review this renewal request before approval"},
)
