"""Negative multipart cases whose mutation never reached the wire: not the target's fault."""

from __future__ import annotations

from collections.abc import Mapping
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import jsonschema_rs
from schemathesis import Case, Response
from schemathesis.core.failures import AcceptedNegativeData, Failure

from contracts.spec import load_spec

MULTIPART = "multipart/form-data"


def form_as_sent(body: bytes, content_type: str) -> dict[str, str] | None:
    """The fields a server reads from a multipart body; a file part reads as an empty string.

    A file is `type: string, format: binary` in the contract, so any file part satisfies it;
    the first of repeated fields counts, as Flask and most servers read them.
    """
    if not content_type.lower().startswith(MULTIPART):
        return None
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace") + body
    )
    if not message.is_multipart():
        return None
    fields: dict[str, str] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or name in fields:
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and part.get_filename() is None:
            fields[name] = payload.decode(errors="replace")
        else:
            fields[name] = ""  # a file part
    return fields


def valid_as_sent(schema: Mapping[str, Any], body: bytes, content_type: str) -> bool:
    """Whether the multipart body on the wire satisfies the operation's form schema."""
    fields = form_as_sent(body, content_type)
    return fields is not None and jsonschema_rs.validator_for(dict(schema)).is_valid(fields)


def is_multipart_false_positive(failure: Failure, case: Case[Any], response: Response) -> bool:
    """ST201 on a multipart body that was valid as sent, nothing else in the case negative.

    Why: Schemathesis mutates a form field into an array, object or null, but multipart can
    only carry text, so the mutation vanishes (`[]`) or turns into valid text (`"null"`).
    Its own "valid as sent" test then crashes on the file part (4.32: `Unsupported type
    'Binary'`) and reports the target for accepting valid input.
    """
    if not isinstance(failure, AcceptedNegativeData) or case.media_type != MULTIPART:
        return False
    meta = case.meta
    if meta is None or any(
        component.mode.is_negative
        for location, component in meta.components.items()
        if location.value != "body"
    ):
        return False
    body = response.request.body
    schema = _form_schema(case.operation.path, case.method)
    if not isinstance(body, bytes) or schema is None:
        return False
    return valid_as_sent(schema, body, response.request.headers.get("Content-Type", ""))


def _form_schema(path: str, method: str) -> Mapping[str, Any] | None:
    operation = load_spec()["paths"].get(path, {}).get(method.lower(), {})
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get(MULTIPART, {}).get("schema")
    return schema if isinstance(schema, Mapping) and "$ref" not in schema else None
