"""Which API a request belongs to: by the route that matched, else by the path's shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Request, request

from mock_server.hosting.errors import ErrorStyle
from mock_server.hosting.plugin import ApiRuntime
from mock_server.http.errors import CONTROL_PLANE_ERRORS

CONTROL_PREFIX = "/_mock"
OWNER = "workitems_mock.owner"  # the answer, kept in the environ for the request's other hooks
_NOBODY = object()


class Ownership:
    """Answers, for the current request, whose envelope, journal entry and fault rules apply."""

    def __init__(self, apis: Mapping[str, ApiRuntime], by_blueprint: Mapping[str, ApiRuntime]):
        self._apis = list(apis.values())
        self._by_blueprint = dict(by_blueprint)

    def owner(self, req: Request | None = None) -> ApiRuntime | None:
        """The API of the matched route; for a path no route matched (404, 405), the API that
        claims the path most specifically, else the first one; None for the control plane.

        Hooks that hold the request object pass it: the `request` proxy costs a context lookup
        per attribute, and this runs several times per request."""
        if req is None:
            req = request._get_current_object()  # type: ignore[attr-defined]
        environ = req.environ
        found: ApiRuntime | object | None = environ.get(OWNER, _NOBODY)
        if found is _NOBODY:
            found = environ[OWNER] = self._owner_of(req)
        assert found is None or isinstance(found, ApiRuntime)
        return found

    def _owner_of(self, req: Request) -> ApiRuntime | None:
        blueprint = req.blueprint
        if blueprint is not None and blueprint in self._by_blueprint:
            return self._by_blueprint[blueprint]
        path = req.path
        if path.startswith(CONTROL_PREFIX) or not self._apis:
            return None
        best, score = self._apis[0], 0
        for api in self._apis:
            claim = api.claims(path)
            if claim > score:
                best, score = api, claim
        return best

    def style(self) -> ErrorStyle:
        owner = self.owner()
        return owner.errors if owner is not None else CONTROL_PLANE_ERRORS

    def api_name(self) -> str | None:
        owner = self.owner()
        return owner.name if owner is not None else None

    def resource_of(
        self, req: Request, status: int, document: object
    ) -> tuple[str | None, str | None]:
        owner = self.owner()
        if owner is None:
            return None, None
        view_args: Mapping[str, Any] = req.view_args or {}
        return owner.name, owner.resource_of(view_args, req.method, status, document)

    def situation(self) -> tuple[str | None, str | None]:
        """(api, status of the resource the path names), for fault rules on a status."""
        owner = self.owner()
        if owner is None:
            return None, None
        resource = owner.resource_of(request.view_args or {}, request.method, 0, None)
        return owner.name, owner.resource_status(resource) if resource else None
