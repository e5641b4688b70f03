"""Headless Chromium for the inspector's browser tests: Debian's build, driven by Playwright."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Playwright adds --headless and a fresh --user-data-dir of its own (it refuses ours); these
# keep Chromium from calling home on a machine with no network, and from needing a sandbox
# or a GPU when run as root in a container.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def why_no_browser() -> str | None:
    """None when the tests can drive a browser here, else what is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make install adds it)"
    if not os.access(CHROMIUM, os.X_OK):
        return (
            f"no browser: {CHROMIUM} is missing and could not be installed here "
            "(make test and .ci/run install Debian's chromium when run as root with apt-get)"
        )
    return None
