"""The file workflows of seed 000: upload then finalize, and remote upload then confirm."""

from __future__ import annotations

from typing import Any

from contracts.http import Exchange
from contracts.lifecycle.api import pdf
from contracts.lifecycle.expect import Expect
from contracts.lifecycle.lab import Lab
from contracts.lifecycle.workflows import MESSAGE, SAFE_HOOK

FINAL_PAYLOAD = {"priority": "high", "department": "accounting", "approval_required": True}


def _file_refs(exchange: Exchange) -> list[tuple[Any, Any]]:
    files = exchange.item.get("files") or []
    return [(f.get("file_ref"), f.get("size")) for f in files if isinstance(f, dict)]


def upload_then_finalize(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        agent = lab.needs_agent()
        first = lab.api.upload("invoice.pdf")
        item_id = lab.created(expect, first)
        precreated = lab.api.get(item_id)
        expect.equal(precreated, "status", precreated.item.get("status"), "PRECREATED")
        expect.equal(precreated, "agent_id", precreated.item.get("agent_id"), None)
        second = lab.api.upload("supporting_document.pdf", work_item_id=item_id)
        expect.require(expect.status(second, 200))
        expect.equal(second, "work_item_id", second.item.get("work_item_id"), item_id)
        files = [
            ("invoice.pdf", len(pdf("invoice.pdf"))),
            ("supporting_document.pdf", len(pdf("supporting_document.pdf"))),
        ]
        both = lab.api.get(item_id)
        expect.equal(both, "files", _file_refs(both), files)
        hook = {"url": f"{SAFE_HOOK}/completed", "on_status": "COMPLETED"}
        final = lab.api.create(
            {
                "work_item_id": item_id,
                "payload": FINAL_PAYLOAD,
                "messages": [MESSAGE],
                "callbacks": [hook],
            },
            scenario="idle",
        )
        expect.require(expect.status(final, 200))
        expect.equal(final, "work_item_id", final.item.get("work_item_id"), item_id)
        expect.equal(final, "status", final.item.get("status"), "PENDING")
        expect.equal(final, "agent_id", final.item.get("agent_id"), agent)
        expect.equal(
            final, "payload", final.item.get("payload"), {**FINAL_PAYLOAD, **lab.api.marker}
        )
        expect.equal(final, "files", _file_refs(final), files)
        hooks = [
            {"url": c.get("url"), "on_status": c.get("on_status")}
            for c in final.item.get("callbacks") or []
            if isinstance(c, dict)
        ]
        expect.equal(final, "callbacks", hooks, [hook])

    lab.run_case("seed: upload files, then finalize the work item", body)


def remote_upload_then_confirm(lab: Lab) -> None:
    def body(expect: Expect) -> None:
        grant = lab.api.request_remote_upload("document.pdf")
        item_id = lab.created(expect, grant)
        url, form = grant.item.get("upload_url"), grant.item.get("upload_form_data")
        file_id, file_ref = grant.item.get("file_id"), grant.item.get("file_ref")
        expect.require(
            expect.true(
                isinstance(url, str) and isinstance(form, dict) and isinstance(file_id, str),
                grant,
                "upload_url, upload_form_data and file_id",
                grant.summary(),
            )
        )
        expect.equal(grant, "file_ref", file_ref, "document.pdf")
        sent = lab.api.send_bytes(
            str(url),
            {str(k): str(v) for k, v in dict(form).items()},  # type: ignore[arg-type]
            "document.pdf",
        )
        expect.require(
            expect.true(
                200 <= sent.status < 300, sent, "the upload URL takes the file", sent.summary()
            )
        )
        confirmed = lab.api.confirm(item_id, str(file_ref), str(file_id))
        expect.require(expect.status(confirmed, 200))
        expect.equal(confirmed, "body", confirmed.body, {"work_item_id": item_id})
        after = lab.api.get(item_id)
        expect.equal(
            after, "files", _file_refs(after), [("document.pdf", len(pdf("document.pdf")))]
        )

    lab.run_case("seed: remote upload, then confirm the file", body)


SCENARIOS = [upload_then_finalize, remote_upload_then_confirm]
