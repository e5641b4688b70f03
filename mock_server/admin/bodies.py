"""Parses control-plane request bodies with pydantic, failing in the error envelope."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import request
from pydantic import BaseModel, ConfigDict, ValidationError

from mock_server.core.errors import BadRequest, ValidationFailed
from mock_server.core.jsontext import JsonRefused, strict_loads

M = TypeVar("M", bound=BaseModel)


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def parse_document() -> Any:
    """The JSON body as it is (an empty body is `{}`); BadRequest when it is not JSON."""
    raw = request.get_data(cache=True)
    try:
        return strict_loads(raw) if raw.strip() else {}
    except JsonRefused as error:
        raise BadRequest(f"Malformed JSON body: {error}.", field="body") from None


def parse(model: type[M]) -> M:
    """The JSON body as `model`; an empty body means all defaults."""
    document = parse_document()
    try:
        return model.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in ("body", *first["loc"]))
        raise ValidationFailed(
            f"Request validation failed: {where}: {first['msg']}", field=where, issue=first["msg"]
        ) from None
