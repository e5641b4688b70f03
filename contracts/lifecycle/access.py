"""Authentication and permission on every operation: no key, a wrong key, a read-only key."""

from __future__ import annotations

from collections.abc import Callable

from contracts.http import Exchange
from contracts.lifecycle.expect import Expect, Skip
from contracts.lifecycle.lab import Lab

Call = Callable[[object], Exchange]  # one operation, sent with the given key


def _operations(lab: Lab, item_id: str, draft_id: str) -> dict[str, Call]:
    """Every operation with valid input, on real work items, so only the key can be wrong."""
    api = lab.api
    calls: dict[str, Call] = {
        "list": lambda key: api.list(key=key),
        "get": lambda key: api.get(item_id, key=key),
        "create": lambda key: api.create(scenario="idle", key=key),
        "upload-file": lambda key: api.upload("invoice.pdf", key=key),
        "confirm-file": lambda key: api.confirm(draft_id, "document.pdf", "file-0", key=key),
    }
    for action in ("continue", "restart", "cancel", "complete"):
        calls[action] = lambda key, action=action: api.act(item_id, action, key=key)  # type: ignore[misc]
    return calls


def _items(lab: Lab, expect: Expect) -> tuple[str, str]:
    lab.needs_agent()
    item_id = lab.created(expect, lab.api.create(scenario="idle"))
    draft_id = lab.created(expect, lab.api.upload("invoice.pdf"))
    return item_id, draft_id


def refused_without_key(lab: Lab) -> None:
    _refused_everywhere(lab, "no API key is 401 on every operation", None)


def refused_with_wrong_key(lab: Lab) -> None:
    wrong = f"workitems-mock-verify-wrong-key-{lab.ctx.target.run_id}"
    _refused_everywhere(lab, "a wrong API key is 401 on every operation", wrong)


def _refused_everywhere(lab: Lab, title: str, key: str | None) -> None:
    def body(expect: Expect) -> None:
        item_id, draft_id = _items(lab, expect)
        for call in _operations(lab, item_id, draft_id).values():
            expect.error(call(key), 401)
        _unchanged(lab, expect, item_id)

    lab.run_case(title, body)


def read_only_key(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        key = lab.ctx.target.readonly_key
        if not key:
            raise Skip("no read-only key given: pass --readonly-key")
        item_id, draft_id = _items(lab, expect)
        for name, call in _operations(lab, item_id, draft_id).items():
            if name in ("list", "get"):
                expect.status(call(key), 200)
            else:
                expect.error(call(key), 403)
        _unchanged(lab, expect, item_id)

    lab.run_case("a read-only key can read but not write", body)


def _unchanged(lab: Lab, expect: Expect, item_id: str) -> None:
    after = lab.api.get(item_id)
    status, allowed = after.item.get("status"), lab.possible("PENDING")
    expect.true(
        status in allowed,
        after,
        f"status {' or '.join(sorted(allowed))} after refused calls",
        f"status {status!r}",
    )


SCENARIOS = [refused_without_key, refused_with_wrong_key, read_only_key]
