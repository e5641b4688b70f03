"""The dependency rule of ARCHITECTURE.md, enforced on the import statements."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEB_FRAMEWORKS = {"flask", "werkzeug", "granian"}
API_PACKAGES = sorted(
    p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "mock_server/apis").glob("*/__init__.py")
)
API_NAMES = {Path(p).name for p in API_PACKAGES}
# Every API's pure domain, and the generic core.
PURE_PACKAGES = [
    "mock_server/core",
    *(f"{p}/domain" for p in API_PACKAGES if (ROOT / p / "domain").is_dir()),
]
SHARED_MODULES = [
    m
    for m in sorted((ROOT / "mock_server").rglob("*.py"))
    if "apis" not in m.relative_to(ROOT).parts
]


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


@pytest.mark.parametrize("package", API_PACKAGES)
def test_an_api_domain_uses_only_the_core_and_itself(package):
    dotted = package.replace("/", ".")
    modules = modules_under(f"{package}/domain")
    assert modules, f"{package} has no domain package"
    for module in modules:
        inner = {name for name in imports_of(module) if name.startswith("mock_server")}
        outside = {name for name in inner if not name.startswith(("mock_server.core", dotted))}
        assert not outside, f"{module.relative_to(ROOT)} imports {outside}"


@pytest.mark.parametrize("package", API_PACKAGES)
def test_an_api_never_imports_another_api(package):
    dotted = package.replace("/", ".")
    for module in modules_under(package):
        others = {
            name
            for name in imports_of(module)
            if name.startswith("mock_server.apis.") and not name.startswith(dotted)
        }
        assert not others, f"{module.relative_to(ROOT)} imports {others}"


def test_no_shared_module_imports_an_api():
    assert len(SHARED_MODULES) > 50
    for module in SHARED_MODULES:
        found = {name for name in imports_of(module) if name.startswith("mock_server.apis.")}
        assert not found, f"{module.relative_to(ROOT)} imports {found}"


def code_words(path: Path) -> set[str]:
    """Identifiers and string constants of a module, docstrings and comments left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    words: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            words.add(node.id)
        elif isinstance(node, ast.Attribute):
            words.add(node.attr)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            words.update(re.findall(r"[A-Za-z0-9]+", node.value))
    return {word.lower() for word in words}


def test_no_shared_module_names_an_api():
    assert API_NAMES, "no API packages found"
    for module in SHARED_MODULES:
        named = code_words(module) & API_NAMES
        assert not named, f"{module.relative_to(ROOT)} names the API(s) {named}"


def test_every_api_package_with_a_plugin_is_found_by_the_registry():
    from mock_server.hosting.registry import names

    with_plugin = {p for p in API_NAMES if (ROOT / "mock_server/apis" / p / "plugin.py").exists()}
    assert with_plugin
    assert with_plugin <= set(names())


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
