"""Closes the webhook dispatchers (and their worker threads) the engine tests opened."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.apis.threada.engine_support import OPEN_DISPATCHERS


@pytest.fixture(autouse=True)
def _close_dispatchers() -> Iterator[None]:
    yield
    while OPEN_DISPATCHERS:
        OPEN_DISPATCHERS.pop().close()
