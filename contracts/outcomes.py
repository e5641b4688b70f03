"""Turns suite outcomes into pytest verdicts: a skip with its reason, or a failure listing all."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from contracts.results import Outcome


def assert_outcomes(outcomes: Iterable[Outcome]) -> None:
    outcomes = list(outcomes)
    failed = [o for o in outcomes if o.violations]
    if failed:
        pytest.fail("\n\n".join(_describe(o) for o in failed), pytrace=False)
    skipped = [o for o in outcomes if o.skipped]
    if skipped and len(skipped) == len(outcomes):
        pytest.skip("; ".join(f"{o.name}: {o.skipped}" for o in skipped))


def _describe(outcome: Outcome) -> str:
    lines = [f"{outcome.name}:"]
    for v in outcome.violations:
        lines += [f"  {v.operation} · {v.check}", f"    expected: {v.expected}"]
        lines += [f"    actual:   {line}" for line in v.actual.splitlines()]
        lines += [f"    reproduce: {line}" for line in v.curl.splitlines()]
    return "\n".join(lines)
