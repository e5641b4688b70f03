"""The APIs verify knows: one package per API under contracts/apis, each exporting `HARNESS`.

Adding an API to verify is adding a package here; nothing else lists them.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from contracts.apis.base import ApiHarness

DEFAULT_API = "sema4"


class UnknownApi(ValueError):
    """An API verify has no harness for."""


@cache
def _discovered() -> dict[str, ApiHarness]:
    found: dict[str, ApiHarness] = {}
    for module in pkgutil.iter_modules(__path__):
        if not module.ispkg:
            continue
        harness = getattr(importlib.import_module(f"{__name__}.{module.name}"), "HARNESS", None)
        if isinstance(harness, ApiHarness):
            found[harness.name] = harness
    return dict(sorted(found.items(), key=lambda item: (item[0] != DEFAULT_API, item[0])))


def names() -> list[str]:
    """Every API's name, Sema4 first."""
    return list(_discovered())


def harness(name: str = DEFAULT_API) -> ApiHarness:
    found = _discovered().get(name.strip().lower())
    if found is None:
        raise UnknownApi(f"unknown API {name!r}; known: {', '.join(names())}")
    return found
