"""Reads a state document back into an emulator, all or nothing across every API."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mock_server.core.clock import ClockMode
from mock_server.hosting.state import StateError
from mock_server.state.document import StateDocument
from mock_server.state.export import FORMAT, VERSION
from mock_server.state.extras import fault_rules, restored_inboxes
from mock_server.webhooks.deliveries import Attempt, Delivery, Outcome

if TYPE_CHECKING:
    from mock_server.emulator import Emulator

__all__ = ["PreparedState", "StateError", "apply_state", "parse_state"]

SHARED_V1 = ("clock", "ids", "deliveries")


class PreparedState:
    """A document checked against this emulator, every API's part decoded: applying it
    cannot fail halfway."""

    def __init__(self, document: StateDocument, appliers: list[Callable[[], None]]) -> None:
        self.document = document
        self.appliers = appliers


def _upgraded(raw: dict[str, Any], emulator: Emulator) -> dict[str, Any]:
    """A version-1 document (one API, its sections at the top) in the version-2 shape."""
    parts = {}
    for name, api in emulator.apis.items():
        part = api.legacy_state_part(raw)
        if part is not None:
            parts[name] = part
    shared = {key: raw[key] for key in SHARED_V1 if key in raw}
    return {"format": FORMAT, "version": VERSION, **shared, "apis": parts}


def parse_state(raw: Any, emulator: Emulator) -> PreparedState:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise StateError(f"not a workitems-mock state document (expected format {FORMAT!r})")
    if raw.get("version") == 1:
        raw = _upgraded(raw, emulator)
    if raw.get("version") != VERSION:
        raise StateError(
            f"state version {raw.get('version')!r} is not supported; this emulator reads 1 and "
            f"{VERSION}"
        )
    try:
        document = StateDocument.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise StateError(f"{where}: {first['msg']}") from None
    return PreparedState(document, _appliers(document, emulator))


def _appliers(document: StateDocument, emulator: Emulator) -> list[Callable[[], None]]:
    unknown = sorted(set(document.apis) - set(emulator.apis))
    if unknown:
        raise StateError(
            f"apis.{unknown[0]}: this emulator does not serve API {unknown[0]!r} "
            f"(it serves {', '.join(emulator.apis)}); start it with --api {unknown[0]}"
        )
    appliers = []
    for name, part in document.apis.items():
        try:
            appliers.append(emulator.apis[name].prepare_state(part))
        except StateError as error:
            raise StateError(f"apis.{name}.{error}") from None
    return appliers


def _deliveries(document: StateDocument) -> list[Delivery]:
    return [
        Delivery(
            **d.model_dump(exclude={"body", "outcome", "attempts"}),
            body=d.body.encode("utf-8"),
            outcome=Outcome(d.outcome),
            attempts=[Attempt(**a.model_dump()) for a in d.attempts],
        )
        for d in document.deliveries
    ]


def apply_state(emulator: Emulator, prepared: PreparedState) -> None:
    """Replace everything the emulator holds with the document's content; APIs the document
    does not mention go back to their fixtures."""
    document = prepared.document
    deliveries = _deliveries(document)
    faults = fault_rules([f.model_dump() for f in document.faults])
    inboxes = restored_inboxes(document.inboxes)
    with emulator.locked():
        emulator.reset()
        emulator.clock.restore(
            document.clock.now, ClockMode(document.clock.mode), document.clock.speed
        )
        emulator.ids.reseed(document.ids.seed, document.ids.draws)
        for apply in prepared.appliers:
            apply()
        emulator.dispatcher.restore(deliveries)
        for rule in faults:
            emulator.faults.add(rule)
        emulator.inboxes.restore(inboxes)
