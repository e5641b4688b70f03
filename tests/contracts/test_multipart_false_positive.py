"""A negative multipart case counts against the target only if it was invalid as sent."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import requests
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.core.parameters import ParameterLocation

from contracts.multipart import (
    form_as_sent,
    is_multipart_false_positive,
    query_valid_as_sent,
    valid_as_sent,
)
from contracts.schema_loader import Findings

UPLOAD_FORM = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "work_item_id": {"type": "string"},
    },
}


def _multipart(fields: dict[str, str], with_file: bool = True) -> tuple[bytes, str]:
    parts: dict[str, tuple[str | None, str | bytes] | tuple[str, bytes, str]]
    parts = {name: (None, value) for name, value in fields.items()}
    if with_file:
        parts["file"] = ("scan.webp", b"RIFF\x1a\x00\x00\x00WEBP", "image/webp")
    prepared = requests.Request("POST", "http://127.0.0.1/upload", files=parts).prepare()
    assert isinstance(prepared.body, bytes)
    return prepared.body, prepared.headers["Content-Type"]


def test_a_mutation_that_vanished_on_the_wire_is_valid_as_sent():
    # Schemathesis turned work_item_id into [] (nothing is sent) or null (sent as "null").
    body, content_type = _multipart({"work_item_id": "null", "extra": "[34070975]"})

    assert form_as_sent(body, content_type) == {
        "work_item_id": "null",
        "extra": "[34070975]",
        "file": "",
    }
    assert valid_as_sent(UPLOAD_FORM, body, content_type)


def test_a_form_missing_its_required_file_is_invalid_as_sent():
    body, content_type = _multipart({"work_item_id": "abc"}, with_file=False)

    assert form_as_sent(body, content_type) == {"work_item_id": "abc"}
    assert not valid_as_sent(UPLOAD_FORM, body, content_type)


def test_a_body_that_is_not_multipart_is_never_excused():
    assert not valid_as_sent(UPLOAD_FORM, b"file=a.pdf", "application/x-www-form-urlencoded")


UPLOAD_OPERATION = {
    "parameters": [
        {"name": "work_item_id", "in": "query", "schema": {"type": "string"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}},
        {"name": "X-Trace", "in": "header", "required": True, "schema": {"type": "string"}},
    ]
}


def test_query_parameters_the_contract_does_not_declare_are_ignored():
    url = "http://127.0.0.1/upload-file?work_item_id=&False=null&%C2%8E=x&limit=5"

    assert query_valid_as_sent(UPLOAD_OPERATION, url)


def test_a_declared_query_parameter_that_is_invalid_or_repeated_is_invalid_as_sent():
    assert not query_valid_as_sent(UPLOAD_OPERATION, "http://h/u?limit=0")
    assert not query_valid_as_sent(UPLOAD_OPERATION, "http://h/u?limit=x")
    assert not query_valid_as_sent(UPLOAD_OPERATION, "http://h/u?work_item_id=a&work_item_id=b")


def test_a_missing_required_query_parameter_is_invalid_as_sent():
    operation = {"parameters": [{"name": "q", "in": "query", "required": True, "schema": {}}]}

    assert not query_valid_as_sent(operation, "http://h/u?other=1")
    assert query_valid_as_sent(operation, "http://h/u?q=1")


def _engine_report(negative: set[str], body: bytes, content_type: str, url: str) -> Any:
    """An ST201 for upload-file with its case and response, as the engine hands them over."""
    components = {
        ParameterLocation(location): SimpleNamespace(mode=SimpleNamespace(is_negative=True))
        for location in negative
    }
    case = SimpleNamespace(
        media_type="multipart/form-data",
        meta=SimpleNamespace(components=components),
        operation=SimpleNamespace(path="/work-items/upload-file"),
        method="POST",
    )
    sent = SimpleNamespace(body=body, url=url, headers={"Content-Type": content_type})
    failure = AcceptedNegativeData(
        operation="POST /work-items/upload-file",
        message="Invalid data should have been rejected",
        status_code=200,
        expected_statuses=["4xx"],
    )
    return failure, case, SimpleNamespace(request=sent)


def _judged(negative: set[str], body: bytes, content_type: str, url: str) -> bool:
    return is_multipart_false_positive(*_engine_report(negative, body, content_type, url))


UPLOAD_URL = "http://127.0.0.1/api/v1/work-items/upload-file"


def test_an_upload_valid_as_sent_is_excused_even_with_undeclared_query_parameters():
    body, content_type = _multipart({"work_item_id": "null"})

    assert _judged({"body"}, body, content_type, UPLOAD_URL)
    assert _judged({"body", "query"}, body, content_type, f"{UPLOAD_URL}?False=null&x=1")


def test_an_upload_invalid_as_sent_or_negative_elsewhere_is_still_reported():
    without_file, content_type = _multipart({"work_item_id": "a"}, with_file=False)
    valid, valid_type = _multipart({"work_item_id": "a"})

    assert not _judged({"body"}, without_file, content_type, UPLOAD_URL)
    assert not _judged({"body", "header"}, valid, valid_type, UPLOAD_URL)
    assert not _judged({"query"}, valid, valid_type, f"{UPLOAD_URL}?work_item_id=a&work_item_id=b")


def test_the_run_notes_how_many_findings_it_excused():
    body, content_type = _multipart({"work_item_id": "null"})
    findings = Findings("stateful")

    assert findings.notes() == []
    assert findings.excuse(*_engine_report({"body"}, body, content_type, UPLOAD_URL))
    assert findings.excuse(*_engine_report({"body"}, body, content_type, UPLOAD_URL))

    [note] = findings.notes()
    assert note.startswith("2 negative_data_rejection finding(s) on a multipart upload excused")
