"""Domain errors: each carries a kind and a message, never an HTTP status.

`code` is the error's kind. Each API plug-in maps a kind to its own status code and wire
envelope: an illegal lifecycle move is 412 in the Sema4 API and 400 in Agentwork's. An API
with finer reason codes of its own sets `reason` on its error classes; the kind still decides
the status, so any envelope (the control plane's included) answers the right one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


class DomainError(Exception):
    """An error a client caused; the HTTP layer maps `code` to a status and an envelope.

    `data` holds facts about the error that some envelopes carry as fields of their own (the
    id that was not found, a size and its limit); envelopes without such fields ignore it.
    """

    code: ClassVar[str] = "bad_request"
    reason: ClassVar[str | None] = None  # the API's own name for the error, if it has one

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        issue: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.issue = issue
        self.data = data


class BadRequest(DomainError):
    code = "bad_request"


class MalformedBody(BadRequest):
    """A body that is not what its Content-Type says (JSON that does not parse). A bad request
    to most APIs; an API may answer it otherwise (a FastAPI app answers 422)."""

    code = "malformed_body"


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


class IllegalMove(DomainError):
    """An action the lifecycle table does not allow from the resource's current status."""

    code = "illegal_move"


class Conflict(DomainError):
    code = "conflict"


class PaymentRequired(DomainError):
    code = "payment_required"


class UnsupportedMediaType(DomainError):
    code = "unsupported_media_type"


class ValidationFailed(DomainError):
    code = "unprocessable_entity"


class TooManyRequests(DomainError):
    code = "too_many_requests"


class ServiceUnavailable(DomainError):
    code = "service_unavailable"


class RequestTimeout(DomainError):
    """The client did not send its request in time."""

    code = "request_timeout"
