"""Sema4's smoke test (other APIs': contracts/apis): a Work Item API at the URL, taking the keys?

A wrong or expired key makes every documented 401 look like a pass, so it stops the run here.
"""

from __future__ import annotations

from typing import Any

import requests

from contracts.http import LimitedSession
from contracts.target import Target


def smoke_test(target: Target, session: LimitedSession) -> str | None:
    """Why the suites cannot run against `target`, or None when they can."""
    problem = _key_problem(target, session, target.api_key, "--api-key")
    if problem is None and target.readonly_key:
        problem = _key_problem(target, session, target.readonly_key, "--readonly-key")
    return problem


def _key_problem(target: Target, session: LimitedSession, key: str, option: str) -> str | None:
    url = target.url("/work-items")
    try:
        response = session.get(
            url,
            params={"limit": 1},
            headers={"Authorization": f"Bearer {key}"},
            timeout=target.request_timeout,
        )
    except requests.RequestException as error:
        return f"cannot reach {url}: {type(error).__name__}: {error}"
    said = _message(response)
    if response.status_code in (401, 403):
        return (
            f"the API key given as {option} was rejected ({response.status_code}: {said}); "
            f"it is wrong, expired or not valid for {target.root}"
        )
    if response.status_code == 404:
        return f"no Work Item API at {target.root} (GET /work-items is 404); check --base-url"
    if response.status_code != 200:
        return f"GET {url} answered {response.status_code}: {said}"
    if not _looks_like_a_page(response):
        return f"GET {url} answered 200 but not with a page of work items: {response.text[:200]}"
    return None


def _message(response: requests.Response) -> str:
    try:
        body: Any = response.json()
        return str(body["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return response.text[:200] or response.reason


def _looks_like_a_page(response: requests.Response) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("records"), list)
