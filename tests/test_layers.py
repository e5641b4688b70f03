"""The dependency rule of ARCHITECTURE.md, enforced on the import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEB_FRAMEWORKS = {"flask", "werkzeug", "granian"}
PURE_PACKAGES = ["mock_server/core", "mock_server/workitems"]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules_under(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", PURE_PACKAGES)
def test_the_domain_core_imports_no_web_framework(folder):
    for module in modules_under(folder):
        roots = {name.split(".")[0] for name in imports_of(module)}
        assert not roots & WEB_FRAMEWORKS, (
            f"{module.relative_to(ROOT)} imports {roots & WEB_FRAMEWORKS}"
        )


def test_the_generic_core_knows_nothing_of_work_items_or_http():
    for module in modules_under("mock_server/core"):
        inner = {name for name in imports_of(module) if name.startswith("mock_server")}
        outside = {name for name in inner if not name.startswith("mock_server.core")}
        assert not outside, f"{module.relative_to(ROOT)} imports {outside}"


def test_the_work_item_domain_uses_only_the_core():
    for module in modules_under("mock_server/workitems"):
        inner = {name for name in imports_of(module) if name.startswith("mock_server")}
        allowed = ("mock_server.core", "mock_server.apis.sema4.domain")
        outside = {name for name in inner if not name.startswith(allowed)}
        assert not outside, f"{module.relative_to(ROOT)} imports {outside}"


def test_contracts_never_import_the_emulator():
    for module in modules_under("contracts"):
        offending = {name for name in imports_of(module) if name.startswith("mock_server")}
        assert not offending, f"{module.relative_to(ROOT)} imports {offending}"


def test_no_module_reads_the_system_time_except_the_clock():
    allowed = {ROOT / "mock_server/core/clock.py"}
    for module in modules_under("mock_server"):
        if module in allowed:
            continue
        text = module.read_text(encoding="utf-8")
        needles = ("datetime.now(", "datetime.utcnow(", "time.time(", "time.sleep(")
        for needle in (*needles, "perf_counter", "monotonic("):
            assert needle not in text, f"{module.relative_to(ROOT)} calls {needle}"
