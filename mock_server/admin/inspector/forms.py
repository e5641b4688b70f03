"""How the inspector's forms are handled: CSRF first, then one step, then back to the page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import redirect, request
from pydantic import ValidationError
from werkzeug.wrappers import Response

from mock_server.admin.inspector.render import page
from mock_server.admin.inspector.session import session_id, sessions
from mock_server.core.errors import DomainError

Step = Callable[..., str]  # does one thing; answers what it did, for the page's notice


def safe_next(value: str | None, default: str) -> str:
    """Only a path of the inspector itself: a form must never redirect anywhere else."""
    if (
        value
        and value.startswith("/_mock")
        and not value.startswith("//")
        and "\\" not in value
        and value.isprintable()
    ):
        return value
    return default


def field(name: str) -> str | None:
    value = request.form.get(name, "").strip()
    return value or None


def validation_message(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "form"
    return f"{where}: {first['msg']}"


def refused(reason: str) -> Response:
    return page("refused.html", status=403, reason=reason)


Handler = Callable[..., Response]


def form_action(default_next: str = "/_mock/inspector") -> Callable[[Step], Handler]:
    """Wrap a step: refuse without the session's CSRF token; report the step's outcome (or
    the domain error that stopped it) on the page the form came from."""

    def wrap(step: Step) -> Handler:
        @wraps(step)
        def handle(**kwargs: str) -> Response:
            session = session_id()
            if not sessions().csrf_ok(session, request.form.get("csrf")):
                return refused(
                    "This form is out of date or did not come from the inspector "
                    "(its CSRF token does not match your session). Reload the page and try again."
                )
            try:
                sessions().tell(session, step(**kwargs))
            except DomainError as error:
                sessions().tell(session, error.message, ok=False)
            except ValidationError as error:
                sessions().tell(session, validation_message(error), ok=False)
            target = safe_next(request.form.get("next"), default_next)
            return redirect(target, code=303)

        return handle

    return wrap
