from mock_server.core.clock import MAX_WALL_PAUSE, stopwatch, wall_pause


def test_a_wall_pause_is_bounded_to_a_minute_and_never_negative(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr("mock_server.core.clock.time.sleep", slept.append)

    wall_pause(2.5)
    wall_pause(3600)
    wall_pause(-1)

    assert slept == [2.5, MAX_WALL_PAUSE, 0.0]


def test_a_stopwatch_never_runs_backwards():
    elapsed = stopwatch()

    first = elapsed()

    assert 0 <= first <= elapsed()
