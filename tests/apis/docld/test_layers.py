"""DocLD's domain is pure: no web framework, only the core and its own package."""

from __future__ import annotations

from tests.test_layers import ROOT, WEB_FRAMEWORKS, imports_of, modules_under

DOMAIN = "mock_server/apis/docld/domain"


def test_the_docld_domain_imports_no_web_framework_and_only_the_core():
    modules = modules_under(DOMAIN)
    assert modules
    for module in modules:
        names = imports_of(module)
        roots = {name.split(".")[0] for name in names}
        assert not roots & WEB_FRAMEWORKS, module.relative_to(ROOT)
        inner = {name for name in names if name.startswith("mock_server")}
        allowed = ("mock_server.core", "mock_server.apis.docld.domain")
        assert {name for name in inner if not name.startswith(allowed)} == set(), module
