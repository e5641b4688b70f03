"""DocLD's Schemathesis hooks: webhook subscriptions made harmless, workflows tracked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from schemathesis import BaseSchema, Case, GenerationMode, HookContext

from contracts.apis.probe import track_created
from contracts.schema_loader import SAFE_CALLBACK_HOST

if TYPE_CHECKING:
    from contracts.context import RunContext


def install_hooks(schema: BaseSchema, ctx: RunContext) -> None:
    """Generated subscription URLs name random hosts a deployment would really deliver to;
    valid ones are pointed at a host that never resolves. Created workflows are deleted after
    a run against a real deployment."""

    @schema.hook
    def map_case(context: HookContext, case: Case[Any]) -> Case[Any]:
        subscribing = case.method.upper() == "POST" and case.operation.path == "/webhooks"
        positive = case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE
        if subscribing and positive and isinstance(case.body, dict):
            case.body = {**case.body, "url": f"{SAFE_CALLBACK_HOST}/{ctx.target.run_id}"}
        return case

    track_created("POST", "/workflows", "id")(schema, ctx)
