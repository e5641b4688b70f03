"""A negative multipart case counts against the target only if it was invalid as sent."""

from __future__ import annotations

import requests

from contracts.multipart import form_as_sent, query_valid_as_sent, valid_as_sent

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
