"""Where the contract, its Schemathesis config and the fixtures live (installed or checkout)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_DIR = PACKAGE_DIR / "_bundled"  # filled by the wheel build
CHECKOUT_DIR = PACKAGE_DIR.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"none of {[str(c) for c in candidates]} exists")


def openapi_path() -> Path:
    return _first_existing(CHECKOUT_DIR / "openapi.yaml", BUNDLED_DIR / "openapi.yaml")


def schemathesis_config_path() -> Path:
    """The Schemathesis settings that go with openapi.yaml (statuses that answer valid input)."""
    return _first_existing(CHECKOUT_DIR / "schemathesis.toml", BUNDLED_DIR / "schemathesis.toml")


def default_fixtures_dir() -> Path:
    return _first_existing(CHECKOUT_DIR / "fixtures", BUNDLED_DIR / "fixtures")


def installed_version() -> str:
    try:
        return version("workitems-mock")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "(not installed)"
