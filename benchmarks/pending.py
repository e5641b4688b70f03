"""Suites whose subject is still being built: they say what they will measure, and against what.

When webhooks (issue "webhook delivery") and the contract suite (`workitems-mock verify`) land,
replace the matching function with a real measurement returning the same kind of Section; the
report and the targets table pick it up unchanged.
"""

from __future__ import annotations

from benchmarks.model import Check, Context, Section

NOT_YET = "not measured yet"


def webhooks(ctx: Context) -> Section:
    body = (
        f"**{NOT_YET}**: the emulator does not deliver webhooks yet (being built in parallel).\n\n"
        "Planned: a loopback receiver (a small granian or `http.server` app recording arrival\n"
        "times), items created with a callback on COMPLETED and `Prefer: scenario=instant`;\n"
        "status-change-to-receipt p50/p99 from the item's `status_updated_at` to arrival, and\n"
        "deliveries per second with 1,000 items completing at once (`/_mock/clock/advance`\n"
        "on a `--clock manual` emulator releases them together)."
    )
    checks = (
        Check("webhook status-change-to-receipt p50 < 20 ms", "—", None),
        Check("webhook deliveries/s with 1,000 items completing at once (reported)", "—", None),
    )
    return Section("Webhooks", body, checks)


def contract_suite(ctx: Context) -> Section:
    body = (
        f"**{NOT_YET}**: `workitems-mock verify` is being built in parallel.\n\n"
        "Planned: the wall time of one full `verify` run against a served emulator (started\n"
        "as above, loopback), median of three runs."
    )
    return Section("Contract suite", body, (Check("full `verify` < 60 s", "—", None),))
