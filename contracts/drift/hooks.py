"""Webhooks: which statuses take a callback, whether on_status may be left out, when callbacks
fire, how often a refused one is retried and what its body holds."""

from __future__ import annotations

import json
import secrets

from contracts.drift.findings import Evidence
from contracts.drift.probe import Probe
from contracts.drift.promises import KNOWN_STATUSES
from contracts.drift.shapes import departures

REFUSING = "/refused"  # the receiver answers 500 under this path
RETRY_WINDOW = 15.0  # seconds after a first refused delivery in which retries must come


def check_callback_rules(probe: Probe) -> None:
    if not probe.agents:
        return
    agent, url = probe.agents[0], f"{probe.hooks.url}/rules"
    bare = probe.create(agent, callbacks=[{"url": url}])
    probe.judge_error(bare)
    required = probe.contract.promises.on_status_required
    probe.expect_status(bare, 422 if required else 200, "a callback without on_status")
    documented = probe.contract.enum("CallbackStatus")
    for status in KNOWN_STATUSES:
        answer = probe.create(agent, callbacks=[{"url": url, "on_status": status}])
        probe.judge_error(answer)
        if status in documented and answer.status != 200:
            probe.find(
                "webhooks",
                f"a callback for {status} is refused ({answer.status})",
                f"callbacks may be registered for {status}",
                answer,
            )
        elif status not in documented and answer.status == 200:
            probe.find(
                "webhooks",
                f"a callback for {status} is accepted",
                f"callbacks only for {', '.join(documented)}",
                answer,
            )


def _outcome_with_callbacks(probe: Probe) -> tuple[str, str] | None:
    """An agent whose run ended in a status callbacks can be registered for (COMPLETED first)."""
    documented = probe.contract.enum("CallbackStatus")
    ended = [(a, s) for a, s in probe.outcomes.items() if s in documented]
    return next((p for p in ended if p[1] == "COMPLETED"), ended[0] if ended else None)


def check_refused_delivery(probe: Probe) -> None:
    """A callback whose receiver answers 500: how often it comes, and what it carries."""
    chosen = _outcome_with_callbacks(probe)
    if chosen is None:
        probe.drift.notes.append("no agent run ended in a callback status; deliveries not checked")
        return
    agent, status = chosen
    path = f"{REFUSING}/{secrets.token_hex(4)}"
    created = probe.create(agent, callbacks=[{"url": probe.hooks.url + path, "on_status": status}])
    if created.status != 200:
        return
    if not probe.time.until(lambda: bool(probe.hooks.inbox.under(path))):
        probe.find("webhooks", f"no callback for {status} arrived", f"a POST on {status}", created)
        return
    probe.time.let_pass(RETRY_WINDOW)
    got = probe.hooks.inbox.under(path)
    first = got[0].body.decode("utf-8", errors="replace")
    seen = Evidence(f"callback for {status} to {probe.hooks.url}{path}", first[:300])
    attempts = probe.contract.promises.attempts_when_refused
    if len(got) != attempts:
        times = "once" if len(got) == 1 else f"{len(got)} times"
        probe.find(
            "webhooks",
            f"a callback the receiver refuses (500) is sent {times}",
            f"{attempts} attempts",
            seen,
        )
    try:
        body = json.loads(first)
    except ValueError:
        body = first
    for departure in departures(body, probe.contract.schema("CallbackPayload")):
        said = departure.expected("CallbackPayload")
        probe.find("webhooks", departure.describe("the callback body"), said, seen)


def check_callback_on_cancel(probe: Probe) -> None:
    """A person's cancel: the documented API announces the status reached, the platform not."""
    if not probe.agents or "CANCELLED" not in probe.contract.enum("CallbackStatus"):
        return
    path = f"/cancelled/{secrets.token_hex(4)}"
    callbacks = [{"url": probe.hooks.url + path, "on_status": "CANCELLED"}]
    created = probe.create(probe.agents[0], callbacks=callbacks)
    work_item_id = created.item.get("work_item_id")
    if not isinstance(work_item_id, str):
        return
    cancelled = probe.client.call("POST", f"/work-items/{work_item_id}/cancel")
    if cancelled.status != 200:
        return
    probe.time.let_pass(5.0)
    arrived = probe.hooks.inbox.under(path)
    if probe.contract.promises.callbacks_on_api_actions and not arrived:
        probe.find(
            "webhooks",
            "cancel fires no CANCELLED callback",
            "a callback on every status an item reaches",
            cancelled,
        )
    elif not probe.contract.promises.callbacks_on_api_actions and arrived:
        probe.find(
            "webhooks",
            "cancel fires the CANCELLED callback",
            "callbacks only when an agent run ends",
            Evidence(cancelled.curl, arrived[0].body.decode("utf-8", errors="replace")[:300]),
        )
