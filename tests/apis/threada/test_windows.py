"""A time window that ends where it starts, or earlier, is refused with a message that fits."""

from __future__ import annotations

import pytest

from mock_server.apis.threada.domain import errors
from mock_server.apis.threada.domain.windows import Window


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z"),  # empty: [t, t) holds nothing
        ("2026-02-02T00:00:00Z", "2026-02-01T00:00:00Z"),
    ],
)
def test_a_window_must_end_after_it_starts(start: str, end: str):
    with pytest.raises(errors.InvalidTimeWindow) as refused:
        Window.parse(start, end)

    assert str(refused.value) == (
        f"The window must end after it starts: from is {start}, to is {end}."
    )
