"""Where DocLD's contract lives, and the contract read once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from mock_server.core.openapi import Contract, load_contract

NAME = "docld"
CONTRACT_PATH = Path(__file__).resolve().parent / "openapi.yaml"


@cache
def load() -> Contract:
    return load_contract(CONTRACT_PATH)
