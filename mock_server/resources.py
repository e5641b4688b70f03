"""Where the bundled contracts and fixtures live, installed or in a checkout; the version."""

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


def bundled_file(relative: str) -> Path:
    """A file kept at the top of the repository (`openapi.yaml`), in a checkout or a wheel."""
    return _first_existing(CHECKOUT_DIR / relative, BUNDLED_DIR / relative)


def schemathesis_config_path() -> Path:
    """The Schemathesis settings that go with openapi.yaml (statuses that answer valid input)."""
    return _first_existing(CHECKOUT_DIR / "schemathesis.toml", BUNDLED_DIR / "schemathesis.toml")


def default_fixtures_dir() -> Path:
    """The fixtures root shipped with the package: one directory per API, plus `sets/`."""
    return bundled_file("fixtures")


def installed_version() -> str:
    try:
        return version("workitems-mock")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "(not installed)"
