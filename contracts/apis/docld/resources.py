"""Workflows, schedules, integrations and templates: made, read, changed and deleted."""

from __future__ import annotations

from typing import Any

from contracts.apis.docld.bench import UNUSED_URL, Bench, manual, transform
from contracts.apis.docld.judge import DocldExpect

CRUD = "workflow create, read, list, update, delete"
NOT_FOUND = "an unknown or deleted workflow is 404 not_found_error"
SCHEDULES = "schedule create, read, update, delete; bad cron and time zone refused"
INTEGRATIONS = "integration create, list, update, delete; unknown type refused"
TEMPLATES = "templates list by category and make a workflow"
OUTCOMES = (CRUD, NOT_FOUND, SCHEDULES, INTEGRATIONS, TEMPLATES)
WORKFLOW = "/workflows/{workflow_id}"
SCHEDULE = "/workflows/{workflow_id}/schedule"
INTEGRATION_PATH = "/workflows/integrations"
CRON, OTHER_CRON, ZONE = "0 9 * * 1-5", "30 8 * * *", "America/New_York"


def workflows(bench: Bench) -> None:
    expect, api = bench.expect(CRUD), bench.api
    document = manual(bench.label("crud"), [transform("prepare")])
    made = expect.created(api.create_workflow(document), "workflow")
    path = f"/workflows/{made['id']}"
    read = api.call("GET", path, f"GET {WORKFLOW}")
    if expect.status(read.exchange, 200):
        got = read.record("workflow")
        expect.equal(read.exchange, "workflow.id", got.get("id"), made["id"])
        expect.equal(read.exchange, "workflow.name", got.get("name"), document["name"])
    listed = api.call("GET", "/workflows", "GET /workflows")
    ids = [w.get("id") for w in listed.item.get("workflows") or [] if isinstance(w, dict)]
    expect.true(made["id"] in ids, listed.exchange, f"{made['id']} listed", f"{len(ids)} listed")
    renamed = {**document, "name": bench.label("renamed")}
    updated = api.call("PUT", path, f"PUT {WORKFLOW}", body=renamed)
    if expect.status(updated.exchange, 200):
        got = updated.record("workflow")
        expect.equal(updated.exchange, "workflow.name", got.get("name"), renamed["name"])
    deleted = api.delete_workflow(made["id"])
    expect.require(expect.status(deleted.exchange, 200, 204))
    gone = bench.expect(NOT_FOUND)
    gone.refused(api.call("GET", path, f"GET {WORKFLOW}"), 404, "not_found_error")
    unknown = "/workflows/00000000-0000-4000-8000-00000000dead"
    gone.refused(api.call("GET", unknown, f"GET {WORKFLOW}"), 404, "not_found_error")


def schedules(bench: Bench) -> None:
    """A disabled schedule (it must never fire on a real deployment), changed and deleted."""
    expect, api = bench.expect(SCHEDULES), bench.api
    made = expect.created(
        api.create_workflow(manual(bench.label("scheduled"), [transform("prepare")])), "workflow"
    )
    path = f"/workflows/{made['id']}/schedule"
    schedule = {"cron_expression": CRON, "timezone": ZONE, "enabled": False}
    created = api.call("POST", path, f"POST {SCHEDULE}", body=schedule)
    expect.require(expect.status(created.exchange, 200, 201))
    _schedule_is(expect, created, CRON)
    read = api.call("GET", path, f"GET {SCHEDULE}")
    if expect.status(read.exchange, 200):
        _schedule_is(expect, read, CRON)
    changed = {"cron_expression": OTHER_CRON, "timezone": ZONE}
    updated = api.call("PUT", path, f"PUT {SCHEDULE}", body=changed)
    if expect.status(updated.exchange, 200):
        _schedule_is(expect, updated, OTHER_CRON)
    for body, param in (
        ({"cron_expression": "61 9 * * *", "timezone": ZONE}, "cron_expression"),
        ({"cron_expression": CRON, "timezone": "Mars/Olympus_Mons"}, "timezone"),
    ):
        refused = api.call("PUT", path, f"PUT {SCHEDULE}", body=body)
        expect.refused(refused, 400, "invalid_request_error", (param,))
    deleted = api.call("DELETE", path, f"DELETE {SCHEDULE}")
    expect.require(expect.status(deleted.exchange, 200, 204))
    expect.refused(api.call("GET", path, f"GET {SCHEDULE}"), 404, "not_found_error")


