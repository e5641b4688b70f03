"""Adds the owning API's own headers (a request id, rate-limit state) to each of its answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Flask, Response

HeadersFor = Callable[[int], Mapping[str, str]]  # the answer's status -> headers to add


def install(app: Flask, headers_for: HeadersFor) -> None:
    """After every view and error handler: add each header the answer does not carry yet."""

    @app.after_request
    def _add(response: Response) -> Response:
        for name, value in headers_for(response.status_code).items():
            response.headers.setdefault(name, value)
        return response
