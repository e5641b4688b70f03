"""Domain errors: each carries a wire code and a message, never an HTTP status."""

from __future__ import annotations

from typing import ClassVar


class DomainError(Exception):
    """An error a client caused; the HTTP layer maps `code` to a status and an envelope."""

    code: ClassVar[str] = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        issue: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.issue = issue


class BadRequest(DomainError):
    code = "bad_request"


class Unauthorized(DomainError):
    code = "unauthorized"


class Forbidden(DomainError):
    code = "forbidden"


class NotFound(DomainError):
    code = "not_found"


class MethodNotAllowed(DomainError):
    code = "method_not_allowed"


class PreconditionFailed(DomainError):
    code = "precondition_failed"


class UnsupportedMediaType(DomainError):
    code = "unsupported_media_type"


class ValidationFailed(DomainError):
    code = "unprocessable_entity"


class TooManyRequests(DomainError):
    code = "too_many_requests"
