"""Threada's domain is pure: no web framework, and only the core and itself."""

from __future__ import annotations

from tests.test_layers import ROOT, WEB_FRAMEWORKS, imports_of, modules_under

DOMAIN = "mock_server/apis/threada/domain"
ENGINE = "mock_server/apis/threada/engine"


def test_the_domain_imports_no_web_framework_and_only_the_core_and_itself():
    modules = modules_under(DOMAIN)
    assert len(modules) > 10
    for module in modules:
        names = imports_of(module)
        assert not {n.split(".")[0] for n in names} & WEB_FRAMEWORKS, module
        inner = {n for n in names if n.startswith("mock_server")}
        allowed = ("mock_server.core", "mock_server.apis.threada.domain")
        assert {n for n in inner if not n.startswith(allowed)} == set(), module


def test_the_engine_imports_no_web_framework():
    for module in modules_under(ENGINE):
        roots = {name.split(".")[0] for name in imports_of(module)}
        assert not roots & WEB_FRAMEWORKS, module.relative_to(ROOT)
