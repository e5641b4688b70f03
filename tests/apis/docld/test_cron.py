"""The cron matcher: five fields, ranges, steps and names, in a time zone, across DST."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mock_server.apis.docld.domain.cron import Cron, CronError, first_firing, zone_named

NEW_YORK = zone_named("America/New_York")


def _firings(expression: str, after: datetime, count: int, zone=NEW_YORK) -> list[str]:
    cron, found = Cron.parse(expression), []
    for _ in range(count):
        upcoming = cron.next_after(after, zone)
        assert upcoming is not None
        found.append(upcoming.astimezone(zone).strftime("%a %Y-%m-%d %H:%M"))
        after = upcoming
    return found


def test_weekdays_at_nine_in_new_york_skip_the_weekend():
    after = datetime(2025, 1, 16, 15, 0, tzinfo=UTC)  # Thursday 10:00 in New York

    assert _firings("0 9 * * 1-5", after, 3) == [
        "Fri 2025-01-17 09:00",
        "Mon 2025-01-20 09:00",
        "Tue 2025-01-21 09:00",
    ]


def test_the_next_firing_is_strictly_after_the_instant_given():
    at_nine = datetime(2025, 1, 15, 14, 0, tzinfo=UTC)  # Wednesday 09:00 in New York

    assert Cron.parse("0 9 * * *").next_after(at_nine, NEW_YORK) == datetime(
        2025, 1, 16, 14, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("0 0 * * 0", "Sun 2025-01-19 00:00"),
        ("0 0 * * 7", "Sun 2025-01-19 00:00"),
        ("0 0 1 * *", "Sat 2025-02-01 00:00"),
        ("*/20 10 * * *", "Wed 2025-01-15 10:20"),
        ("0 12 * feb mon", "Mon 2025-02-03 12:00"),
        ("30 8-10/2 * * *", "Wed 2025-01-15 10:30"),
        ("0 0 13 * fri", "Fri 2025-01-17 00:00"),  # either day field may match
    ],
)
def test_documented_patterns_names_steps_and_either_day_field(expression, expected):
    after = datetime(2025, 1, 15, 15, 5, tzinfo=UTC)  # Wednesday 10:05 in New York

    assert _firings(expression, after, 1) == [expected]


def test_a_wall_time_skipped_by_spring_forward_does_not_fire_that_day():
    after = datetime(2025, 3, 8, 12, 0, tzinfo=UTC)  # 2:30 does not exist on 9 March

    assert _firings("30 2 * * *", after, 2) == ["Mon 2025-03-10 02:30", "Tue 2025-03-11 02:30"]


def test_a_wall_time_repeated_by_fall_back_fires_once():
    after = datetime(2025, 11, 2, 4, 0, tzinfo=UTC)  # midnight, the night 1:30 repeats

    assert _firings("30 1 * * *", after, 2) == ["Sun 2025-11-02 01:30", "Mon 2025-11-03 01:30"]


@pytest.mark.parametrize(
    ("expression", "complaint"),
    [
        ("0 9 * *", "has 4 fields; it needs five"),
        ("@daily", "has 1 fields"),
        ("60 9 * * *", "minute field: 60 is outside 0-59"),
        ("0 9-7 * * *", "runs backwards"),
        ("0 9 * * mon-funday", "not a number or a known name"),
        ("*/0 * * * *", "a step must be at least 1"),
        ("0 0 0 * *", "day of month field: 0 is outside 1-31"),
    ],
)
def test_malformed_expressions_are_refused_with_the_field_named(expression, complaint):
    with pytest.raises(CronError, match=complaint):
        Cron.parse(expression)


def test_an_expression_that_never_matches_and_an_unknown_zone_are_refused():
    now = datetime(2025, 1, 15, tzinfo=UTC)

    with pytest.raises(CronError, match="never matches a date"):
        first_firing("0 0 30 2 *", "UTC", now)
    with pytest.raises(CronError, match="not an IANA time zone"):
        first_firing("0 9 * * *", "Eastern Standard Time", now)
    with pytest.raises(CronError, match="not an IANA time zone"):
        zone_named("../etc/passwd")
