"""Where the Sema4 contracts live: `openapi.yaml` at the top of the repository (or the wheel),
and, per profile other than the documented one, the document derived from it."""

from __future__ import annotations

from pathlib import Path

from mock_server.resources import bundled_file
from mock_server.resources import schemathesis_config_path as documented_schemathesis_config

NAME = "sema4"
# The documented profile's contract is written by hand; the platform's is derived from it and
# its overlay by `python -m mock_server.apis.sema4.derive` (tests fail when it is stale).
CONTRACT_FILES = {"documented": "openapi.yaml", "platform": "openapi.platform.yaml"}
OVERLAY_FILES = {"platform": "openapi.platform.overlay.yaml"}


def openapi_path(profile: str = "documented") -> Path:
    return bundled_file(CONTRACT_FILES[profile])


def schemathesis_config_path(profile: str = "documented") -> Path:
    """The Schemathesis settings for a profile's contract: the root `schemathesis.toml` for the
    documented one (verify and the plain CLI read it there), a file in this package otherwise."""
    if profile == "documented":
        return documented_schemathesis_config()
    return Path(__file__).with_name(f"schemathesis.{profile}.toml")


def overlay_path(profile: str) -> Path:
    return bundled_file(OVERLAY_FILES[profile])
