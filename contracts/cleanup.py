"""After a run against a real deployment: cancel whatever the run created that is still open."""

from __future__ import annotations

import requests

from contracts.context import RunContext
from contracts.target import MARKER


def cancel_leftovers(ctx: RunContext) -> list[str]:
    """Cancel every work item the run created; returns a line per outcome for the report."""
    client = ctx.client()
    cancelled, final, failed = 0, 0, []
    for item_id in ctx.tracker.ids():
        try:
            status = client.call("POST", f"/work-items/{item_id}/cancel").status
        except requests.RequestException as error:
            failed.append(f"{item_id} ({type(error).__name__})")
            continue
        if status == 200:
            cancelled += 1
        elif status in (404, 412):  # already COMPLETED, FAILED or CANCELLED, or gone
            final += 1
        else:
            failed.append(f"{item_id} ({status})")
    lines = [
        f"cancelled {cancelled} work items this run left open; {final} were already final",
        f'everything this run created carries "{MARKER}": "{ctx.target.run_id}" in its payload '
        "(uploads that were never finalized have no payload)",
    ]
    if failed:
        lines.append(f"could not cancel {len(failed)}: {', '.join(failed[:20])}")
    return lines
