"""The run as people read it: a summary, then each violation once with a way to reproduce it."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from contracts.results import RunResult, SuiteResult, Violation


def render(run: RunResult) -> str:
    """Markdown that reads as plain text in a terminal too."""
    lines = ["# workitems-mock verify", "", *_header(run), ""]
    if run.fatal:
        lines += ["## Could not verify", "", run.fatal, ""]
    if run.suites:
        lines += [
            "| suite | cases | passed | failed | skipped | requests | seconds |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [_row(suite) for suite in run.suites] + [""]
    lines += _violations(run.violations)
    lines += _skipped(run)
    notes = [f"- {s.suite}: {note}" for s in run.suites for note in s.notes]
    notes += [f"- cleanup: {line}" for line in run.cleanup]
    notes += [f"- emulator state: {run.state}"] if run.state else []
    if notes:
        lines += ["## Notes", "", *notes, ""]
    return "\n".join(lines)


def _header(run: RunResult) -> list[str]:
    verdict = "PASSED" if run.ok else "COULD NOT VERIFY" if run.fatal else "FAILED"
    found = len(run.violations)
    skipped = sum(len(s.skipped) for s in run.suites)
    control = "used (emulator)" if run.control_plane else "not used"
    return [
        f"- API: {run.api}, {run.profile} profile",
        f"- Target: {run.target}",
        f"- Run: {run.run_id}, seed {run.seed} (repeat with --seed {run.seed})",
        f"- Control plane: {control}",
        f"- Result: **{verdict}**: {found} violations, {skipped} skipped, {run.seconds:.1f} s",
    ]


def _row(suite: SuiteResult) -> str:
    cases = len(suite.outcomes)
    failed = sum(1 for o in suite.outcomes if o.violations)
    skipped = len(suite.skipped)
    passed = cases - failed - skipped
    return (
        f"| {suite.suite} | {cases} | {passed} | {failed} | {skipped} | {suite.requests} "
        f"| {suite.seconds:.1f} |"
    )


def _violations(violations: list[Violation]) -> list[str]:
    if not violations:
        return []
    lines = ["## Violations", ""]
    for number, v in enumerate(violations, start=1):
        code = f" ({v.code})" if v.code else ""
        lines += [f"### {number}. {v.suite} · {v.operation} · {v.check}{code}", ""]
        lines += [f"- Expected: {v.expected}", "- Actual:", "", *_indented(v.actual), ""]
        if v.curl:
            lines += ["- Reproduce:", "", *_indented(v.curl), ""]
    return lines


def _skipped(run: RunResult) -> list[str]:
    skipped = [f"- {s.suite} · {o.name}: {o.skipped}" for s in run.suites for o in s.skipped]
    return ["## Skipped", "", *skipped, ""] if skipped else []


def _indented(text: str) -> list[str]:
    return ["    " + line for line in text.splitlines()] or ["    (empty)"]


def write_report(run: RunResult, path: Path) -> None:
    """Markdown, or JSON when the file name ends in .json (its folder is created if need be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".json":
        document = {**asdict(run), "ok": run.ok, "violations": [asdict(v) for v in run.violations]}
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    else:
        path.write_text(render(run) + "\n", encoding="utf-8")
