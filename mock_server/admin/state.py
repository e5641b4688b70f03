"""Reset and snapshots under /_mock: back to the fixtures, export and import everything."""

from __future__ import annotations

from flask import Blueprint, Response, request

from mock_server.admin.bodies import Body, parse
from mock_server.core.errors import BadRequest, Forbidden, NotFound, ValidationFailed
from mock_server.core.jsontext import JsonRefused, strict_loads
from mock_server.hosting.context import current_emulator
from mock_server.http.responses import json_response
from mock_server.resources import default_fixtures_dir
from mock_server.state.export import export_state
from mock_server.state.files import read_state_file
from mock_server.state.load import StateError, apply_state, parse_state
from mock_server.state.secrets import masked, unmasked
from mock_server.webhooks.addresses import is_loopback_host

bp = Blueprint("state", __name__, url_prefix="/_mock")


class Reset(Body):
    fixture_set: str | None = None


@bp.post("/reset")
def reset() -> Response:
    """Back to the fixtures, or to a named set (`fixtures/sets/<name>.json`); the clock keeps
    its time unless the set brings its own."""
    body = parse(Reset)
    emulator = current_emulator()
    if body.fixture_set is None:
        emulator.reset()
        return json_response(200, {"status": "ok"})
    name = body.fixture_set
    directory = (emulator.settings.fixtures_dir or default_fixtures_dir()) / "sets"
    path = directory / f"{name}.json"
    if "/" in name or name.startswith(".") or not path.is_file():
        raise NotFound(f"No fixture set {name!r} in {directory}.", field="fixture_set")
    try:
        apply_state(emulator, read_state_file(path, emulator))
    except StateError as error:
        raise BadRequest(
            f"Fixture set {name!r} cannot be loaded: {error}", field="fixture_set"
        ) from None
    return json_response(200, {"status": "ok", "fixture_set": name})


@bp.get("/state")
def get_state() -> Response:
    """Everything, with keys, passwords and secrets masked unless `?include_secrets=true` is
    asked for from this machine (a snapshot with them is as good as the keys themselves)."""
    document = export_state(current_emulator())
    if not _wants_secrets():
        document = masked(document)
    return json_response(200, document)


def _wants_secrets() -> bool:
    wanted = request.args.get("include_secrets", "false")
    if wanted not in ("true", "false"):
        raise ValidationFailed(
            f"include_secrets must be true or false, not {wanted!r}.",
            field="query.include_secrets",
        )
    if wanted == "false":
        return False
    if not is_loopback_host(request.remote_addr or ""):
        raise Forbidden(
            "Secrets are exported only to a client on this machine.",
            field="query.include_secrets",
            issue=f"the request came from {request.remote_addr}, not loopback",
        )
    return True


@bp.put("/state")
def put_state() -> Response:
    """Replace everything with an exported document; nothing changes if it is refused."""
    try:
        raw = strict_loads(request.get_data(cache=True))
    except JsonRefused as error:
        raise BadRequest(f"Malformed JSON body: {error}.", field="body") from None
    emulator = current_emulator()
    try:
        # A masked secret stays what this emulator has at that place (a document exported
        # without ?include_secrets=true comes back with its keys still working).
        raw = unmasked(raw, export_state(emulator))
        prepared = parse_state(raw, emulator)
    except StateError as error:
        raise ValidationFailed(f"State refused: {error}", field="body", issue=str(error)) from None
    apply_state(emulator, prepared)
    held = {name: api.count() for name, api in emulator.apis.items()}
    # `work_items`: the total, under the name it had when one API was hosted.
    answer = {"status": "ok", "resources": held, "work_items": sum(held.values())}
    return json_response(200, answer)
