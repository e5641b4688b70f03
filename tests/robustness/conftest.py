"""The robustness suite: a served emulator (granian, as `serve` runs it) under hostile clients.

One emulator serves the whole suite, on a manual clock with short read deadlines so stalled
clients are cut off within a second; each test starts from a reset.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.robustness.wire import call
from tests.support.served import Served, served

READ_TIMEOUT = 1.0
ARGS = [
    "--clock", "manual", "--seed", "11", "--read-timeout", str(READ_TIMEOUT),
    "--webhook-timeout", "1", "--webhook-retries", "1", "--webhook-backoff", "1",
]  # fmt: skip


@pytest.fixture(scope="session")
def _emulator() -> Iterator[Served]:
    with served(ARGS) as server:
        yield server


@pytest.fixture
def base_url(_emulator: Served) -> str:
    call(_emulator.base_url, "POST", "/_mock/reset")
    return _emulator.base_url
