"""Finds the API plug-ins: every package under mock_server/apis, and installed entry points."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Iterable
from functools import cache
from importlib.metadata import entry_points

from mock_server.hosting.plugin import ApiPlugin

BUNDLED = "mock_server.apis"  # where bundled plug-ins live: one package each, with plugin.py
ENTRY_POINTS = "workitems_mock.apis"  # how a separately installed plug-in announces itself


class UnknownApi(ValueError):
    """An API name no plug-in has; the message lists the ones there are."""


def _bundled() -> Iterable[ApiPlugin]:
    """Each package under mock_server/apis with a `plugin` module (its `PLUGIN`)."""
    package = importlib.import_module(BUNDLED)
    for module in pkgutil.iter_modules(package.__path__):
        name = f"{BUNDLED}.{module.name}.plugin"
        if module.ispkg and importlib.util.find_spec(name) is not None:
            yield importlib.import_module(name).PLUGIN


def _installed() -> Iterable[ApiPlugin]:
    for entry in entry_points(group=ENTRY_POINTS):
        plugin = entry.load()
        if isinstance(plugin, ApiPlugin):
            yield plugin


@cache
def all_plugins() -> tuple[ApiPlugin, ...]:
    """Every plug-in, by rank then name; two with one name is a packaging error."""
    plugins: dict[str, ApiPlugin] = {}
    for plugin in (*_bundled(), *_installed()):
        if plugin.name in plugins and plugins[plugin.name] is not plugin:
            raise RuntimeError(f"two API plug-ins are called {plugin.name!r}")
        plugins[plugin.name] = plugin
    return tuple(sorted(plugins.values(), key=lambda p: (p.rank, p.name)))


def names() -> list[str]:
    return [plugin.name for plugin in all_plugins()]


def plugin_named(name: str) -> ApiPlugin:
    for plugin in all_plugins():
        if plugin.name == name:
            return plugin
    raise UnknownApi(f"unknown API {name!r}; known: {', '.join(names())}")


def chosen(selected: Iterable[str] = ()) -> list[ApiPlugin]:
    """The plug-ins named (every one when none is), in rank order."""
    wanted = list(dict.fromkeys(selected))
    if not wanted:
        return list(all_plugins())
    picked = {plugin_named(name).name for name in wanted}
    return [plugin for plugin in all_plugins() if plugin.name in picked]
