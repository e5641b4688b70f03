"""The `/_mock` control plane: what a test or a developer can do to the emulator, any API."""

from __future__ import annotations

from flask import Blueprint


def control_plane() -> list[Blueprint]:
    """The shared control-plane blueprints (each API adds its own parts)."""
    from mock_server.admin import (
        apis,
        clock,
        deliveries,
        faults,
        inbox,
        inspector,
        journal,
        routes,
        state,
    )

    return [
        routes.bp,
        apis.bp,
        clock.bp,
        state.bp,
        deliveries.bp,
        journal.bp,
        faults.bp,
        inbox.bp,
        *inspector.blueprints(),
    ]
