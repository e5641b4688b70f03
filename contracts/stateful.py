"""The stateful suite: a Schemathesis state machine that follows the contract's links."""

from __future__ import annotations

import re
import time
from typing import Any

import hypothesis
import requests
from schemathesis import Case, Response
from schemathesis.core.failures import Failure, FailureGroup

from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.engine_findings import violation_from_error, violation_from_failure
from contracts.results import SuiteResult
from contracts.schema_loader import Findings, load_schema

SUITE = "stateful"
OUTCOME = "sequences of calls along the links"
MAX_SHOWN_STEPS = 12
CUSTOM_TITLE = re.compile(r"Custom check failed: `(\w+)`")


def run_stateful(ctx: RunContext) -> SuiteResult:
    """Calls along the chosen contract's links (Sema4: create, upload, finalize, read, list,
    act); resets the emulator before each scenario."""
    started = time.monotonic()
    result = SuiteResult(SUITE)
    outcome = result.outcome(OUTCOME)
    findings = Findings(SUITE)
    machine = _workflow(ctx, findings, result)
    settings = hypothesis.settings(
        machine.TestCase.settings,
        max_examples=ctx.options.max_examples,
        stateful_step_count=ctx.options.stateful_steps,
        database=None,
    )
    try:
        hypothesis.seed(ctx.options.seed)(machine).run(settings=settings)
    except requests.RequestException as error:
        violation, _ = violation_from_error(SUITE, None, type(error).__name__, str(error))
        outcome.violations.append(violation)
    outcome.violations.extend(findings.violations)
    result.requests = findings.requests
    result.notes += findings.notes()
    result.seconds = time.monotonic() - started
    if not ctx.control_plane:
        result.notes.append("no control plane: scenarios share the target's state (no reset)")
    return result


def _workflow(ctx: RunContext, findings: Findings, result: SuiteResult) -> Any:
    schema = load_schema(ctx, findings, stateful=True)
    session = ctx.session()
    control = ControlPlane(ctx.target, session) if ctx.control_plane else None
    outcome = result.outcome(OUTCOME)
    seen: set[tuple[str, ...]] = set()
    sent_key = ctx.harness.auth_header(ctx.target.api_key)["Authorization"]

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        """Collects every distinct failure instead of stopping at the first one."""

        steps: list[str]

        def setup(self) -> None:
            self.steps = []
            if control is not None:
                control.reset()  # each scenario starts from the fixtures, none sees another's items

        def get_call_kwargs(self, case: Case[Any]) -> dict[str, Any]:
            return {"session": session, "timeout": ctx.target.request_timeout}

        def after_call(self, response: Response, case: Case[Any]) -> None:
            super().after_call(response, case)
            # The sent headers, so Schemathesis masks the key and the report shows where it goes.
            self.steps.append(case.as_curl_command(headers=dict(response.request.headers)))

        def validate_response(
            self, response: Response, case: Case[Any], *args: Any, **kwargs: Any
        ) -> None:
            if response.request.headers.get("Authorization") == sent_key:
                # WORKAROUND (Schemathesis 4.32): the state machine does not tell its checks
                # which headers the config set, so ignored_auth takes verify's own key for a
                # generated one and reports any success as an auth bypass. It is explicit.
                case._has_explicit_auth = True
            try:
                super().validate_response(response, case, *args, **kwargs)
            except FailureGroup as group:
                for failure in group.exceptions:
                    self._record(case, response, failure)
            except Failure as failure:
                self._record(case, response, failure)

        def _record(self, case: Case[Any], response: Response, failure: Failure) -> None:
            if findings.excuse(failure, case, response):
                return
            check = _check_name(failure)
            reproduce = "\n".join(self.steps[-MAX_SHOWN_STEPS:])
            violation, key = violation_from_failure(
                SUITE, case.operation.label, check, failure, reproduce
            )
            if key not in seen:
                seen.add(key)
                outcome.violations.append(violation)

    return Workflow


def _check_name(failure: Failure) -> str:
    """The check behind a failure: its class says it for built-ins, the title for ours."""
    custom = CUSTOM_TITLE.match(failure.title)
    if custom:
        return custom.group(1)
    checks = getattr(failure, "checks", ())
    return str(checks[0]) if checks else type(failure).__name__
