"""Five-field cron expressions and IANA time zones: parse, check, and find the next firing.

Written here rather than taken from croniter: the emulator needs only the classic five fields
and "when next, in this zone", about a hundred lines, and a dependency would bring its own
extensions (seconds, `L`, `#`) that DocLD's examples never use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
WEEKDAYS = {
    name: number for number, name in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))
}
# (name, lowest, highest, names) of the five fields, in order.
FieldSpec = tuple[str, int, int, dict[str, int]]
FIELDS: tuple[FieldSpec, ...] = (
    ("minute", 0, 59, {}),
    ("hour", 0, 23, {}),
    ("day of month", 1, 31, {}),
    ("month", 1, 12, MONTHS),
    ("day of week", 0, 7, WEEKDAYS),  # 0 and 7 are both Sunday
)
PART = re.compile(r"^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:/(\d+))?$")
SEARCH_DAYS = 9 * 366  # a 29 February can be eight years away (2096 to 2104)


class CronError(ValueError):
    """The expression or zone is not one the emulator can run; the message says why."""


@dataclass(frozen=True, slots=True)
class Cron:
    text: str
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]  # 0 = Sunday
    days_restricted: bool
    weekdays_restricted: bool

    @classmethod
    def parse(cls, text: str) -> Cron:
        fields = text.split()
        if len(fields) != 5:
            raise CronError(
                f"cron expression {text!r} has {len(fields)} fields; it needs five "
                "(minute hour day-of-month month day-of-week), e.g. '0 9 * * 1-5'"
            )
        values = [_field(raw.lower(), spec) for raw, spec in zip(fields, FIELDS, strict=True)]
        minutes, hours, days, months, weekdays = values
        return cls(
            text=" ".join(fields),
            minutes=tuple(sorted(minutes)),
            hours=tuple(sorted(hours)),
            days=frozenset(days),
            months=frozenset(months),
            weekdays=frozenset(d % 7 for d in weekdays),
            days_restricted=fields[2] != "*",
            weekdays_restricted=fields[4] != "*",
        )

    def matches_day(self, day: date) -> bool:
        """As classic cron: when both day fields are restricted, either one may match."""
        if day.month not in self.months:
            return False
        by_day = day.day in self.days
        by_weekday = (day.isoweekday() % 7) in self.weekdays
        if self.days_restricted and self.weekdays_restricted:
            return by_day or by_weekday
        return by_day and by_weekday

    def next_after(self, after: datetime, zone: ZoneInfo) -> datetime | None:
        """The first instant strictly after `after` whose wall time in `zone` matches (UTC),
        or None if none comes within nine years (a 30 February, say).

        DEVIATION (inferred): a wall time a daylight-saving jump skips never fires, and one it
        repeats fires once (the first time); cron implementations differ on both.
        """
        local_day = after.astimezone(zone).date()
        for offset in range(SEARCH_DAYS):
            day = local_day + timedelta(days=offset)
            if not self.matches_day(day):
                continue
            for hour in self.hours:
                for minute in self.minutes:
                    wall = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
                    instant = wall.astimezone(UTC)
                    if instant > after and _exists(wall, instant, zone):
                        return instant
        return None


def _exists(wall: datetime, instant: datetime, zone: ZoneInfo) -> bool:
    """False for a wall time inside a spring-forward gap (it maps to another wall time)."""
    back = instant.astimezone(zone)
    return (back.hour, back.minute) == (wall.hour, wall.minute)


def _field(raw: str, spec: FieldSpec) -> set[int]:
    name, low, high, names = spec
    found: set[int] = set()
    for part in raw.split(","):
        match = PART.match(part)
        if match is None:
            raise CronError(f"{name} field {raw!r}: {part!r} is not a value, range or step")
        span, step_text = match.groups()
        step = int(step_text) if step_text else 1
        if step < 1:
            raise CronError(f"{name} field {raw!r}: a step must be at least 1")
        if span == "*":
            first, last = low, high
        else:
            ends = [_value(text, name, low, high, names) for text in span.split("-")]
            first = ends[0]
            # `5/20` runs from 5 to the field's end; `5` alone is just 5.
            last = ends[1] if len(ends) == 2 else (high if step_text else first)
            if first > last:
                raise CronError(f"{name} field {raw!r}: range {span} runs backwards")
        found.update(range(first, last + 1, step))
    return found


def _value(text: str, name: str, low: int, high: int, names: dict[str, int]) -> int:
    if text in names:
        return names[text]
    if not text.isdigit():
        raise CronError(f"{name} field: {text!r} is not a number or a known name")
    value = int(text)
    if not low <= value <= high:
        raise CronError(f"{name} field: {value} is outside {low}-{high}")
    return value


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def zone_named(name: str) -> ZoneInfo:
    """The IANA time zone called `name` (`America/New_York`), or CronError."""
    if name not in _zone_names():
        raise CronError(f"{name!r} is not an IANA time zone name, e.g. 'America/New_York'")
    return ZoneInfo(name)


def first_firing(expression: str, zone_name: str, after: datetime) -> tuple[Cron, datetime]:
    """The parsed expression and when it first fires after `after`; CronError if never."""
    cron, zone = Cron.parse(expression), zone_named(zone_name)
    first = cron.next_after(after, zone)
    if first is None:
        raise CronError(f"cron expression {cron.text!r} never matches a date")
    return cron, first
