"""The one way the domain refuses a request field: ValidationFailed naming the field."""

from __future__ import annotations

from typing import NoReturn

from mock_server.core.errors import ValidationFailed


def refuse(field: str, issue: str) -> NoReturn:
    """Raise the 400 DocLD answers for a broken rule; `field` becomes the error's `param`."""
    raise ValidationFailed(f"Invalid {field}: {issue}.", field=field, issue=issue)
