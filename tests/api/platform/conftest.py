"""Every test here runs against the emulator serving the Sema4 API in its platform profile."""

import pytest


@pytest.fixture
def profile() -> str:
    return "platform"
