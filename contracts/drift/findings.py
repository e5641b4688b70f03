"""A drift finding, the evidence for it, and the report: grouped, deduplicated, text or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

CATEGORIES = ("status names", "status codes", "fields", "webhooks")


@dataclass(frozen=True)
class Evidence:
    request: str  # a curl line, or what was registered
    answer: str  # status, content type and the start of the body, or the delivery seen


@dataclass(frozen=True)
class Finding:
    category: str  # one of CATEGORIES
    behaviour: str  # what the target does, in one line
    expected: str  # what the contract says instead
    evidence: Evidence


@dataclass
class Drift:
    """Findings in the order they were made, one per (category, behaviour)."""

    target: str
    profile: str
    contract: str
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fatal: str | None = None  # why nothing could be checked
    _seen: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def add(self, finding: Finding) -> None:
        key = (finding.category, finding.behaviour)
        if key not in self._seen:
            self._seen.add(key)
            self.findings.append(finding)

    def grouped(self) -> dict[str, list[Finding]]:
        groups: dict[str, list[Finding]] = {name: [] for name in CATEGORIES}
        for finding in self.findings:
            groups[finding.category].append(finding)
        return {name: found for name, found in groups.items() if found}

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "profile": self.profile,
            "contract": self.contract,
            "fatal": self.fatal,
            "findings": [asdict(f) for f in self.findings],
            "notes": self.notes,
        }


def render_text(drift: Drift) -> str:
    lines = [f"drift: {drift.target} against the {drift.profile} contract ({drift.contract})"]
    if drift.fatal:
        return "\n".join([*lines, f"COULD NOT CHECK: {drift.fatal}"])
    count = len(drift.findings)
    lines.append(f"{count} departure{'s' if count != 1 else ''} from the contract" if count else
                 "no departure from the contract found")  # fmt: skip
    for category, found in drift.grouped().items():
        lines += ["", f"## {category} ({len(found)})"]
        for finding in found:
            lines += [
                f"- {finding.behaviour} (contract: {finding.expected})",
                f"    request: {finding.evidence.request}",
                f"    answer:  {finding.evidence.answer}",
            ]
    if drift.notes:
        lines += ["", "## notes", *(f"- {note}" for note in drift.notes)]
    return "\n".join(lines)


def render_json(drift: Drift) -> str:
    return json.dumps(drift.to_json(), indent=2)
