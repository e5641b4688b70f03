"""DocLD's routes beside other APIs': none answers another's path; unrouted paths by claim."""

from __future__ import annotations

import re

import pytest

from tests.apis.docld.conftest import KEY


def owners(emulator) -> dict[str, str]:
    """Blueprint name -> the API it belongs to."""
    found = {}
    for api in emulator.apis.values():
        for mount in api.mounts():
            found[mount.name] = api.name
        for extra in api.extra_blueprints():
            found[extra.name] = api.name
    return found


def test_no_route_of_one_api_answers_a_path_of_another(app, emulator):
    by_blueprint = owners(emulator)
    adapter = app.url_map.bind("127.0.0.1")
    checked = 0
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.rpartition(".")[0]
        if blueprint not in by_blueprint:
            continue
        path = re.sub(r"<[^>]+>", "sample-id", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            endpoint, _ = adapter.match(path, method)
            assert by_blueprint[endpoint.rpartition(".")[0]] == by_blueprint[blueprint], (
                f"{method} {path} of {by_blueprint[blueprint]} is answered by {endpoint}"
            )
            checked += 1
    assert checked > 60


def envelope_of(body: dict) -> str:
    return "docld" if "type" in body["error"] else "other"


@pytest.mark.parametrize(
    ("path", "whose"),
    [
        ("/api/workflows/w/nothing/here", "docld"),
        ("/api/v1/workflows/w/nothing/here", "docld"),
        ("/api/v1/documents/d/status", "docld"),
        ("/api/somewhere", "docld"),
        ("/api/v1/work-items/w/nothing", "other"),
        ("/api/v1/somewhere", "other"),
        ("/api/v2/workflows", "other"),
    ],
)
def test_an_unrouted_path_is_answered_by_the_api_that_claims_it(anonymous, path, whose):
    response = anonymous.get(path, headers={"Authorization": f"Bearer {KEY}"})

    assert response.status_code == 404
    assert envelope_of(response.get_json()) == whose
