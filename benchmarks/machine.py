"""Describes the machine and the software a run measured on."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path


def _first(path: str, prefix: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe(tool_versions: dict[str, str]) -> list[tuple[str, str]]:
    memory_kb = _first("/proc/meminfo", "MemTotal").split()[0]
    memory = f"{int(memory_kb) / 1024**2:.1f} GiB" if memory_kb.isdigit() else "unknown"
    return [
        ("CPU", _first("/proc/cpuinfo", "model name")),
        ("cores", str(os.cpu_count())),
        ("memory", memory),
        ("system", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        (
            "granian / Flask / Werkzeug",
            f"{_version('granian')} / {_version('flask')} / {_version('werkzeug')}",
        ),
        *tool_versions.items(),
    ]
