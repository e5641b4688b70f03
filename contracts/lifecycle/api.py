"""The Work Item API as the scenarios call it: one method per operation, every call marked."""

from __future__ import annotations

from typing import Any

from contracts.http import DEFAULT_KEY, Client, Exchange, Multipart

PDF = "application/pdf"
WORK_ITEM = "/work-items/{work_item_id}"


def pdf(title: str) -> bytes:
    """A small, well-formed PDF file."""
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"% " + title.encode() + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


class WorkItemsApi:
    """Calls with the target's key unless `key=` says otherwise (None: no Authorization)."""

    def __init__(self, client: Client, agent_id: str | None, control_plane: bool) -> None:
        self.client = client
        self.agent_id = agent_id
        self.control_plane = control_plane
        self.marker = client.target.marker

    def _prefer(self, scenario: str | None) -> dict[str, str]:
        """`Prefer: scenario=<name>` picks the emulator's simulated outcome; only sent there."""
        return {"Prefer": f"scenario={scenario}"} if scenario and self.control_plane else {}

    def create(
        self,
        body: dict[str, Any] | None = None,
        *,
        scenario: str | None = None,
        key: object = DEFAULT_KEY,
    ) -> Exchange:
        """Create (or, with `work_item_id` in the body, finalize) a work item, marked as ours."""
        sent = {"agent_id": self.agent_id, **(body or {})}
        sent["payload"] = {**sent.get("payload", {}), **self.marker}
        return self.client.call(
            "POST",
            "/work-items",
            operation="POST /work-items",
            json_body=sent,
            headers=self._prefer(scenario),
            key=key,
        )

    def get(self, item_id: str, *, results: bool = False, key: object = DEFAULT_KEY) -> Exchange:
        return self.client.call(
            "GET",
            f"/work-items/{item_id}",
            operation=f"GET {WORK_ITEM}",
            params={"results": "true"} if results else None,
            key=key,
        )

    def list(self, key: object = DEFAULT_KEY, **params: Any) -> Exchange:
        return self.client.call(
            "GET", "/work-items", operation="GET /work-items", params=params, key=key
        )

    def upload(
        self, name: str, *, work_item_id: str | None = None, key: object = DEFAULT_KEY
    ) -> Exchange:
        """Attach a PDF called `name` (to a new PRECREATED item unless `work_item_id`)."""
        parts: dict[str, Any] = {"file": (name, pdf(name), PDF)}
        if work_item_id is not None:
            parts["work_item_id"] = work_item_id
        return self._upload_file(parts, key)

    def request_remote_upload(self, name: str, *, work_item_id: str | None = None) -> Exchange:
        """Ask where to send the bytes of `name` (the file given by name, not content)."""
        parts: dict[str, Any] = {"file": name}
        if work_item_id is not None:
            parts["work_item_id"] = work_item_id
        return self._upload_file(parts, DEFAULT_KEY)

    def _upload_file(self, parts: Multipart, key: object) -> Exchange:
        return self.client.call(
            "POST",
            "/work-items/upload-file",
            operation="POST /work-items/upload-file",
            multipart=parts,
            key=key,
        )

    def send_bytes(self, upload_url: str, form: dict[str, str], name: str) -> Exchange:
        """POST the file to a remote upload URL, as to a pre-signed S3 form (no API key)."""
        parts: dict[str, Any] = {**form, "file": (name, pdf(name), PDF)}
        return self.client.call(
            "POST",
            upload_url,
            operation="POST upload_url",
            multipart=parts,
            key=None,
            absolute=True,
        )

    def confirm(
        self, item_id: str, file_ref: str, file_id: str, key: object = DEFAULT_KEY
    ) -> Exchange:
        return self.client.call(
            "POST",
            f"/work-items/{item_id}/confirm-file",
            operation=f"POST {WORK_ITEM}/confirm-file",
            json_body={"file_ref": file_ref, "file_id": file_id},
            key=key,
        )

    def act(
        self, item_id: str, action: str, *, scenario: str | None = None, key: object = DEFAULT_KEY
    ) -> Exchange:
        """continue, restart, cancel or complete."""
        return self.client.call(
            "POST",
            f"/work-items/{item_id}/{action}",
            operation=f"POST {WORK_ITEM}/{action}",
            headers=self._prefer(scenario),
            key=key,
        )
