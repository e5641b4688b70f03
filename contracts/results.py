"""What a run found: violations and skips, grouped into test cases and suites."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Violation:
    """One way the target breaks the contract, with a command that reproduces it."""

    suite: str
    operation: str  # "POST /work-items/{work_item_id}/cancel", or "-" when not one operation
    check: str
    expected: str
    actual: str
    curl: str = ""
    code: str = ""  # Schemathesis failure code (ST103...) when one applies

    @property
    def key(self) -> tuple[str, ...]:
        """Two violations with the same key are the same finding, reported once."""
        return (self.suite, self.operation, self.check, self.expected, self.actual)


@dataclass
class Outcome:
    """One test case of a suite: an operation, a scenario or a state machine."""

    name: str
    violations: list[Violation] = field(default_factory=list)
    skipped: str | None = None  # why it could not run; never set when something was violated

    @property
    def passed(self) -> bool:
        return not self.violations and self.skipped is None


@dataclass
class SuiteResult:
    suite: str
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    requests: int = 0
    notes: list[str] = field(default_factory=list)  # what the reader should know, not failures

    @property
    def violations(self) -> list[Violation]:
        return unique(v for outcome in self.outcomes for v in outcome.violations)

    @property
    def skipped(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.skipped and not outcome.violations]

    def outcome(self, name: str) -> Outcome:
        """The outcome called `name`, created on first use (in order of first use)."""
        for outcome in self.outcomes:
            if outcome.name == name:
                return outcome
        created = Outcome(name)
        self.outcomes.append(created)
        return created


@dataclass
class RunResult:
    """A whole `verify` run; `fatal` means the suites could not run at all."""

    target: str
    run_id: str
    seed: int
    control_plane: bool
    suites: list[SuiteResult] = field(default_factory=list)
    fatal: str | None = None
    seconds: float = 0.0
    cleanup: list[str] = field(default_factory=list)
    state: str | None = None  # what became of the emulator's own state, when it has one
    api: str = "Sema4.ai Work Item API (sema4)"  # the API verified, as the report names it
    profile: str = "documented"

    @property
    def violations(self) -> list[Violation]:
        return unique(v for suite in self.suites for v in suite.violations)

    @property
    def ok(self) -> bool:
        return self.fatal is None and not self.violations


def unique(violations: Iterable[Violation]) -> list[Violation]:
    seen: dict[tuple[str, ...], Violation] = {}
    for violation in violations:
        seen.setdefault(violation.key, violation)
    return list(seen.values())
