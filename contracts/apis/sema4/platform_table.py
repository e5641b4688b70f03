"""The running platform's lifecycle, written down independently of any implementation: the
oracle for `verify --profile platform` (sema4-platform-behaviour.md sections 3-5 and 8)."""

from __future__ import annotations

STATUSES = (
    "DRAFT",
    "PENDING",
    "EXECUTING",
    "NEEDS_REVIEW",
    "COMPLETED",
    "ERROR",
    "CANCELLED",
    "INDETERMINATE",
)

# action -> (statuses it is legal from, status it leads to); the endpoint x status matrix of
# section 5.3. `finalize` is a create with `work_item_id`; `attach_file` is upload-file with
# `?work_item_id=`. Restart is legal from EXECUTING (it stops the run, since 2025-12-11).
ACTIONS: dict[str, tuple[frozenset[str], str]] = {
    "continue": (
        frozenset({"DRAFT", "NEEDS_REVIEW", "INDETERMINATE", "COMPLETED", "ERROR", "CANCELLED"}),
        "PENDING",
    ),
    "restart": (
        frozenset(
            {"EXECUTING", "NEEDS_REVIEW", "INDETERMINATE", "COMPLETED", "ERROR", "CANCELLED"}
        ),
        "PENDING",
    ),
    "cancel": (frozenset({"DRAFT", "PENDING", "EXECUTING"}), "CANCELLED"),
    "complete": (
        frozenset({"EXECUTING", "NEEDS_REVIEW", "INDETERMINATE", "ERROR", "CANCELLED"}),
        "COMPLETED",
    ),
    "finalize": (frozenset({"DRAFT"}), "PENDING"),
    "attach_file": (frozenset({"DRAFT"}), "DRAFT"),
}
CLIENT_ACTIONS = ("continue", "restart", "cancel", "complete")

# Illegal lifecycle moves are 412 "Cannot <verb> work item from status <S>."; the file and
# finalise endpoints refuse with 400 and these messages instead.
REFUSED_WITH_400: dict[str, str] = {
    "attach_file": "Files can only be attached to work-items in the DRAFT state. "
    "Currently in {status}",
    "finalize": "Work item has been previously started. Currently in {status}",
}

# What the platform's worker and agent do on their own: claim a queued item, then end the run.
AGENT_MOVES: dict[str, frozenset[str]] = {
    "PENDING": frozenset({"EXECUTING"}),
    "EXECUTING": frozenset({"NEEDS_REVIEW", "COMPLETED", "ERROR", "INDETERMINATE"}),
}

# Callbacks: the statuses `on_status` accepts (422 otherwise), its default, the body's fields.
CALLBACK_STATUSES = ("COMPLETED", "ERROR", "NEEDS_REVIEW", "CANCELLED", "INDETERMINATE")
CALLBACK_DEFAULT_STATUS = "NEEDS_REVIEW"
CALLBACK_FIELDS = ("work_item_id", "agent_id", "thread_id", "status", "work_item_url", "agent_name")
CALLBACK_USER_AGENT = "Sema4AI-WorkItems-Callback/1.0"

UPDATED_BY = ("SYSTEM", "AGENT", "HUMAN")  # status_updated_by
COMPLETED_BY = ("AGENT", "HUMAN")  # completed_by, or null
NOT_FOUND_MESSAGE = "A work item with the given ID was not found"
NAME_LIMIT = 255  # longer names are cut to 252 characters and "..."


def is_legal(action: str, status: str) -> bool:
    return status in ACTIONS[action][0]


def target_of(action: str) -> str:
    return ACTIONS[action][1]


def refusal_code(action: str) -> int:
    """The status code an illegal `action` is refused with."""
    return 400 if action in REFUSED_WITH_400 else 412


def refusal_message(action: str, status: str) -> str:
    if action in REFUSED_WITH_400:
        return REFUSED_WITH_400[action].format(status=status)
    return f"Cannot {action} work item from status {status}."


def default_name(work_item_id: str) -> str:
    return f"Work Item {work_item_id}"


def agent_closure(status: str) -> frozenset[str]:
    """`status` and every status the platform's agent can move an item on to from it."""
    found, frontier = {status}, [status]
    while frontier:
        for following in AGENT_MOVES.get(frontier.pop(), ()):
            if following not in found:
                found.add(following)
                frontier.append(following)
    return frozenset(found)
