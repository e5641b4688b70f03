"""Where the Sema4 contract lives: `openapi.yaml` at the top of the repository (or the wheel)."""

from __future__ import annotations

from pathlib import Path

from mock_server.resources import bundled_file

NAME = "sema4"


def openapi_path() -> Path:
    return bundled_file("openapi.yaml")