def _schedule_is(expect: DocldExpect, answer: Any, cron: str) -> None:
    got = answer.record("schedule")
    expect.equal(answer.exchange, "schedule.cron_expression", got.get("cron_expression"), cron)
    expect.equal(answer.exchange, "schedule.timezone", got.get("timezone"), ZONE)


def integrations(bench: Bench) -> None:
    expect, api = bench.expect(INTEGRATIONS), bench.api
    document = {
        "name": bench.label("integration"),
        "integration_type": "webhook",
        "config": {"url": UNUSED_URL},
    }
    made = expect.created(api.create_integration(document), "integration")
    listed = api.call("GET", INTEGRATION_PATH, f"GET {INTEGRATION_PATH}")
    ids = [i.get("id") for i in listed.item.get("integrations") or [] if isinstance(i, dict)]
    expect.true(made["id"] in ids, listed.exchange, f"{made['id']} listed", f"{len(ids)} listed")
    renamed = {**document, "name": bench.label("renamed integration")}
    query = {"id": made["id"]}
    updated = api.call(
        "PUT", INTEGRATION_PATH, f"PUT {INTEGRATION_PATH}", body=renamed, params=query
    )
    if expect.status(updated.exchange, 200):
        got = updated.record("integration").get("name")
        expect.equal(updated.exchange, "integration.name", got, renamed["name"])
    pigeon = {**document, "integration_type": "carrier_pigeon"}
    refused = api.create_integration(pigeon)
    expect.refused(refused, 400, "invalid_request_error", ("integration_type",))
    expect.require(expect.status(api.delete_integration(made["id"]).exchange, 200, 204))
    again = api.delete_integration(made["id"])
    expect.refused(again, 404, "not_found_error")


def templates(bench: Bench) -> None:
    expect, api = bench.expect(TEMPLATES), bench.api
    path = "/workflows/templates"
    listed = api.call("GET", path, f"GET {path}")
    expect.require(expect.status(listed.exchange, 200))
    every = [t for t in listed.item.get("templates") or [] if isinstance(t, dict)]
    expect.require(
        expect.true(bool(every), listed.exchange, "some templates", listed.exchange.summary())
    )
    known = {"invoice", "contract", "resume", "general"}
    odd = sorted({str(t.get("category")) for t in every} - known)
    expect.true(not odd, listed.exchange, f"categories among {sorted(known)}", f"also {odd}")
    invoices = api.call("GET", path, f"GET {path}", params={"category": "invoice"})
    if expect.status(invoices.exchange, 200):
        found = [t.get("category") for t in invoices.item.get("templates") or []]
        wrong = [c for c in found if c != "invoice"]
        expect.true(not wrong, invoices.exchange, "only invoice templates", f"also {wrong}")
    template = every[0]
    made = expect.created(
        api.create_from_template({"template_id": template["id"], "name": bench.label("template")}),
        "workflow",
    )
    api.delete_workflow(made["id"])  # it may listen to events: gone before anything fires
    steps = [s.get("id") for s in (made.get("definition") or {}).get("steps") or []]
    wanted = [s.get("id") for s in (template.get("definition") or {}).get("steps") or []]
    expect.true(steps == wanted, None, f"the template's steps {wanted}", f"steps {steps}")
    unknown = api.create_from_template({"template_id": "no-such-template-0000"})
    expect.refused(unknown, 404, "not_found_error")
