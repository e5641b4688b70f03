"""Parses control-plane request bodies with pydantic, failing in the error envelope."""

from __future__ import annotations

from typing import TypeVar

from flask import request
from pydantic import BaseModel, ConfigDict, ValidationError

from mock_server.core.errors import BadRequest, ValidationFailed
from mock_server.core.jsontext import JsonRefused, strict_loads

M = TypeVar("M", bound=BaseModel)


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def parse(model: type[M]) -> M:
    """The JSON body as `model`; an empty body means all defaults."""
    raw = request.get_data(cache=True)
    try:
        document = strict_loads(raw) if raw.strip() else {}
    except JsonRefused as error:
        raise BadRequest(f"Malformed JSON body: {error}.", field="body") from None
    try:
        return model.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in ("body", *first["loc"]))
        raise ValidationFailed(
            f"Request validation failed: {where}: {first['msg']}", field=where, issue=first["msg"]
        ) from None
