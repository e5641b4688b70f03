"""Requests the server layer refused, answered by the app so they get its envelope and journal."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request

from mock_server.core.errors import BadRequest, DomainError, RequestTimeout

# Set in the WSGI environ by the server in front of the app (the body read timed out, was too
# large or broken): the app then answers that instead of running the view.
REFUSAL = "workitems_mock.refusal"


@dataclass(frozen=True)
class Refusal:
    status: int  # 400 or 408
    message: str
    issue: str

    def error(self) -> DomainError:
        kind = RequestTimeout if self.status == 408 else BadRequest
        return kind(self.message, field="body", issue=self.issue)


def install(app: Flask) -> None:
    """Answer a refusal the server recorded before anything else looks at the request."""

    @app.before_request
    def _refused() -> None:
        refusal: Refusal | None = request.environ.get(REFUSAL)
        if refusal is not None:
            raise refusal.error()
