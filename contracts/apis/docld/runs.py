"""Executions: started `running`, refused for a disabled workflow, and ended `completed` or
`failed` with an `execution_log` entry per step reached (a false condition skipping the rest)."""

from __future__ import annotations

from typing import Any

from contracts.apis.docld.api import Answer
from contracts.apis.docld.bench import Bench, condition, manual, transform
from contracts.apis.docld.judge import DocldExpect

EXECUTE = "execute answers {execution_id, status: running, started_at}"
DISABLED = "a disabled workflow is not executed"
COMPLETED = "an execution completes with a log entry per step"
SKIPPED = "a false condition completes the execution, the rest logged skipped"
FAILED = "a failing step fails the execution, logged with its error"
OUTCOMES = (EXECUTE, DISABLED, COMPLETED, SKIPPED, FAILED)
STEPS = ["prepare", "check", "finish"]


def started(expect: DocldExpect, answer: Answer) -> str:
    """The execution id an execute answered; stops the case when there is none."""
    exchange = answer.exchange
    expect.require(expect.status(exchange, 200, 201, 202))
    execution_id = answer.item.get("execution_id")
    expect.require(
        expect.true(isinstance(execution_id, str), exchange, "an execution_id", exchange.summary())
    )
    return str(execution_id)


def execute_answer(expect: DocldExpect, answer: Answer) -> None:
    """`{execution_id, status: "running", started_at}`, whatever happens next."""
    if not expect.status(answer.exchange, 200, 201, 202):
        return
    body, exchange = answer.item, answer.exchange
    execution_id = body.get("execution_id")
    expect.true(isinstance(execution_id, str), exchange, "an execution_id", exchange.summary())
    expect.equal(exchange, "status", body.get("status"), "running")
    when = body.get("started_at")
    expect.true(_timestamp(when), exchange, "started_at an ISO-8601 time", f"started_at = {when!r}")


def disabled(bench: Bench) -> None:
    expect = bench.expect(DISABLED)
    document = manual(bench.label("disabled"), [transform("prepare")], enabled=False)
    workflow = expect.created(bench.api.create_workflow(document), "workflow")
    expect.refused(bench.api.execute(workflow["id"], {}), 400, "invalid_request_error")
    listed = bench.api.executions(workflow["id"])
    if expect.status(listed.exchange, 200):
        runs = listed.item.get("executions")
        expect.true(runs == [], listed.exchange, "no execution", f"executions = {runs!r}")


def completed(bench: Bench) -> None:
    """Every step completes (the condition holds)."""
    expect = bench.expect(COMPLETED)
    workflow = expect.created(bench.api.create_workflow(_branching(bench)), "workflow")
    answer = bench.api.execute(workflow["id"], {"route": "go"})
    execute_answer(bench.expect(EXECUTE), answer)
    execution_id = started(expect, answer)
    _in_progress(expect, bench.execution(workflow["id"], execution_id))
    run = _settled(bench, expect, workflow["id"], execution_id, "completed")
    _log(expect, run, [(step, "completed") for step in STEPS])


def skipped(bench: Bench) -> None:
    """The condition does not hold: the step after it is skipped, the execution completes."""
    expect = bench.expect(SKIPPED)
    workflow = expect.created(bench.api.create_workflow(_branching(bench)), "workflow")
    answer = bench.api.execute(workflow["id"], {"route": "stop"})
    run = _settled(bench, expect, workflow["id"], started(expect, answer), "completed")
    _log(expect, run, [("prepare", "completed"), ("check", "completed"), ("finish", "skipped")])


def failed(bench: Bench) -> None:
    expect = bench.expect(FAILED)
    workflow_id = bench.failing_workflow(expect)
    answer = bench.api.execute(workflow_id, {"route": "go"})
    run = _settled(bench, expect, workflow_id, started(expect, answer), "failed")
    entries = _log(expect, run, [("prepare", "completed"), ("notify", "failed")])
    if entries:
        error = entries[-1].get("error")
        expect.true(bool(error), None, "the failed step's error", f"error = {error!r}")
    expect.true(
        bool(run.get("error")), None, "the execution's error", f"error = {run.get('error')!r}"
    )


def _branching(bench: Bench) -> dict[str, Any]:
    steps = [transform("prepare"), condition("check", "route", "go"), transform("finish")]
    return manual(bench.label("branching"), steps)


def _in_progress(expect: DocldExpect, run: dict[str, Any]) -> None:
    """While it runs (on the emulator's stopped clock, always), the log shows how far it got:
    the steps done `completed`, the current one `running`."""
    if run.get("status") != "running":
        return
    log = run.get("execution_log")
    statuses = (
        [e.get("status") for e in log if isinstance(e, dict)] if isinstance(log, list) else []
    )
    ok = bool(statuses) and statuses[-1] == "running" and set(statuses[:-1]) <= {"completed"}
    shown = f"execution_log statuses {statuses}"
    expect.true(ok, None, "a running execution logs its steps done, then one running", shown)


def _settled(
    bench: Bench, expect: DocldExpect, workflow_id: str, execution_id: str, status: str
) -> dict[str, Any]:
    """The execution once it ended, checked to be `status`; stops the case otherwise."""
    run = bench.settle(workflow_id, execution_id)
    expect.require(
        expect.true(
            run.get("status") == status,
            None,
            f"execution {execution_id} {status} within {bench.waited}",
            f"status {run.get('status')!r}" if run else "not listed by execution_id",
        )
    )
    expect.true(
        _timestamp(run.get("completed_at")),
        None,
        "completed_at set once it ended",
        f"completed_at = {run.get('completed_at')!r}",
    )
    return run


def _log(
    expect: DocldExpect, run: dict[str, Any], wanted: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    """The execution_log, checked to be one entry per step reached, in order."""
    log = run.get("execution_log")
    entries = [e for e in log if isinstance(e, dict)] if isinstance(log, list) else []
    got = [(e.get("step_id"), e.get("status")) for e in entries]
    expect.true(got == wanted, None, f"execution_log {wanted}", f"execution_log {got}")
    return entries


def _timestamp(value: Any) -> bool:
    return isinstance(value, str) and len(value) >= 19 and value[10] == "T"
