"""The chosen API's contract loaded into Schemathesis for one run: its config, and hooks."""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping
from typing import Any

import schemathesis
from schemathesis import BaseSchema, Case, GenerationMode, HookContext, Response
from schemathesis.core.failures import Failure

from contracts.checks import PROJECT_CHECKS  # importing it registers the project's checks
from contracts.context import RunContext
from contracts.multipart import is_multipart_false_positive
from contracts.results import Violation
from contracts.spec import default_config, load_config, load_spec

SAFE_CALLBACK_HOST = "https://callbacks.invalid"  # RFC 2606: never resolves, never delivered


def config(ctx: RunContext, *, stateful: bool) -> schemathesis.Config:
    """The profile's schemathesis.toml (which statuses answer valid input, per operation; the
    links to follow), plus this run's target, seed and budget.

    It is the file the plain CLI reads, so verify and `schemathesis run` cannot drift apart.
    A profile without one gets `default_config` (every documented status may answer valid
    input). No schemathesis.toml of the caller's is read, and nothing is cached.
    """
    target, options, profile = ctx.target, ctx.options, ctx.profile
    path = profile.config_path()
    settings = load_config(path) if path else default_config(load_spec(profile.spec_path()))
    run: dict[str, Any] = {
        "cache": {"enabled": False},
        "base-url": target.root,
        "headers": ctx.harness.auth_header(target.api_key),
        "seed": options.seed,
        "request-timeout": target.request_timeout,
        "generation": {"max-examples": options.max_examples, "database": "none"},
        "phases": {"stateful": {"enabled": stateful}},
        # Checks are global in Schemathesis: those written for another contract are turned off.
        "checks": {
            name: {"enabled": False} for name in PROJECT_CHECKS if name not in profile.checks
        },
    }
    if target.rate_limit:
        run["rate-limit"] = f"{target.rate_limit}/s"
    return schemathesis.Config.from_dict(merged(settings, run))


def merged(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `overrides` on top, tables merged key by key (a copy; neither changes)."""
    result = copy.deepcopy(dict(base))
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def load_schema(ctx: RunContext, findings: Findings, *, stateful: bool = False) -> BaseSchema:
    spec = str(ctx.profile.spec_path())
    schema = schemathesis.openapi.from_path(spec, config=config(ctx, stateful=stateful))
    install_hooks(schema, ctx, findings)
    if ctx.harness.schema_hooks is not None:
        ctx.harness.schema_hooks(schema, ctx)
    return schema


class Findings:
    """Violations the hooks notice outside any check, and how many requests went out."""

    def __init__(self, suite: str) -> None:
        self.suite = suite
        self.violations: list[Violation] = []
        self.requests = 0
        self.excused = 0  # Schemathesis false positives dropped (contracts/multipart.py)
        self._lock = threading.Lock()

    def count(self) -> None:
        with self._lock:
            self.requests += 1

    def excuse(self, failure: Failure, case: Case[Any], response: Response) -> bool:
        """Whether `failure` is a known false positive of the engine; counted when it is."""
        if not is_multipart_false_positive(failure, case, response):
            return False
        with self._lock:
            self.excused += 1
        return True

    def notes(self) -> list[str]:
        if not self.excused:
            return []
        return [
            f"{self.excused} negative_data_rejection finding(s) on a multipart upload excused: "
            "the mutated form field never reached the wire as invalid (see docs/contracts.md)"
        ]

    def add(self, violation: Violation) -> None:
        with self._lock:
            if violation not in self.violations:
                self.violations.append(violation)


def install_hooks(schema: BaseSchema, ctx: RunContext, findings: Findings) -> None:
    """Hooks every API's run has: false positives excused, requests counted, the key watched."""
    sent_key = ctx.harness.auth_header(ctx.target.api_key)["Authorization"]

    @schema.hook
    def filter_failure(
        context: HookContext, failure: Failure, case: Case[Any], response: Response
    ) -> bool:
        return not findings.excuse(failure, case, response)

    @schema.hook
    def after_call(context: HookContext, case: Case[Any], response: Response) -> None:
        findings.count()
        sent = response.request.headers.get("Authorization")
        if response.status_code == 401 and sent == sent_key and _needs_key(case):
            findings.add(key_rejected(findings.suite, case.operation.label))


def _needs_key(case: Case[Any]) -> bool:
    """False for an operation declaring `security: []` (a login, a sign-up), whose 401 is
    about the credentials in its body, not the key."""
    return bool(case.operation.definition.raw.get("security") != [])


def install_sema4_hooks(schema: BaseSchema, ctx: RunContext) -> None:
    """Sema4's: generated creates made harmless, and what they create tracked for cleanup."""

    @schema.hook
    def map_case(context: HookContext, case: Case[Any]) -> Case[Any]:
        if _is_positive(case) and _is_create(case) and isinstance(case.body, dict):
            case.body = safe_create_body(case.body, ctx)
        return case

    @schema.hook
    def after_call(context: HookContext, case: Case[Any], response: Response) -> None:
        if case.method == "POST" and 200 <= response.status_code < 300:
            ctx.tracker.add(_json_field(response, "work_item_id"))


def safe_create_body(body: dict[str, Any], ctx: RunContext) -> dict[str, Any]:
    """A valid create body made harmless: the run's agent, marked payload, unreachable hooks.

    Generated callback URLs point at random hosts; a deployment would really call them.
    """
    body = dict(body)
    if ctx.agent_id and isinstance(body.get("agent_id"), str):
        body["agent_id"] = ctx.agent_id
    payload = body.get("payload", {})
    if isinstance(payload, dict):
        body["payload"] = {**payload, **ctx.target.marker}
    callbacks = body.get("callbacks")
    if isinstance(callbacks, list):
        body["callbacks"] = [_safe_callback(c, ctx.target.run_id) for c in callbacks]
    return body


def _safe_callback(callback: Any, run_id: str) -> Any:
    if isinstance(callback, Mapping) and isinstance(callback.get("url"), str):
        return {**callback, "url": f"{SAFE_CALLBACK_HOST}/{run_id}"}
    return callback


def _is_create(case: Case[Any]) -> bool:
    return case.operation.path == "/work-items" and case.method.upper() == "POST"


def _is_positive(case: Case[Any]) -> bool:
    meta = case.meta
    return meta is not None and meta.generation.mode == GenerationMode.POSITIVE


def _json_field(response: Response, name: str) -> Any:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get(name) if isinstance(body, dict) else None


def key_rejected(suite: str, operation: str) -> Violation:
    return Violation(
        suite=suite,
        operation=operation,
        check="api_key_accepted",
        expected="the API key given to verify is accepted for the whole run",
        actual="401 with the API key: it is wrong, expired or was revoked during the run",
    )
