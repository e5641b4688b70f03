"""The inspector: live HTML pages of every API's work items, deliveries, inboxes and clock."""

from __future__ import annotations

from flask import Blueprint


def blueprints() -> list[Blueprint]:
    """The inspector's routes (its modules register them on import) and the home routes."""
    from mock_server.admin.inspector import (  # noqa: F401 - each registers its routes
        actions,
        control,
        live,
        pages,
        signin,
        traffic,
    )
    from mock_server.admin.inspector.blueprint import bp
    from mock_server.admin.inspector.home import bp as home

    return [bp, home]
