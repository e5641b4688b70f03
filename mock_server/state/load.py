"""Reads a state document back into an emulator, all or nothing."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mock_server.apis.sema4.domain.model import Callback, PendingUpload, StoredFile, WorkItem
from mock_server.apis.sema4.domain.profile import Profile
from mock_server.apis.sema4.engine.history import Transition
from mock_server.apis.sema4.engine.scenarios import ScenarioError, check_scenario
from mock_server.apis.sema4.engine.simulator import PlannedStep
from mock_server.core.clock import ClockMode
from mock_server.state.document import StateDocument, TransitionPart, UploadPart, WorkItemPart
from mock_server.state.export import FORMAT, VERSION
from mock_server.webhooks.deliveries import Attempt, Delivery, Outcome

if TYPE_CHECKING:
    from mock_server.emulator import Emulator


class StateError(ValueError):
    """The document is not a state this emulator can load; the message says why."""


def parse_state(raw: Any, profile: Profile) -> StateDocument:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise StateError(f"not a workitems-mock state document (expected format {FORMAT!r})")
    if raw.get("version") != VERSION:
        raise StateError(
            f"state version {raw.get('version')!r} is not supported; this emulator reads {VERSION}"
        )
    if raw.get("profile") != profile.name:
        raise StateError(f"state is for profile {raw.get('profile')!r}, not {profile.name!r}")
    try:
        document = StateDocument.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise StateError(f"{where}: {first['msg']}") from None
    _check_consistency(document, profile)
    return document


def _check_consistency(document: StateDocument, profile: Profile) -> None:
    scenarios = {s.name: s.to_scenario(s.name) for s in document.scenarios}
    for scenario in scenarios.values():
        try:
            check_scenario(scenario, profile)
        except ScenarioError as error:
            raise StateError(str(error)) from None
    for position, item in enumerate(document.work_items):
        if item.status not in profile.statuses:
            raise StateError(f"work_items.{position}.status: unknown status {item.status!r}")
        for entry, transition in enumerate(item.history):
            for status in (transition.previous, transition.status):
                if status is not None and status not in profile.statuses:
                    raise StateError(
                        f"work_items.{position}.history.{entry}: unknown status {status!r}"
                    )
    known_items = {item.work_item_id for item in document.work_items}
    for position, step in enumerate(document.agent_steps):
        if step.work_item_id not in known_items:
            raise StateError(f"agent_steps.{position}: no work item {step.work_item_id!r}")


def _bytes(text: str, where: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise StateError(f"{where}: not valid base64") from None


# Fields the document and the model share by name and type are copied as they are; only the
# ones written differently (tuples, nested records, base64, enums) are converted here.
_CONVERTED_ITEM_FIELDS = {"initial_messages", "messages", "callbacks", "files", "history"}


def _work_item(part: WorkItemPart) -> WorkItem:
    return WorkItem(
        **part.model_dump(exclude=_CONVERTED_ITEM_FIELDS),
        initial_messages=tuple(part.initial_messages),
        messages=tuple(part.messages),
        callbacks=tuple(Callback(**c.model_dump()) for c in part.callbacks),
        files=tuple(
            StoredFile(
                **f.model_dump(exclude={"content_base64"}),
                content=_bytes(f.content_base64, f"file {f.file_id}"),
            )
            for f in part.files
        ),
    )


def _transition(part: TransitionPart) -> Transition:
    return Transition(part.at, part.previous, part.status, part.action)


def _upload(part: UploadPart) -> PendingUpload:
    content = _bytes(part.content_base64, f"upload {part.file_id}") if part.content_base64 else None
    return PendingUpload(**part.model_dump(exclude={"content_base64"}), content=content)


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


def apply_state(emulator: Emulator, document: StateDocument) -> None:
    """Replace everything the emulator holds with the document's content."""
    items = [_work_item(part) for part in document.work_items]  # decode before touching state
    uploads = [_upload(u) for u in document.pending_uploads]
    deliveries = _deliveries(document)
    with emulator.items.lock:
        emulator.reset()
        emulator.clock.restore(
            document.clock.now, ClockMode(document.clock.mode), document.clock.speed
        )
        emulator.ids.reseed(document.ids.seed, document.ids.draws)
        emulator.agents.replace_all(a.to_agent() for a in document.agents)
        emulator.keys.replace_all(k.to_key() for k in document.keys)
        emulator.simulator.scenarios = {s.name: s.to_scenario(s.name) for s in document.scenarios}
        for item in items:
            emulator.items.store.add(item)
        for part in document.work_items:
            emulator.history.restore(part.work_item_id, (_transition(t) for t in part.history))
        emulator.files.pending.update({u.file_id: u for u in uploads})
        for step in document.agent_steps:
            emulator.simulator.plan(PlannedStep(step.work_item_id, step.run, step.step, step.due))
        emulator.dispatcher.restore(deliveries)
