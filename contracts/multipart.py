"""Negative multipart cases whose mutation never reached the wire: not the target's fault."""

from __future__ import annotations

import json
from collections.abc import Mapping
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qs, urlsplit

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
    """ST201 on a multipart request that was valid as sent (its body, and its query but for
    parameters the contract does not declare).

    Why: Schemathesis mutates a form field into an array, object or null, but multipart can
    only carry text, so the mutation vanishes (`[]`) or turns into valid text (`"null"`).
    Its own "valid as sent" test then crashes on the file part (4.32: `Unsupported type
    'Binary'`) and reports the target for accepting valid input.
    """
    if not isinstance(failure, AcceptedNegativeData) or case.media_type != MULTIPART:
        return False
    if case.meta is None:  # a case written by hand, not generated: nothing was mutated
        return False
    components = case.meta.components.items()
    negative = {location.value for location, c in components if c.mode.is_negative}
    if not negative <= {"body", "query"}:
        return False
    sent = response.request
    operation = _operation(case.operation.path, case.method)
    schema = _form_schema(operation)
    if not isinstance(sent.body, bytes) or schema is None:
        return False
    return query_valid_as_sent(operation, sent.url or "") and valid_as_sent(
        schema, sent.body, sent.headers.get("Content-Type", "")
    )


def query_valid_as_sent(operation: Mapping[str, Any], url: str) -> bool:
    """Whether the query on the wire gives each declared parameter a valid value.

    Parameters the contract does not declare are ignored, as the emulator, the platform and
    Schemathesis's own checks treat them; a declared one repeated is invalid (one value).
    """
    sent = parse_qs(urlsplit(url).query, keep_blank_values=True)
    for parameter in operation.get("parameters", ()):
        if parameter.get("in") != "query":
            continue
        values = sent.get(parameter["name"], [])
        if not values:
            if parameter.get("required"):
                return False
            continue
        validator = jsonschema_rs.validator_for(dict(parameter.get("schema", {})))
        if len(values) > 1 or not any(validator.is_valid(v) for v in _readings(values[0])):
            return False
    return True


def _readings(text: str) -> list[Any]:
    """A query value as a server may read it: the text, or the JSON it spells (`5`, `true`)."""
    try:
        return [text, json.loads(text)]
    except ValueError:
        return [text]


def _operation(path: str, method: str) -> Mapping[str, Any]:
    found: Mapping[str, Any] = load_spec()["paths"].get(path, {}).get(method.lower(), {})
    return found


def _form_schema(operation: Mapping[str, Any]) -> Mapping[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get(MULTIPART, {}).get("schema")
    return schema if isinstance(schema, Mapping) and "$ref" not in schema else None
