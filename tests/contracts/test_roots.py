"""`--base-url` takes any API root a user has: by its path, or by asking the server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from contracts.roots import resolve_base_url
from contracts.target import api_root
from mock_server.app import create_app
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings
from mock_server.testing import BackgroundServer, serve_in_background

KEY = "local-dev-key"


@pytest.mark.parametrize(
    ("given", "root"),
    [
        ("http://host:8000/api/public/v1", "http://host:8000/api/public/v1"),
        ("http://host:8000/api/public/v1/work-items", "http://host:8000/api/public/v1"),
        ("https://host/tenants/t-1/api/v2/", "https://host/tenants/t-1/api/v2"),
        ("http://host/custom/mount/work-items", "http://host/custom/mount"),
        ("http://host/work-items", "http://host"),
    ],
)
def test_a_path_that_says_where_the_api_is_is_taken_as_it_is(given, root):
    assert api_root(given) == root
    assert resolve_base_url(given, KEY) == given  # nothing asked


class MountedAtRoot:
    """A deployment that serves the API at `/work-items`, straight under its root."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if not environ["PATH_INFO"].startswith("/_mock"):
            environ["PATH_INFO"] = "/api/v1" + environ["PATH_INFO"]
        return self.app(environ, start_response)


@pytest.fixture
def emulator() -> Iterator[BackgroundServer]:
    served = serve_in_background(
        lambda port: create_app(Settings(port=port, clock_mode=ClockMode.MANUAL))
    )
    yield served
    served.stop()


@pytest.fixture
def root_mounted(emulator: BackgroundServer) -> Iterator[str]:
    proxy = serve_in_background(lambda port: MountedAtRoot(emulator.app))  # type: ignore[arg-type,return-value]
    yield proxy.base_url
    proxy.stop()


def test_a_bare_emulator_url_resolves_to_its_api_v1(emulator):
    resolved = resolve_base_url(emulator.base_url, KEY)

    assert api_root(resolved) == emulator.base_url + "/api/v1"


def test_a_deployment_mounted_at_its_root_is_found_there(root_mounted):
    resolved = resolve_base_url(root_mounted, KEY)

    assert api_root(resolved) == root_mounted


def test_an_endpoint_url_is_found_under_api_v1_and_nothing_answering_keeps_the_old_rule(emulator):
    endpoint = emulator.base_url + "/tenants/local"

    assert api_root(resolve_base_url(endpoint, KEY)) == endpoint + "/api/v1"
    assert resolve_base_url(endpoint, "wrong-key") == endpoint


@pytest.mark.parametrize("where", ["public", "root"])
def test_verify_checks_a_deployment_at_api_public_v1_or_at_its_root(capsys, emulator, where):
    from mock_server.cli import main

    if where == "public":
        base_url = emulator.base_url + "/api/public/v1"
        status = main(["verify", "--suite", "lifecycle", "--base-url", base_url, "--api-key", KEY])
    else:
        proxy = serve_in_background(lambda port: MountedAtRoot(emulator.app))  # type: ignore[arg-type,return-value]
        try:
            base_url = proxy.base_url
            status = main(
                ["verify", "--suite", "lifecycle", "--base-url", base_url, "--api-key", KEY]
            )
        finally:
            proxy.stop()

    out = capsys.readouterr().out
    assert status == 0, out
    assert f"- Target: {base_url}\n" in out
