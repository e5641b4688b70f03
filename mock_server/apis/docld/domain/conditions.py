"""`condition` steps: a field of the upstream output compared with a value."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mock_server.apis.docld.domain.placeholders import MISSING, lookup


def _ordered(compare: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def check(actual: Any, wanted: Any) -> bool:
        try:
            return actual is not MISSING and bool(compare(actual, wanted))
        except TypeError:  # "abc" > 3: a condition that cannot hold
            return False

    return check


def _contains(actual: Any, wanted: Any) -> bool:
    if isinstance(actual, str):
        return isinstance(wanted, str) and wanted in actual
    return isinstance(actual, list | tuple) and wanted in actual


# FIDELITY (inferred): DocLD documents `condition` only as "conditional branching"; the config
# `{field, operator, value}` and these operators are the emulator's.
OPERATORS: Mapping[str, Callable[[Any, Any], bool]] = {
    "eq": lambda actual, wanted: actual == wanted,
    "neq": lambda actual, wanted: actual is not MISSING and actual != wanted,
    "gt": _ordered(lambda a, w: a > w),
    "gte": _ordered(lambda a, w: a >= w),
    "lt": _ordered(lambda a, w: a < w),
    "lte": _ordered(lambda a, w: a <= w),
    "contains": lambda actual, wanted: _contains(actual, wanted),
    "exists": lambda actual, _: actual is not MISSING and actual is not None,
}


def holds(config: Mapping[str, Any], context: Mapping[str, Any]) -> bool:
    """Whether the condition is true for this context (config checked when the workflow was)."""
    actual = lookup(context, str(config["field"]))
    return OPERATORS[str(config["operator"])](actual, config.get("value"))
