"""Errors carry the documented envelope: 400, 404, 412 and 422, each provoked on purpose."""

from __future__ import annotations

import uuid

from contracts.lifecycle.expect import Expect
from contracts.lifecycle.lab import Lab
from contracts.lifecycle.workflows import SAFE_HOOK


def bad_request(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_agent()
        # The documentation's own example of a 400: two callbacks for one status.
        twice = [{"url": f"{SAFE_HOOK}/{n}", "on_status": "COMPLETED"} for n in (1, 2)]
        expect.error(lab.api.create({"callbacks": twice}, scenario="idle"), 400)

    lab.run_case("400 carries the error envelope", body)


def not_found(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        unknown = str(uuid.uuid4())  # a well-formed id, so only its absence can be the problem
        expect.error(lab.api.get(unknown), 404)
        expect.error(lab.api.act(unknown, "cancel"), 404)
        if lab.api.agent_id:
            expect.error(lab.api.create({"agent_id": str(uuid.uuid4())}, scenario="idle"), 404)

    lab.run_case("404 carries the error envelope", body)


def precondition_failed(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        lab.needs_agent()
        item = lab.item_in("COMPLETED", expect)
        expect.error(lab.api.act(str(item["work_item_id"]), "cancel"), 412)

    lab.run_case("412 carries the error envelope", body)


def unprocessable(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        without_agent = lab.api.client.call(
            "POST", "/work-items", operation="POST /work-items", json_body={"payload": {}}
        )
        expect.error(without_agent, 422)
        expect.error(lab.api.list(limit=0), 422)

    lab.run_case("422 carries the error envelope", body)


SCENARIOS = [bad_request, not_found, precondition_failed, unprocessable]
