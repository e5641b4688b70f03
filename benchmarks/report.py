"""Assembles BENCHMARKS.md from the machine description, the sections and their targets."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from benchmarks.markdown import table, verdict
from benchmarks.model import Section

FINDINGS = Path(__file__).parent / "findings.md"


def render(
    *,
    machine: Sequence[tuple[str, str]],
    command: str,
    started: str,
    minutes: float,
    sections: Sequence[Section],
    findings: str,
) -> str:
    checks = [check for section in sections for check in section.checks]
    met = sum(1 for check in checks if check.met)
    measured = sum(1 for check in checks if check.met is not None)
    parts = [
        "# Benchmarks",
        "Written by `make bench` (`python -m benchmarks`); every run rewrites this file. Compare "
        "ratios from one run, never absolute numbers across runs or machines: these are shared "
        "machines, and wrk takes CPU from the two cores too.",
        f"- date: {started}\n- command: `{command}`\n- wall time: {minutes:.1f} min",
        "## Machine\n\n" + table(["", ""], [list(row) for row in machine]),
        f"## Targets (issue 8): {met} of {measured} measured targets met\n\n"
        + table(
            ["target", "measured", "verdict"],
            [[c.goal, c.measured, verdict(c.met, reported=c.reported)] for c in checks],
        ),
    ]
    parts += [f"## {section.title}\n\n{section.body}" for section in sections]
    parts.append(findings.strip())
    return "\n\n".join(parts) + "\n"
