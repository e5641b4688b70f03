"""A `drop` fault cuts the connection, on the threaded server and on granian alike."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request

import pytest

from mock_server.client import ControlClient
from tests.support.served import served


def get_list(base_url: str) -> int:
    request = urllib.request.Request(f"{base_url}/api/v1/work-items")
    request.add_header("Authorization", "Bearer local-dev-key")
    with urllib.request.urlopen(request, timeout=5) as response:
        response.read()
        return int(response.status)


def assert_dropped(base_url: str) -> None:
    with pytest.raises((http.client.HTTPException, urllib.error.URLError, ConnectionError)):
        get_list(base_url)


def test_a_dropped_connection_on_the_threaded_server(workitems_mock):
    workitems_mock.control.add_fault(operation="listWorkItems", drop=True, times=1)

    assert_dropped(workitems_mock.base_url)
    assert get_list(workitems_mock.base_url) == 200


@pytest.mark.served
def test_a_dropped_connection_on_granian():
    with served(["--clock", "manual"]) as server:
        ControlClient(server.base_url).add_fault(operation="listWorkItems", drop=True, times=1)

        assert_dropped(server.base_url)
        assert get_list(server.base_url) == 200
