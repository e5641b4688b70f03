"""A delivery may carry its own retry count, and a subject's waiting deliveries can be dropped."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from mock_server.core.clock import Clock, ClockMode
from mock_server.core.ids import IdFactory
from mock_server.core.scheduler import Scheduler
from mock_server.webhooks.deliveries import Outcome
from mock_server.webhooks.dispatcher import Dispatcher, RetryPolicy
from mock_server.webhooks.egress import EgressPolicy
from mock_server.webhooks.transport import TransportResult

URL = "http://127.0.0.1:9/hook"


class Refusing:
    """A receiver that answers 500 to everything and counts the POSTs."""

    def __init__(self) -> None:
        self.posts = 0

    def post(
        self,
        url: str,
        body: bytes,
        headers: Mapping[str, str],
        timeout: float,
        address: str | None = None,
    ) -> TransportResult:
        self.posts += 1
        return TransportResult(500, "")


def dispatcher(transport: Refusing) -> tuple[Dispatcher, Scheduler]:
    clock = Clock(ClockMode.MANUAL, start=datetime(2025, 1, 15, tzinfo=UTC))
    scheduler = Scheduler(clock)
    built = Dispatcher(
        clock=clock,
        ids=IdFactory(1),
        scheduler=scheduler,
        transport=transport,
        egress=EgressPolicy(resolve=lambda host: ["127.0.0.1"]),
        policy=RetryPolicy(retries=3, backoff_seconds=1.0),
    )
    return built, scheduler


def test_a_delivery_with_zero_retries_is_attempted_once():
    transport = Refusing()
    hooks, scheduler = dispatcher(transport)

    once = hooks.enqueue("w1", "COMPLETED", URL, b"{}", {}, retries=0)
    scheduler.advance(60)

    assert transport.posts == 1
    assert hooks.get(once.delivery_id).outcome is Outcome.FAILED
    hooks.close()


def test_without_an_override_the_policy_retries():
    transport = Refusing()
    hooks, scheduler = dispatcher(transport)

    hooks.enqueue("w1", "COMPLETED", URL, b"{}", {})
    scheduler.advance(60)

    assert transport.posts == 4
    hooks.close()


def test_dropping_a_subject_forgets_its_waiting_deliveries_only():
    transport = Refusing()
    hooks, scheduler = dispatcher(transport)
    hooks.enqueue("w1", "PENDING", URL, b"{}", {})
    hooks.enqueue("w1", "COMPLETED", URL, b"{}", {})
    other = hooks.enqueue("w2", "COMPLETED", URL, b"{}", {}, retries=0)

    assert hooks.drop("w1") == 2
    scheduler.advance(60)

    assert [d.delivery_id for d in hooks.deliveries()] == [other.delivery_id]
    assert transport.posts == 1
    assert hooks.drop("w1") == 0
    hooks.close()
