"""Handlers for file uploads, and the emulator's stand-in for a pre-signed upload URL."""

from __future__ import annotations

from flask import Blueprint, Response, request

from mock_server.apis.sema4.http.context import sema4
from mock_server.apis.sema4.http.representation import remote_upload_json
from mock_server.core.errors import ValidationFailed
from mock_server.http.operations import Call, Reply
from mock_server.http.parsing import Form

UPLOAD_PATH = "/storage/uploads/<file_id>"


def _target_work_item(call: Call, form: Form) -> str | None:
    """The query's work_item_id, else the form's; an empty value counts as none."""
    # FIDELITY: the platform reads work_item_id from the query string only, so the query wins;
    # the docs put it in the form, so the form counts when the query has none.
    return call.query.get("work_item_id") or form.fields.get("work_item_id") or None


def upload_file(call: Call) -> Reply:
    form: Form = call.body
    emulator = sema4(call)
    work_item_id = _target_work_item(call, form)
    part = form.files.get("file")
    if part is None:
        pending = emulator.files.request_remote(call.principal, work_item_id, form.fields["file"])
        url = emulator.settings.base_url + UPLOAD_PATH.replace("<file_id>", pending.file_id)
        return Reply(200, remote_upload_json(pending, url))
    item, stored = emulator.files.upload(
        call.principal,
        work_item_id,
        part.filename or "",
        part.read(),
        part.mimetype or "application/octet-stream",
    )
    return Reply(
        200,
        {"work_item_id": item.work_item_id, "file_id": stored.file_id, "file_ref": stored.file_ref},
    )


def confirm_file(call: Call) -> Reply:
    item = sema4(call).files.confirm(
        call.principal, call.path["work_item_id"], call.body["file_ref"], call.body["file_id"]
    )
    return Reply(200, {"work_item_id": item.work_item_id})


storage = Blueprint("storage", __name__)


@storage.post(UPLOAD_PATH)
def receive_upload(file_id: str) -> Response:
    """Takes the bytes of a remote upload, as S3 takes a pre-signed POST (answers 204)."""
    part = request.files.get("file")
    if part is None:
        raise ValidationFailed("The upload needs a 'file' part.", field="file", issue="is required")
    sema4().files.receive_remote(
        file_id,
        request.form.get("token", ""),
        part.read(),
        part.mimetype or "application/octet-stream",
    )
    return Response(status=204)
