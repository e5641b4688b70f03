"""The execution runner on a manual clock: simulated integrations, retries, and webhooks."""

from __future__ import annotations

import dataclasses
import json

from mock_server.apis.threada.domain.catalog import Catalog
from mock_server.apis.threada.domain.executions import ExecuteRequest
from mock_server.apis.threada.domain.service import ThreadaService
from mock_server.apis.threada.domain.work_items import CreateRequest
from mock_server.apis.threada.engine.plans import plan_of
from mock_server.core.clock import Clock, ClockMode
from tests.apis.threada.engine_support import World, world
from tests.apis.threada.support import REASON, SEED_CREATE, dev, example, fixtures, manual_clock


def execute(w: World, action: str, integration: str, item: str = "wi_123", key=None):
    stored = w.threada.items.store.get(item)
    who = example(w.threada) if stored is None or stored.tenant_id == "example" else dev(w.threada)
    execution, _ = w.threada.executions.execute(who, ExecuteRequest(item, action, integration), key)
    return execution


def seeded(**kwargs) -> World:
    w = world(**kwargs)
    w.threada.items.create(example(w.threada), SEED_CREATE)
    return w


def approved_refund(w: World) -> str:
    created = w.threada.items.create(dev(w.threada), CreateRequest("refunds", {}, "web_main"))
    w.advance(3)
    w.threada.items.decide(dev(w.threada), created.work_item_id, "approve", REASON)
    return created.work_item_id


def current(w: World, execution_id: str):
    return w.threada.executions.all()[
        [e.execution_id for e in w.threada.executions.all()].index(execution_id)
    ]


def test_the_references_execution_succeeds_after_the_integrations_latency():
    w = seeded()
    execute(w, "request_approval", "int_workflow")

    w.advance(0.9)
    assert current(w, "ex_456").status == "started"
    w.advance(0.1)

    done = current(w, "ex_456")
    assert (done.status, done.attempts, done.external_ref) == (
        "succeeded",
        1,
        "int_workflow/ex_456",
    )
    assert done.updated_at == w.at(1)
    assert w.threada.items.get(example(w.threada), "wi_123").status == "resolved"


def test_a_retryable_failure_is_retried_under_the_same_key_after_backoff():
    w = world()
    item = approved_refund(w)
    start = w.clock.now()
    execute(w, "issue_refund", "int_crm", item, key="refund-A-1042")

    w.advance(20)

    done = current(w, "ex_456")
    assert (done.status, done.attempts, done.idempotency_key) == ("succeeded", 2, "refund-A-1042")
    assert (done.updated_at - start).total_seconds() == 1 + 2  # latency, then 2 s backoff
    assert w.runner.planned == {}


def test_a_terminal_failure_fails_the_execution_and_the_item_at_once():
    w = world()
    item = approved_refund(w)
    execute(w, "issue_refund", "int_legacy_erp", item)

    w.advance(20)

    done = current(w, "ex_456")
    assert done.status == "failed"
    assert done.attempts == 1
    assert done.error is not None
    assert (done.error.code, done.error.retryable) == ("integration_rejected", False)
    receipt = w.threada.items.get(dev(w.threada), item).receipts[-1]
    assert (receipt.status, receipt.reason_code) == ("failed", "integration_rejected")


def _always_failing_crm() -> ThreadaService:
    f = fixtures()
    crm = dataclasses.replace(f.catalog.integrations["int_crm"], outcomes=("retryable_failure",))
    catalog = Catalog(
        f.catalog.workflows, f.catalog.channels, f.catalog.actions,
        {**f.catalog.integrations, "int_crm": crm}, f.catalog.policies,
    )  # fmt: skip
    return ThreadaService(catalog, f.scenarios, f.credentials, f.numbering, manual_clock())


def test_retries_stop_after_the_integrations_max_attempts():
    w = world(_always_failing_crm())
    item = approved_refund(w)
    start = w.clock.now()
    execute(w, "issue_refund", "int_crm", item)

    w.advance(60)

    done = current(w, "ex_456")
    assert (done.status, done.attempts) == ("failed", 3)
    assert done.error is not None
    assert (done.error.code, done.error.retryable) == ("retries_exhausted", True)
    assert (done.updated_at - start).total_seconds() == 1 + 2 + 4


def test_a_webhook_integration_posts_the_execution_with_its_idempotency_key():
    w = seeded()
    execute(w, "request_approval", "int_ticketing", key="ticket-7")

    w.advance(5)

    (post,) = w.receiver.posts
    assert post["url"] == "http://127.0.0.1:8080/_mock/inbox/threada-ticketing"
    assert post["headers"]["Idempotency-Key"] == "ticket-7"
    assert post["body"]["execution_id"] == "ex_456"
    assert post["body"]["payload"] == {"message": "Review this renewal request before approval"}
    done = current(w, "ex_456")
    assert done.status == "succeeded"
    assert done.external_ref is not None
    assert done.external_ref.startswith("delivery/")
    (delivery,) = w.dispatcher.deliveries()
    assert done.delivery_id == delivery.delivery_id


def test_a_failing_receiver_is_retried_by_the_dispatcher_under_the_same_key():
    w = seeded(statuses=[503, 500, 200])
    execute(w, "request_approval", "int_ticketing")

    w.advance(30)

    assert [p["headers"]["Idempotency-Key"] for p in w.receiver.posts] == ["idem_789"] * 3
    done = current(w, "ex_456")
    assert (done.status, done.attempts) == ("succeeded", 3)


def test_a_receiver_that_never_answers_2xx_fails_the_execution():
    w = seeded(statuses=[500])
    execute(w, "request_approval", "int_ticketing")

    w.advance(30)

    done = current(w, "ex_456")
    assert (done.status, done.attempts) == ("failed", 3)
    assert done.error is not None
    assert done.error.code == "retries_exhausted"
    assert w.threada.items.get(example(w.threada), "wi_123").status == "failed"


def test_the_egress_policy_blocks_a_webhook_off_loopback():
    w = seeded(loopback=False)
    execute(w, "request_approval", "int_ticketing")

    w.advance(5)

    assert w.receiver.posts == []
    done = current(w, "ex_456")
    assert done.error is not None
    assert (done.status, done.attempts, done.error.code) == ("failed", 0, "egress_blocked")
    assert "not sent" in done.error.message


def test_other_apis_deliveries_are_ignored():
    w = seeded()
    w.dispatcher.enqueue("wi-of-sema4", "COMPLETED", "http://127.0.0.1:9/x", b"{}", {})

    w.advance(5)

    assert w.threada.executions.all() == []


def test_a_planned_retry_survives_a_snapshot():
    saved = world()
    item = approved_refund(saved)
    execute(saved, "issue_refund", "int_crm", item)
    saved.advance(1.5)  # attempt 1 failed; attempt 2 is planned
    records = json.loads(json.dumps(saved.threada.export_records()))
    plans = json.loads(json.dumps(saved.runner.export()))
    f = fixtures()
    restored_service = ThreadaService(
        f.catalog, f.scenarios, f.credentials, f.numbering,
        Clock(ClockMode.MANUAL, start=saved.clock.now()),
    )  # fmt: skip
    restored_service.prepare_records(records)()
    restored = world(restored_service)

    restored.runner.restore(plan_of(p) for p in plans)
    restored.advance(10)
    saved.advance(10)

    assert plans[0]["kind"] == "attempt"
    assert restored.threada.export_records() == saved.threada.export_records()
    assert current(restored, "ex_456").status == "succeeded"
