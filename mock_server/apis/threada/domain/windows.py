"""Time ranges from query text: instants with an offset, and the bounded export window.

FIDELITY: "prefer bounded windows for large telemetry exports". INFERRED: that an unbounded
or wider than 31-day export window is refused rather than cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from mock_server.apis.threada.domain.errors import (
    InvalidTimeWindow,
    WindowTooWide,
    WindowUnbounded,
)
from mock_server.core.clock import isoformat_z

MAX_EXPORT_WINDOW = timedelta(days=31)


def parse_instant(text: str | None, field: str) -> datetime | None:
    """An ISO-8601 instant with a UTC offset (`Z` or `+02:00`), in UTC; None when absent."""
    if text is None:
        return None
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidTimeWindow(
            f"{field} must be an ISO-8601 instant, not {text!r}.",
            field=field,
            issue="expected e.g. 2026-02-04T18:32:11Z",
        ) from None
    if instant.tzinfo is None:
        raise InvalidTimeWindow(
            f"{field} must carry a UTC offset: {text!r} has none.",
            field=field,
            issue="add Z or an offset such as +00:00",
        )
    return instant.astimezone(UTC)


@dataclass(frozen=True)
class Window:
    """`[start, end)`; either end may be open for lists, never for exports."""

    start: datetime | None = None
    end: datetime | None = None

    @classmethod
    def parse(cls, start: str | None, end: str | None) -> Window:
        window = cls(parse_instant(start, "query.from"), parse_instant(end, "query.to"))
        if window.start is not None and window.end is not None and window.end <= window.start:
            raise InvalidTimeWindow(
                f"The window must end after it starts: from is {start}, to is {end}.",
                field="query.to",
                issue="to must be later than from",
            )
        return window

    def bounded(self, widest: timedelta = MAX_EXPORT_WINDOW) -> tuple[datetime, datetime]:
        """Both ends, no further apart than `widest`; else the validation error saying why."""
        if self.start is None or self.end is None:
            missing = " and ".join(n for n, v in (("from", self.start), ("to", self.end)) if not v)
            raise WindowUnbounded(
                f"Exports need a bounded time window (from and to, at most {widest.days} days "
                f"apart); missing: {missing}.",
                field=f"query.{'from' if self.start is None else 'to'}",
                issue=f"at most {widest.days} days between from and to",
            )
        if self.end - self.start > widest:
            raise WindowTooWide(
                f"The window from {isoformat_z(self.start)} to {isoformat_z(self.end)} is wider "
                f"than {widest.days} days, the most an export spans. Export it in parts.",
                field="query.to",
                issue=f"at most {widest.days} days after from",
            )
        return self.start, self.end

    def holds(self, instant: datetime) -> bool:
        return (self.start is None or instant >= self.start) and (
            self.end is None or instant < self.end
        )
