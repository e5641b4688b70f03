"""Status codes and answers: malformed and unknown ids, files and finalising past the stub
status, the cancel answer and the error envelope."""

from __future__ import annotations

import uuid

from contracts.drift.probe import Probe


def check_ids(probe: Probe) -> None:
    malformed = probe.client.call("GET", "/work-items/not-a-work-item-id")
    probe.judge_error(malformed)
    probe.expect_status(
        malformed, probe.contract.promises.malformed_id_code, "GET of a malformed work item id"
    )
    unknown = probe.client.call("GET", f"/work-items/{uuid.uuid4()}")
    probe.judge_error(unknown)
    probe.expect_status(unknown, 404, "GET of an unknown work item id")


def check_past_the_stub(probe: Probe) -> None:
    """Files and finalising on a queued item: the contract's wrong-status code."""
    if not probe.agents:
        return
    created = probe.create(probe.agents[0])
    work_item_id = created.item.get("work_item_id")
    if not isinstance(work_item_id, str):
        return
    expected = probe.contract.promises.wrong_status_code
    attached = probe.upload(work_item_id)
    probe.judge_error(attached)
    probe.expect_status(attached, expected, "attaching a file to a queued work item")
    finalized = probe.client.call(
        "POST",
        "/work-items",
        json_body={"agent_id": probe.agents[0], "work_item_id": work_item_id},
    )
    probe.judge_error(finalized)
    probe.expect_status(finalized, expected, "finalising a queued work item")
    cancelled = probe.client.call("POST", f"/work-items/{work_item_id}/cancel")
    probe.judge_error(cancelled)
    probe.judge_answer(cancelled, "/work-items/{work_item_id}/cancel", "post", "the cancel answer")
