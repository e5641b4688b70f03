"""Input rules the contract's schema cannot express: title length, decisions in any case."""

from __future__ import annotations

from mock_server.core.errors import ValidationFailed

TITLE_LIMIT = 70  # FIDELITY: "truncated to ~70 chars"; cut to 67 plus "..." (inferred)
DECISIONS = {"CONFIRMED": "confirm", "REJECTED": "reject"}


def truncate_title(title: str) -> str:
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 3] + "..."


def decision(status: str) -> str:
    """`confirm` or `reject` from CONFIRMED/REJECTED in any case, else ValidationFailed."""
    verdict = DECISIONS.get(status.strip().upper())
    if verdict is None:
        raise ValidationFailed(
            f"status must be CONFIRMED or REJECTED, not {status!r}",
            field="body.status",
            issue="must be CONFIRMED or REJECTED (in any case)",
        )
    return verdict
