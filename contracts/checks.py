"""Sema4's own Schemathesis checks: the error envelope, ids round-trip, list pages.

Importing this module registers them; Schemathesis then runs them next to its built-in
checks in the conformance and stateful suites.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import schemathesis
from schemathesis import Case, CheckContext, Response

from contracts.envelope import envelope_problem

ID_IN_PATH = frozenset(
    {
        "/work-items/{work_item_id}",
        "/work-items/{work_item_id}/continue",
        "/work-items/{work_item_id}/restart",
        "/work-items/{work_item_id}/confirm-file",
    }
)

# The checks this module adds; an API's harness says which of them hold for its contract
# (the Sema4 ones), and the run turns the others off (schemathesis.check is global).
PROJECT_CHECKS = ("error_envelope", "ids_round_trip", "list_pages_consistent")

# What each check expects, in the words the report uses.
EXPECTATIONS = {
    "not_a_server_error": "no 5xx answer",
    "status_code_conformance": "a status code the operation documents",
    "content_type_conformance": "a Content-Type the operation documents for that status",
    "response_headers_conformance": "the response headers the operation documents",
    "response_schema_conformance": "a body that matches the documented schema",
    "negative_data_rejection": "invalid input rejected with a 4xx",
    "positive_data_acceptance": "valid input accepted, or answered with a status "
    "schemathesis.toml lists for the operation (400, 404, 412, ...)",
    "missing_required_header": "a request without Authorization answered 401",
    "unsupported_method": "an undocumented method answered 405 with an Allow header",
    "allow_header_conformance": "Allow lists exactly the documented methods",
    "use_after_free": "a deleted resource stays gone",
    "ensure_resource_availability": "a work item can be used right after it was created",
    "ignored_auth": "requests without valid credentials refused with 401 or 403",
    "error_envelope": "every error as " + 'application/json {"error": {"code", "message"}}',
    "ids_round_trip": "the answer is about the work item the request named",
    "list_pages_consistent": "list pages honour filters and limit, ids unique, "
    "next_offset = offset + records",
}


def _json(response: Response) -> Any:
    try:
        return json.loads(response.content or b"null")
    except ValueError:
        return None


def _content_type(response: Response) -> str:
    values = response.headers.get("content-type") or [""]
    return values[0].split(";")[0].strip()


@schemathesis.check
def error_envelope(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    if response.status_code < 400:
        return None
    problem = envelope_problem(_content_type(response), _json(response))
    if problem:
        raise AssertionError(f"{response.status_code} answer: {problem}")
    return True


def requested_id(case: Case[Any]) -> str | None:
    """The work item a request names: in its path, its finalize body or its upload target."""
    path, method = case.operation.path, case.method.upper()
    named: Any = None
    if path in ID_IN_PATH:
        named = (case.path_parameters or {}).get("work_item_id")
    elif path == "/work-items" and method == "POST" and isinstance(case.body, Mapping):
        named = case.body.get("work_item_id")
    elif path == "/work-items/upload-file":
        form = case.body if isinstance(case.body, Mapping) else {}
        named = (case.query or {}).get("work_item_id") or form.get("work_item_id")
    return named if isinstance(named, str) and named else None


@schemathesis.check
def ids_round_trip(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    if not 200 <= response.status_code < 300:
        return None
    body, named = _json(response), requested_id(case)
    if named is None or not isinstance(body, dict):
        return None
    if body.get("work_item_id") != named:
        raise AssertionError(
            f"The request named work item {named!r}; the answer is about "
            f"{body.get('work_item_id')!r}"
        )
    return True


@schemathesis.check
def list_pages_consistent(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    if case.operation.path != "/work-items" or case.method.upper() != "GET":
        return None
    body = _json(response)
    if response.status_code != 200 or not isinstance(body, dict):
        return None
    records = [r for r in body.get("records") or [] if isinstance(r, dict)]
    problem = page_problem(records, body.get("next_offset"), case.query or {})
    if problem:
        raise AssertionError(problem)
    return True


def page_problem(records: list[dict[str, Any]], next_offset: Any, query: Mapping[str, Any]) -> str:
    """What is wrong with one page of the list, or "" when nothing is."""
    for name in ("agent_id", "created_by"):
        wanted = query.get(name)
        if isinstance(wanted, str):
            strays = [r.get("work_item_id") for r in records if r.get(name) != wanted]
            if strays:
                return f"filter {name}={wanted!r} returned other work items: {strays[:3]}"
    ids = [r.get("work_item_id") for r in records]
    if len(set(map(str, ids))) != len(ids):
        return f"the page repeats work item ids: {ids}"
    limit, offset = query.get("limit", 100), query.get("offset", 0)
    if isinstance(limit, int) and len(records) > limit:
        return f"limit={limit} returned {len(records)} records"
    follows = offset + len(records) if isinstance(offset, int) else None
    if isinstance(next_offset, int) and follows is not None and next_offset != follows:
        return (
            f"offset={offset} returned {len(records)} records but next_offset={next_offset}, "
            f"not {follows}"
        )
    return ""
