"""File attachments: direct uploads, and remote uploads that are sent first and confirmed later."""

from __future__ import annotations

import dataclasses

from mock_server.apis.sema4.domain.model import PendingUpload, Principal, StoredFile, WorkItem
from mock_server.apis.sema4.domain.rules import check_file_name, check_file_size
from mock_server.apis.sema4.domain.service import WorkItemService
from mock_server.core.atomic import UndoableDict
from mock_server.core.errors import BadRequest, Forbidden, NotFound
from mock_server.core.schema import Schema


class FileService:
    """Attaches files to work items in the stub status, through the work-item service.

    `name_rule` is the contract's schema for a file name (`FileName`).
    """

    def __init__(self, items: WorkItemService, max_file_bytes: int, name_rule: Schema) -> None:
        self.items = items
        self.max_file_bytes = max_file_bytes
        self.name_rule = name_rule
        self.pending: dict[str, PendingUpload] = UndoableDict()  # undone with a failed unit
        items.on_removed(self._forget_uploads_of)

    def clear(self) -> None:
        with self.items.lock:
            self.pending.clear()

    def _forget_uploads_of(self, item: WorkItem) -> None:
        for file_id, pending in list(self.pending.items()):
            if pending.work_item_id == item.work_item_id:
                del self.pending[file_id]

    def upload(
        self,
        who: Principal,
        work_item_id: str | None,
        name: str,
        content: bytes,
        content_type: str,
    ) -> tuple[WorkItem, StoredFile]:
        """Attach `content` as `name`, creating a stub work item when no id is given."""
        check_file_name(name, self.name_rule)
        check_file_size(len(content), self.max_file_bytes)
        with self.items.lock:
            target = self._attachable(who, work_item_id, name)
            stored = StoredFile(
                self.items.ids.uuid("file"), name, content_type, content, self.items.clock.now()
            )
            return self._attach(who, target, stored), stored

    def request_remote(self, who: Principal, work_item_id: str | None, name: str) -> PendingUpload:
        """Promise an upload URL for `name`; nothing is attached until it is confirmed."""
        check_file_name(name, self.name_rule)
        with self.items.lock:
            target = self._attachable(who, work_item_id, name)
            item = target or self.items.add_stub(who)
            pending = PendingUpload(
                file_id=self.items.ids.uuid("file"),
                file_ref=name,
                work_item_id=item.work_item_id,
                tenant_id=who.tenant_id,
                token=self.items.ids.secret(),  # unguessable even when seeded
            )
            self.pending[pending.file_id] = pending
            return pending

    def receive_remote(self, file_id: str, token: str, content: bytes, content_type: str) -> None:
        """Take the bytes a client posted to a remote upload URL."""
        check_file_size(len(content), self.max_file_bytes)
        with self.items.lock:
            pending = self.pending.get(file_id)
            if pending is None:
                raise NotFound(f"No upload is expected for file {file_id}.", field="file_id")
            if token != pending.token:
                raise Forbidden("The upload token does not match this upload.", field="token")
            self.pending[file_id] = dataclasses.replace(
                pending, content=content, content_type=content_type
            )

    def confirm(self, who: Principal, work_item_id: str, file_ref: str, file_id: str) -> WorkItem:
        """Attach a remotely uploaded file to its work item."""
        with self.items.lock:
            item = self.items.get(who.tenant_id, work_item_id)
            self.items.profile.target("attach_file", item.status)
            pending = self.pending.get(file_id)
            # DEVIATION: the platform records any file_id and file_ref; a mismatch is a client bug.
            if pending is None or pending.work_item_id != item.work_item_id:
                raise BadRequest(
                    f"Unknown file_id {file_id} for work item {work_item_id}.",
                    field="file_id",
                    issue="request a remote upload with upload-file first",
                )
            if pending.file_ref != file_ref:
                raise BadRequest(
                    f"file_ref {file_ref!r} does not match the upload of {pending.file_ref!r}.",
                    field="file_ref",
                    issue=f"file {file_id} was requested as {pending.file_ref!r}",
                )
            self._check_unique(item, file_ref)
            # FIDELITY: as the platform, confirming does not check that the bytes arrived; a
            # file confirmed first is attached empty, as text/plain.
            arrived = pending.content is not None
            content_type = pending.content_type if arrived else "text/plain"
            content = pending.content or b""
            stored = StoredFile(file_id, file_ref, content_type, content, self.items.clock.now())
            del self.pending[file_id]
            return self._attach(who, item, stored)

    def _attachable(self, who: Principal, work_item_id: str | None, name: str) -> WorkItem | None:
        """The existing item to attach to (checked), or None when a stub must be created."""
        if work_item_id is None:
            return None
        item = self.items.get(who.tenant_id, work_item_id)
        self.items.profile.target("attach_file", item.status)
        self._check_unique(item, name)
        return item

    @staticmethod
    def _check_unique(item: WorkItem, name: str) -> None:
        if item.file_named(name) is not None:
            raise BadRequest(
                f"File {name} already exists in work item {item.work_item_id}.",
                field="file",
                issue="file names must be unique within a work item",
            )

    def _attach(self, who: Principal, item: WorkItem | None, stored: StoredFile) -> WorkItem:
        if item is None:
            return self.items.add_stub(who, files=(stored,))
        files = (*item.files, stored)
        return self.items.commit(item, "attach_file", files=files)
