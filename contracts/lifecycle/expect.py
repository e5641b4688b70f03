"""Expectations that record a violation and carry on, instead of stopping at the first."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import requests

from contracts.envelope import EXPECTED as ENVELOPE
from contracts.envelope import envelope_problem
from contracts.http import Exchange
from contracts.results import Outcome, Violation

SUITE = "lifecycle"
E = TypeVar("E", bound="Expect")


class Skip(Exception):
    """This check cannot run against this target; the reason goes into the report."""


class Stop(Exception):
    """A step the rest depends on failed; its violation is already recorded."""


class Expect:
    """Judges the exchanges of one test case and records what breaks the contract."""

    def __init__(self, outcome: Outcome, suite: str = SUITE) -> None:
        self.outcome = outcome
        self.suite = suite

    @property
    def ok(self) -> bool:
        return not self.outcome.violations

    def skip(self, reason: str) -> None:
        self.outcome.skipped = reason

    def violation(
        self, exchange: Exchange | None, expected: str, actual: str, *, check: str = ""
    ) -> None:
        """Record a violation under this test case's name, or `check` when many cases share it."""
        self.outcome.violations.append(
            Violation(
                suite=self.suite,
                operation=exchange.operation if exchange else "-",
                check=check or self.outcome.name,
                expected=expected,
                actual=actual,
                curl=exchange.curl if exchange else "",
            )
        )

    def status(self, exchange: Exchange, *expected: int) -> bool:
        if exchange.status in expected:
            return True
        wanted = " or ".join(str(code) for code in expected)
        self.violation(exchange, f"status {wanted}", exchange.summary())
        return False

    def true(self, condition: bool, exchange: Exchange | None, expected: str, actual: str) -> bool:
        if not condition:
            self.violation(exchange, expected, actual)
        return condition

    def equal(self, exchange: Exchange, what: str, actual: Any, expected: Any) -> bool:
        return self.true(
            actual == expected, exchange, f"{what} = {expected!r}", f"{what} = {actual!r}"
        )

    def envelope(self, exchange: Exchange) -> bool:
        problem = envelope_problem(exchange.content_type, exchange.body)
        return self.true(problem is None, exchange, ENVELOPE, f"{problem}: {exchange.summary()}")

    def error(self, exchange: Exchange, status: int) -> bool:
        """`status` with the documented envelope."""
        return self.status(exchange, status) and self.envelope(exchange)

    def require(self, condition: bool) -> None:
        """Stop the test case here when a step it depends on went wrong."""
        if not condition:
            raise Stop


def record_unreachable(expect: Expect, status: str, reason: str) -> None:
    """The target failed to bring a work item to `status`: one finding, however many cases."""
    expect.violation(
        None,
        f"a work item can be brought to {status}",
        reason,
        check=f"bring a work item to {status}",
    )


def run_to_end(expect: E, body: Callable[[E], None], crash: str = "the scenario") -> None:
    """Run one test case to its end: skipped, stopped early, or through. A target that stops
    answering, or a crash in the harness itself, is a violation: it must show, never pass."""
    try:
        body(expect)
    except Skip as skip:
        if expect.ok:
            expect.skip(str(skip))
    except Stop:
        pass
    except requests.RequestException as error:
        expect.violation(None, "the target answers", f"{type(error).__name__}: {error}")
    except Exception as error:
        detail = "".join(traceback.format_exception(error)[-3:])
        expect.violation(None, f"{crash} runs to its end", f"it crashed: {detail}")
