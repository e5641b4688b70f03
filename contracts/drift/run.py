"""Runs every drift check against a target and collects what departs from the contract."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import requests

from contracts.control import ControlPlane, has_control_plane
from contracts.drift import codes, hooks, vocabulary
from contracts.drift.clock import Time
from contracts.drift.findings import Drift
from contracts.drift.probe import Probe
from contracts.drift.promises import contract
from contracts.http import Client, LimitedSession, RateLimiter, Tracker
from contracts.smoke import smoke_test
from contracts.target import Target
from contracts.webhooks.receiver import Receiver

Check = Callable[[Probe], None]
# In this order: the outcomes of agent runs are what the delivery checks build on.
CHECKS: tuple[tuple[str, Check], ...] = (
    ("status filters", vocabulary.check_filters),
    ("upload-file stub", vocabulary.check_stub),
    ("agent run outcomes", vocabulary.check_outcomes),
    ("ids", codes.check_ids),
    ("files and finalising past the stub", codes.check_past_the_stub),
    ("callback rules", hooks.check_callback_rules),
    ("a refused callback", hooks.check_refused_delivery),
    ("callbacks on cancel", hooks.check_callback_on_cancel),
)
MAX_AGENTS = 5


def agents_of(client: Client, given: Sequence[str]) -> list[str]:
    """The agents to run work items with: those given, else the target's `GET /agents`."""
    if given:
        return list(given)
    answer = client.call("GET", "/agents", params={"limit": MAX_AGENTS})
    data = answer.item.get("data") if answer.status == 200 else None
    if not isinstance(data, list):
        return []
    return [a["id"] for a in data if isinstance(a, dict) and isinstance(a.get("id"), str)]


def run_drift(
    target: Target,
    profile: str = "documented",
    *,
    agent_ids: Sequence[str] = (),
    progress: Callable[[str], None] = lambda line: None,
) -> Drift:
    """Every behaviour of `profile`'s contract the target departs from, with evidence."""
    chosen = contract(profile)
    drift = Drift(target.root, profile, chosen.path.name)
    session = LimitedSession(RateLimiter(target.rate_limit))
    problem = smoke_test(target, session)
    if problem is not None:
        drift.fatal = problem
        return drift
    control = ControlPlane(target, session) if has_control_plane(target, session) else None
    tracker = Tracker()
    client = Client(target, session, tracker)
    agents = agents_of(client, agent_ids)
    if not agents:
        drift.notes.append("no agent: GET /agents listed none and no --agent-id was given")
    receiver = Receiver(target.webhook_host, target.webhook_port, target.webhook_public_url,
                        refusing=hooks.REFUSING)  # fmt: skip
    with receiver:
        probe = Probe(client, chosen, drift, Time(control, target.poll_timeout), agents, receiver)
        for name, check in CHECKS:
            progress(f"{name}...")
            check(probe)
    clean_up(client, tracker)
    return drift


def clean_up(client: Client, tracker: Tracker) -> None:
    """Delete what the run created (cancel where the target cannot delete)."""
    for work_item_id in tracker.ids():
        try:
            if client.call("DELETE", f"/work-items/{work_item_id}").status not in (200, 404):
                client.call("POST", f"/work-items/{work_item_id}/cancel")
        except requests.RequestException:
            continue
