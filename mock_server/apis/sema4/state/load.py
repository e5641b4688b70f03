"""Reads the Sema4 part of a state document back, checked whole before anything is applied."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mock_server.apis.sema4.domain.model import Callback, PendingUpload, StoredFile, WorkItem
from mock_server.apis.sema4.domain.profile import Profile
from mock_server.apis.sema4.engine.history import Transition
from mock_server.apis.sema4.engine.scenarios import ScenarioError, check_scenario
from mock_server.apis.sema4.engine.simulator import PlannedStep
from mock_server.apis.sema4.state.document import Sema4Part, UploadPart, WorkItemPart
from mock_server.hosting.state import StateError
from mock_server.state.plain import from_base64

if TYPE_CHECKING:
    from mock_server.apis.sema4.runtime import Sema4Runtime

# The sections a version-1 document kept at its top, when the Sema4 API was the only one.
VERSION_1_SECTIONS = (
    "profile", "agents", "keys", "scenarios", "work_items", "pending_uploads", "agent_steps",
)  # fmt: skip


def part_of_version_1(document: Mapping[str, Any]) -> dict[str, Any] | None:
    if "work_items" not in document:
        return None
    return {name: document[name] for name in VERSION_1_SECTIONS if name in document}


def parse_part(raw: Any, profile: Profile) -> Sema4Part:
    if not isinstance(raw, dict):
        raise StateError("must be an object")
    if raw.get("profile") != profile.name:
        raise StateError(
            f"profile: state is for profile {raw.get('profile')!r}, not {profile.name!r}"
        )
    try:
        part = Sema4Part.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise StateError(f"{where}: {first['msg']}") from None
    _check_consistency(part, profile)
    return part


def _check_consistency(part: Sema4Part, profile: Profile) -> None:
    for scenario in (s.to_scenario(s.name) for s in part.scenarios):
        try:
            check_scenario(scenario, profile)
        except ScenarioError as error:
            raise StateError(str(error)) from None
    seen: set[str] = set()
    for position, item in enumerate(part.work_items):
        if item.work_item_id in seen:
            raise StateError(f"work_items.{position}: work item {item.work_item_id!r} twice")
        seen.add(item.work_item_id)
        if item.status not in profile.statuses:
            raise StateError(f"work_items.{position}.status: unknown status {item.status!r}")
        for entry, transition in enumerate(item.history):
            for status in (transition.previous, transition.status):
                if status is not None and status not in profile.statuses:
                    raise StateError(
                        f"work_items.{position}.history.{entry}: unknown status {status!r}"
                    )
    for position, step in enumerate(part.agent_steps):
        if step.work_item_id not in seen:
            raise StateError(f"agent_steps.{position}: no work item {step.work_item_id!r}")


# Fields the document and the model share by name and type are copied as they are; only the
# ones written differently (tuples, nested records, base64) are converted here.
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
                content=from_base64(f.content_base64, f"file {f.file_id}"),
            )
            for f in part.files
        ),
    )


def _upload(part: UploadPart) -> PendingUpload:
    content = (
        from_base64(part.content_base64, f"upload {part.file_id}") if part.content_base64 else None
    )
    return PendingUpload(**part.model_dump(exclude={"content_base64"}), content=content)


def prepare_part(api: Sema4Runtime, raw: Any) -> Callable[[], None]:
    """Check the part and decode it; what is returned applies it and cannot fail."""
    part = parse_part(raw, api.profile)
    items = [_work_item(p) for p in part.work_items]
    uploads = [_upload(u) for u in part.pending_uploads]
    histories = [
        (p.work_item_id, [Transition(t.at, t.previous, t.status, t.action) for t in p.history])
        for p in part.work_items
    ]

    def apply() -> None:
        with api.lock:
            api.agents.replace_all(a.to_agent() for a in part.agents)
            api.keys.replace_all(k.to_key() for k in part.keys)
            api.simulator.scenarios = {s.name: s.to_scenario(s.name) for s in part.scenarios}
            for item in items:
                api.items.store.add(item)
            for work_item_id, transitions in histories:
                api.status_history.restore(work_item_id, transitions)
            api.files.pending.update({u.file_id: u for u in uploads})
            for step in part.agent_steps:
                api.simulator.plan(PlannedStep(step.work_item_id, step.run, step.step, step.due))

    return apply
