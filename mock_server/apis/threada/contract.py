"""Where Threada's contract lives: `openapi.yaml` beside this module (in a checkout or a wheel)."""

from __future__ import annotations

from pathlib import Path

NAME = "threada"


def openapi_path() -> Path:
    return Path(__file__).with_name("openapi.yaml")
