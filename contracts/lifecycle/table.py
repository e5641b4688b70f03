"""The documented lifecycle, written down independently of any implementation: the oracle."""

from __future__ import annotations

STATUSES = ("PRECREATED", "PENDING", "EXECUTING", "PAUSED", "COMPLETED", "FAILED", "CANCELLED")

# action -> (statuses it is legal from, status it leads to). `finalize` is a create with
# `work_item_id`; `attach_file` is upload-file with `work_item_id`.
ACTIONS: dict[str, tuple[frozenset[str], str]] = {
    "continue": (frozenset({"PAUSED", "FAILED", "CANCELLED"}), "PENDING"),
    "restart": (frozenset({"EXECUTING", "PAUSED", "COMPLETED", "FAILED", "CANCELLED"}), "PENDING"),
    "cancel": (frozenset({"PRECREATED", "PENDING", "EXECUTING", "PAUSED"}), "CANCELLED"),
    "complete": (frozenset({"EXECUTING", "PAUSED", "FAILED", "CANCELLED"}), "COMPLETED"),
    "finalize": (frozenset({"PRECREATED"}), "PENDING"),
    "attach_file": (frozenset({"PRECREATED"}), "PRECREATED"),
}
CLIENT_ACTIONS = ("continue", "restart", "cancel", "complete")

# What an agent may do on its own: pick a queued item up, then pause, complete or fail it.
AGENT_MOVES: dict[str, frozenset[str]] = {
    "PENDING": frozenset({"EXECUTING"}),
    "EXECUTING": frozenset({"PAUSED", "COMPLETED", "FAILED"}),
}


def is_legal(action: str, status: str) -> bool:
    return status in ACTIONS[action][0]


def target_of(action: str) -> str:
    return ACTIONS[action][1]


def agent_closure(status: str) -> frozenset[str]:
    """`status` and every status an agent can move an item on to from it."""
    found, frontier = {status}, [status]
    while frontier:
        for following in AGENT_MOVES.get(frontier.pop(), ()):
            if following not in found:
                found.add(following)
                frontier.append(following)
    return frozenset(found)
