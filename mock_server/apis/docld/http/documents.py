"""Handlers of uploads (multipart) and documents."""

from __future__ import annotations

from mock_server.apis.docld.domain.documents import DocumentQuery, Upload
from mock_server.apis.docld.domain.invalid import refuse
from mock_server.apis.docld.domain.scenarios import DEFAULT_DOCUMENT
from mock_server.apis.docld.domain.views import document_json
from mock_server.apis.docld.http.context import docld
from mock_server.http.operations import Call, Reply
from mock_server.http.parsing import Form
from mock_server.http.prefer import preference


def upload_document(call: Call) -> Reply:
    api = docld()
    form: Form = call.body
    part = form.files.get("file")
    if part is None:
        refuse("file", "must be a file part (multipart/form-data with a file name)")
    scenario = preference(call.headers, "scenario")
    applied = {}
    if scenario is not None:
        api.check_scenario("document", scenario)
        applied = {"Preference-Applied": f"scenario={scenario}"}
    upload = Upload(
        name=part.filename or "",
        size_bytes=len(part.read()),
        mime_type=part.mimetype or None,
        knowledge_base_id=form.fields.get("knowledge_base_id"),
        organization_id=form.fields.get("organization_id"),
        scenario=scenario or DEFAULT_DOCUMENT,
    )
    document = api.domain.documents.upload(call.principal, upload)
    return Reply(201, {"document": document_json(document)}, applied)


def list_documents(call: Call) -> Reply:
    query = call.query
    found = docld().domain.documents.list(
        call.principal.tenant_id,
        DocumentQuery(
            query.get("query"), query.get("status"), query.get("file_type"), query["limit"]
        ),
    )
    return Reply(200, {"documents": [document_json(d) for d in found]})


def get_document(call: Call) -> Reply:
    document = docld().domain.documents.get(call.principal.tenant_id, call.path["document_id"])
    return Reply(200, {"document": document_json(document)})
