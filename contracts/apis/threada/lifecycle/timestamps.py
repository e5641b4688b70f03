"""Instants as Threada writes them (ISO-8601 with an offset), moved by some seconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def parse(instant: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(instant)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def written(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def shifted(instant: str, seconds: float) -> str:
    """`instant` moved by `seconds`; as given when it is not an instant (the target's fault,
    which the request it goes into then shows)."""
    parsed = parse(instant)
    return written(parsed + timedelta(seconds=seconds)) if parsed else instant
