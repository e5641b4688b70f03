"""Schemathesis failures turned into the report's violations, one per distinct finding."""

from __future__ import annotations

from schemathesis.core.failures import Failure
from schemathesis.engine.recorder import CheckFailureInfo

from contracts.checks import EXPECTATIONS
from contracts.curl import unmask_schemathesis
from contracts.results import Violation

MAX_MESSAGE_LINES = 12

Finding = tuple[Violation, tuple[str, ...]]  # the violation and what makes it distinct


def describe(failure: Failure) -> str:
    """Title and the first lines of the message: what the target actually did."""
    lines = [line for line in (failure.message or "").splitlines() if line.strip()]
    shown = lines[:MAX_MESSAGE_LINES] + (["..."] if len(lines) > MAX_MESSAGE_LINES else [])
    return "\n".join([failure.title, *shown])


def distinct(failure: Failure) -> str:
    """What separates two failures of one check on one operation (a schema path, say)."""
    schema_path = getattr(failure, "schema_path", None)
    instance_path = getattr(failure, "instance_path", None)
    if schema_path is not None or instance_path is not None:
        return f"{list(instance_path or [])} {list(schema_path or [])}"
    return ""


def violation_from_failure(
    suite: str, label: str, check: str, failure: Failure, curl: str
) -> Finding:
    violation = Violation(
        suite=suite,
        operation=label,
        check=check,
        expected=EXPECTATIONS.get(check, failure.title),
        actual=describe(failure),
        curl=unmask_schemathesis(curl),
        code=failure.code,
    )
    return violation, (label, check, failure.title, distinct(failure))


def violation_from_check(suite: str, label: str, check: str, info: CheckFailureInfo) -> Finding:
    steps = [step.curl for step in info.steps]
    curl = "\n".join(steps) if len(steps) > 1 else info.code_sample
    return violation_from_failure(suite, label, check, info.failure, curl)


def violation_from_error(suite: str, label: str | None, title: str, message: str) -> Finding:
    """An error the engine met: the target could not be tested, which is never a pass."""
    violation = Violation(
        suite=suite,
        operation=label or "-",
        check="testable",
        expected="the operation answers, so it can be tested",
        actual=f"{title}: {message[:1000]}",
    )
    return violation, (label or "-", "testable", title, message[:200])
