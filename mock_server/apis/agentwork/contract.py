"""Where Agentwork's contract lives (inside the package, so the wheel carries it)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from mock_server.core.openapi import Contract, load_contract

NAME = "agentwork"
CONTRACT_PATH = Path(__file__).resolve().parent / "openapi.yaml"
API_PREFIX = "/api/v1"  # where the contract's paths are served, as on agentwork.com


@cache
def contract() -> Contract:
    """The parsed contract; parsed once per process, as it never changes while running."""
    return load_contract(CONTRACT_PATH)
