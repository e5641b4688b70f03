"""Small parts the non-Sema4 harnesses share: a smoke test on a listing, and tidying up
what a run created on a real deployment."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import requests

from contracts.apis.base import Smoke
from contracts.http import LimitedSession
from contracts.target import Target

if TYPE_CHECKING:
    from schemathesis import BaseSchema, Case, HookContext, Response

    from contracts.context import RunContext


def listing_smoke(path: str, field: str, what: str) -> Smoke:
    """A smoke test: `GET <root><path>` with the key answers 200 with a list under `field`."""

    def smoke(target: Target, session: LimitedSession) -> str | None:
        url = target.url(path)
        try:
            response = session.get(
                url,
                headers={"Authorization": f"Bearer {target.api_key}"},
                timeout=target.request_timeout,
            )
        except requests.RequestException as error:
            return f"cannot reach {url}: {type(error).__name__}: {error}"
        said = response.text[:200] or response.reason
        if response.status_code in (401, 403):
            return (
                f"the API key given as --api-key was rejected ({response.status_code}: {said}); "
                f"it is wrong, expired or not valid for {target.root}"
            )
        if response.status_code == 404:
            return f"no {what} at {target.root} (GET {path} is 404); check --base-url"
        if response.status_code != 200:
            return f"GET {url} answered {response.status_code}: {said}"
        if not isinstance(_json(response).get(field), list):
            return f"GET {url} answered 200 but not with a list of {field}: {said}"
        return None

    return smoke


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def track_created(method: str, path: str, field: str) -> Callable[[BaseSchema, RunContext], None]:
    """Schema hooks recording the id in `field` of each 2xx `method path` answer, for cleanup."""

    def install(schema: BaseSchema, ctx: RunContext) -> None:
        @schema.hook
        def after_call(context: HookContext, case: Case[Any], response: Response) -> None:
            created = case.method.upper() == method and case.operation.path == path
            if created and 200 <= response.status_code < 300:
                try:
                    body = response.json()
                except ValueError:
                    return
                if isinstance(body, dict):
                    ctx.tracker.add(body.get(field))

    return install


def closing_tracked(method: str, template: str, noun: str) -> Callable[[RunContext], list[str]]:
    """A cleanup sending `method template` (with `{id}`) for every id the run tracked."""

    def cleanup(ctx: RunContext) -> list[str]:
        client, closed, failed = ctx.client(), 0, []
        for created in ctx.tracker.ids():
            try:
                status = client.call(method, template.format(id=created)).status
            except requests.RequestException as error:
                failed.append(f"{created} ({type(error).__name__})")
                continue
            if 200 <= status < 300 or status in (400, 404):  # closed now, already, or gone
                closed += 1
            else:
                failed.append(f"{created} ({status})")
        lines = [f"{method} {template} sent for the {closed} {noun} this run created"]
        if failed:
            lines.append(f"could not close {len(failed)}: {', '.join(failed[:20])}")
        return lines

    return cleanup
