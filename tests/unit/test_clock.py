from datetime import UTC, datetime, timedelta

import pytest

from mock_server.core.clock import Clock, ClockMode, isoformat_z

T0 = datetime(2025, 1, 1, tzinfo=UTC)


class FakeWall:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_manual_time_stands_still_until_advanced():
    wall = FakeWall()
    clock = Clock(ClockMode.MANUAL, start=T0, wall=wall)
    wall.now += 60

    assert clock.now() == T0
    clock.advance_to(T0 + timedelta(seconds=5))
    assert clock.now() == T0 + timedelta(seconds=5)


def test_real_time_follows_the_wall_clock_at_its_speed():
    wall = FakeWall()
    clock = Clock(ClockMode.REAL, speed=10, start=T0, wall=wall)
    wall.now += 1.5

    assert clock.now() == T0 + timedelta(seconds=15)
    assert clock.wall_seconds_until(T0 + timedelta(seconds=25)) == pytest.approx(1.0)


def test_switching_mode_keeps_the_current_instant():
    wall = FakeWall()
    clock = Clock(ClockMode.REAL, start=T0, wall=wall)
    wall.now += 3
    clock.configure(mode=ClockMode.MANUAL)
    wall.now += 100

    assert clock.now() == T0 + timedelta(seconds=3)
    assert clock.wall_seconds_until(T0 + timedelta(seconds=9)) is None


def test_time_never_goes_backwards():
    clock = Clock(ClockMode.MANUAL, start=T0)

    with pytest.raises(ValueError, match="cannot move the clock back"):
        clock.advance_to(T0 - timedelta(seconds=1))


def test_speed_must_be_positive():
    with pytest.raises(ValueError, match="greater than 0"):
        Clock(speed=0)


def test_timestamps_are_iso_utc_with_z():
    assert isoformat_z(T0 + timedelta(microseconds=5)) == "2025-01-01T00:00:00.000005Z"
