"""Writes the emulator's state as a JSON-ready document: shared parts, then each API's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.core.clock import isoformat_z
from mock_server.state.plain import plain
from mock_server.webhooks.deliveries import Delivery

if TYPE_CHECKING:
    from mock_server.emulator import Emulator

FORMAT = "workitems-mock/state"
VERSION = 2


def _delivery(delivery: Delivery) -> dict[str, Any]:
    return {
        **plain(delivery),
        "body": delivery.body.decode("utf-8"),
        "outcome": delivery.outcome.value,
        "attempts": [plain(a) for a in delivery.attempts],
    }


def export_state(emulator: Emulator) -> dict[str, Any]:
    from mock_server.state.extras import fault_documents, inbox_documents

    """Everything an import needs to carry on exactly where this emulator stands."""
    with emulator.locked():
        clock = emulator.clock
        return {
            "format": FORMAT,
            "version": VERSION,
            "clock": {
                "now": isoformat_z(clock.now()),
                "mode": clock.mode.value,
                "speed": clock.speed,
            },
            "ids": {"seed": emulator.ids.seed, "draws": emulator.ids.draws()},
            "deliveries": [_delivery(d) for d in emulator.dispatcher.deliveries()],
            "faults": fault_documents(emulator),
            "inboxes": inbox_documents(emulator),
            "apis": {name: api.export_state() for name, api in emulator.apis.items()},
        }
