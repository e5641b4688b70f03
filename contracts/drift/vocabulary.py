"""Status names: which the list filter takes, what upload-file creates, where agent runs end."""

from __future__ import annotations

from contracts.drift.probe import Probe
from contracts.drift.promises import KNOWN_STATUSES

IN_PROGRESS = ("PENDING", "EXECUTING")  # both vocabularies share these


def check_filters(probe: Probe) -> None:
    """Every documented status is a valid filter, and every other known name is refused."""
    documented = probe.contract.enum("WorkItemStatus")
    for status in KNOWN_STATUSES + tuple(s for s in documented if s not in KNOWN_STATUSES):
        answer = probe.client.call(
            "GET", "/work-items", params={"work_item_status": status, "limit": 1}
        )
        probe.judge_error(answer)
        if status in documented and answer.status != 200:
            probe.find(
                "status names",
                f"status {status} is refused as a filter ({answer.status})",
                f"{status} is a status",
                answer,
            )
        elif status not in documented and answer.status == 200:
            probe.find(
                "status names",
                f"status {status} is accepted as a filter",
                f"no status {status}; the statuses are {', '.join(documented)}",
                answer,
            )


def check_stub(probe: Probe) -> None:
    """upload-file without a work item creates one in the contract's stub status."""
    uploaded = probe.upload()
    probe.judge_error(uploaded)
    work_item_id = uploaded.item.get("work_item_id")
    if uploaded.status != 200 or not isinstance(work_item_id, str):
        probe.drift.notes.append(f"upload-file answered {uploaded.status}; stub not checked")
        return
    read = probe.get(work_item_id)
    status = read.item.get("status")
    stub = probe.contract.promises.stub_status
    if status != stub:
        probe.find("status names", f"upload-file creates a work item in {status}", stub, read)


def check_outcomes(probe: Probe) -> None:
    """Run one work item per agent to the end of its run; each end status must be documented."""
    documented = probe.contract.enum("WorkItemStatus")
    started = {}
    for agent in probe.agents:
        created = probe.create(agent)
        probe.judge_error(created)
        if isinstance(created.item.get("work_item_id"), str):
            started[agent] = created.item["work_item_id"]
    statuses: dict[str, str | None] = {}

    def all_ended() -> bool:
        for agent, item_id in started.items():
            if statuses.get(agent) in (None, *IN_PROGRESS):
                statuses[agent] = probe.status_of(item_id)
        return all(s not in (None, *IN_PROGRESS) for s in statuses.values())

    if not probe.time.until(all_ended):
        waiting = [a for a, s in statuses.items() if s in (None, *IN_PROGRESS)]
        probe.drift.notes.append(f"runs of agents {', '.join(waiting)} had not ended in time")
    for agent, status in statuses.items():
        if status is None or status in IN_PROGRESS:
            continue
        probe.outcomes[agent] = status
        if status not in documented:
            read = probe.get(started[agent])
            probe.find(
                "status names",
                f"an agent run ends in {status}",
                f"a run ends in one of {', '.join(documented)}",
                read,
            )
