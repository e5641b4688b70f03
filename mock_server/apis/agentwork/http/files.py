"""The emulator's stand-in for the pre-signed S3 URLs of a result's files."""

from __future__ import annotations

from mock_server.apis.agentwork.http.context import agentwork
from mock_server.http.operations import Call, Reply


def download_result_file(call: Call) -> Reply:
    """The file's bytes for a URL that is neither expired nor tampered with (else 403)."""
    found = agentwork(call).tasks.download(
        call.path["file_id"], call.query["expires"], call.query["signature"]
    )
    name = found.name.rsplit("/", 1)[-1].replace('"', "")
    return Reply(
        200,
        found.content.encode("utf-8"),
        {"Content-Disposition": f'attachment; filename="{name}"'},
        media_type="application/octet-stream",
    )
