"""`running_emulator()`: the emulator for unittest, scripts and other test frameworks."""

from __future__ import annotations

import pytest
import requests

from mock_server.testing import running_emulator


def test_an_item_completes_on_the_emulators_clock_and_the_server_stops_on_exit():
    with running_emulator() as mock:
        created = requests.post(
            f"{mock.api_url}/work-items",
            json={"agent_id": mock.agent_id, "payload": {"invoice_id": "INV-1"}},
            headers=mock.headers,
            timeout=5,
        ).json()
        mock.advance(10)
        item = requests.get(
            f"{mock.api_url}/work-items/{created['work_item_id']}", headers=mock.headers, timeout=5
        ).json()
        base_url = mock.base_url

    assert created["status"] == "PENDING"
    assert item["status"] == "COMPLETED"
    with pytest.raises(requests.ConnectionError):  # stopped when the block ends
        requests.get(f"{base_url}/_mock/health", timeout=2)


def test_two_emulators_share_nothing():
    with running_emulator() as first, running_emulator() as second:
        requests.post(
            f"{first.api_url}/work-items",
            json={"agent_id": first.agent_id, "payload": {}},
            headers=first.headers,
            timeout=5,
        )
        listed = requests.get(f"{second.api_url}/work-items", headers=second.headers, timeout=5)

    assert first.base_url != second.base_url
    assert listed.json()["records"] == []


def test_the_clock_mode_may_be_given_as_text():
    from mock_server.testing import running_emulator

    with running_emulator(clock_mode="real") as mock:
        assert mock.control.clock()["mode"] == "real"


def test_an_unknown_clock_mode_is_refused_with_the_choices():
    import pytest

    from mock_server.testing import running_emulator

    with (
        pytest.raises(ValueError, match=r"real, manual"),
        running_emulator(clock_mode="fast"),
    ):
        pass
