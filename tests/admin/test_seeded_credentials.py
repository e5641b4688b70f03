"""A seed replays ids, never credentials: keys and upload tokens differ between seeded runs."""

from __future__ import annotations

from mock_server import create_app
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings

AUTH = {"Authorization": "Bearer local-dev-key"}


def seeded_session() -> tuple[str, str, str]:
    """(work item id, generated API key, upload token) of a fresh emulator seeded with 42."""
    client = create_app(Settings(seed=42, clock_mode=ClockMode.MANUAL)).test_client()
    key = client.post(
        "/_mock/keys", json={"name": "ci", "tenant": "default", "user_id": "ci-user"}
    ).json
    grant = client.post(
        "/api/v1/work-items/upload-file",
        data={"file": "invoice.pdf"},  # a remote upload: a precreated item and a grant
        headers=AUTH,
    ).json
    assert key is not None
    assert grant is not None
    return grant["work_item_id"], key["key"], grant["upload_form_data"]["token"]


def test_two_runs_with_one_seed_share_ids_but_not_keys_or_upload_tokens():
    first, second = seeded_session(), seeded_session()

    assert first[0] == second[0]
    assert first[1] != second[1]
    assert first[1].startswith("wim_")
    assert first[2] != second[2]
