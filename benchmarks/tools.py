"""Installs what a run needs: wrk from Debian, Prism from npm into .bench/prism."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from benchmarks.model import BenchError

PRISM_PACKAGE = "@stoplight/prism-cli"
PRISM_VERSION = "5.16.0"


def _run(command: list[str], timeout: float) -> str:
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, check=False
    )
    if completed.returncode != 0:
        raise BenchError(f"{' '.join(command)} failed:\n{completed.stderr.strip()}")
    return completed.stdout


def ensure_wrk() -> str:
    """The wrk binary; installed with apt-get when missing and running as root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise BenchError(
            "wrk is not installed. Install it (Debian/Ubuntu: `sudo apt-get install -y wrk`, "
            "macOS: `brew install wrk`) and run `make bench` again."
        )
    try:
        _run(["apt-get", "install", "-y", "wrk"], timeout=300)
    except BenchError:
        # A fresh machine may have no package lists yet.
        _run(["apt-get", "update"], timeout=300)
        _run(["apt-get", "install", "-y", "wrk"], timeout=300)
    return shutil.which("wrk") or "wrk"


def ensure_prism(work_dir: Path) -> Path:
    """Prism's CLI from `work_dir/prism`, installed there with npm when missing."""
    prefix = work_dir / "prism"
    binary = prefix / "node_modules" / ".bin" / "prism"
    if binary.exists() and prism_version(binary) == PRISM_VERSION:
        return binary
    if not shutil.which("npm"):
        raise BenchError("npm is not installed; Prism comes from npm. Install Node.js 18+.")
    prefix.mkdir(parents=True, exist_ok=True)
    _run(
        [
            "npm",
            "install",
            "--prefix",
            str(prefix),
            "--no-audit",
            "--no-fund",
            f"{PRISM_PACKAGE}@{PRISM_VERSION}",
        ],
        timeout=600,
    )
    return binary


def prism_version(binary: Path) -> str:
    return _run([str(binary), "--version"], timeout=60).strip()


def wrk_version(wrk: str) -> str:
    # `wrk -v` prints its banner and exits non-zero, so read it directly.
    completed = subprocess.run([wrk, "-v"], capture_output=True, text=True, check=False)
    banner = (completed.stdout or completed.stderr).splitlines()
    return banner[0].split(" Copyright")[0] if banner else "unknown"


def without_callbacks(document: dict[str, Any]) -> dict[str, Any]:
    """The spec with every operation's `callbacks` removed (the document is left as it was)."""
    paths = {
        path: {
            method: {k: v for k, v in operation.items() if k != "callbacks"}
            if isinstance(operation, dict)
            else operation
            for method, operation in item.items()
        }
        for path, item in document.get("paths", {}).items()
    }
    return {**document, "paths": paths}


def prism_spec(root: Path, work_dir: Path) -> Path:
    """openapi.yaml without callbacks, for Prism to mock.

    Prism fires an operation's callbacks on every matching call: for a create it POSTs to
    `{$request.body#/callbacks/0/url}` even when the body registers no callback, fails ("Only
    absolute URLs are supported") and logs it, which triples its CPU per create. The emulator
    sends nothing without a registered callback, so Prism gets the spec it would mock if the
    callbacks were not documented: the same work as before they were.
    """
    document = yaml.safe_load((root / "openapi.yaml").read_text())
    target = work_dir / "openapi-prism.yaml"
    target.write_text(yaml.safe_dump(without_callbacks(document), sort_keys=False))
    return target
