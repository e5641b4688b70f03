"""The telemetry export handler: a bounded window of outcomes, as JSON lines or CSV."""

from __future__ import annotations

from mock_server.apis.threada.domain.telemetry import FORMATS, ExportQuery
from mock_server.apis.threada.domain.windows import Window
from mock_server.apis.threada.http.context import caller, threada
from mock_server.http.operations import Call, Reply


def export_telemetry(call: Call) -> Reply:
    query = call.query
    export = ExportQuery(
        window=Window.parse(query.get("from"), query.get("to")),
        format=query["format"],
        channel_id=query.get("channel_id"),
        workflow_id=query.get("workflow_id"),
        policy_version=query.get("policy_version"),
        integration_id=query.get("integration_id"),
        outcome=query.get("outcome"),
    )
    text = threada().service.telemetry.export(caller(call), export)
    return Reply(200, text.encode("utf-8"), media_type=FORMATS[export.format])
