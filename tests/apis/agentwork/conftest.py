"""Agentwork test fixtures: the shipped fixture set and a scratch copy of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mock_server.resources import default_fixtures_dir

DEV_KEY = "aw_live_LocalDevKey0000000000000000000"
TEAMMATE_KEY = "aw_live_LocalTeammateKey000000000000000"
ACME_KEY = "aw_live_AcmeDevKey00000000000000000000"


def shipped_fixtures() -> Path:
    return default_fixtures_dir() / "agentwork"


@pytest.fixture
def fixtures_copy(tmp_path: Path) -> Path:
    target = tmp_path / "agentwork"
    shutil.copytree(shipped_fixtures(), target)
    return target
