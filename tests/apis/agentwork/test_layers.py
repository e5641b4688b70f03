"""Agentwork's domain is pure and its engine free of the web framework, as ARCHITECTURE.md asks."""

from __future__ import annotations

import pytest

from tests.test_layers import ROOT, WEB_FRAMEWORKS, imports_of, modules_under

PACKAGE = "mock_server/apis/agentwork"


@pytest.mark.parametrize("part", ["domain", "engine"])
def test_no_web_framework_below_the_http_layer(part):
    for module in modules_under(f"{PACKAGE}/{part}"):
        roots = {name.split(".")[0] for name in imports_of(module)}
        assert not roots & WEB_FRAMEWORKS, f"{module.relative_to(ROOT)} imports {roots}"


def test_the_domain_imports_only_the_core_and_itself():
    allowed = ("mock_server.core", "mock_server.apis.agentwork.domain")
    for module in modules_under(f"{PACKAGE}/domain"):
        inner = {name for name in imports_of(module) if name.startswith("mock_server")}
        assert not {name for name in inner if not name.startswith(allowed)}, module


def test_the_engine_imports_no_other_api():
    for module in modules_under(f"{PACKAGE}/engine"):
        apis = {name for name in imports_of(module) if name.startswith("mock_server.apis.")}
        assert all(name.startswith("mock_server.apis.agentwork") for name in apis), module
