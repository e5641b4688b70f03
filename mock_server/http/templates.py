"""Path templates such as `/api/v1/orders/{order_id}` turned into matchers."""

from __future__ import annotations

import re
from collections.abc import Callable

PARAMETER = re.compile(r"\\\{[^}/]+\\\}")


def path_matcher(template: str, optional_prefix: str = "") -> Callable[[str], bool]:
    """True for paths the template describes; `{name}` stands for one path segment.

    When `optional_prefix` (a regex) is given, a template may leave it out: `/orders/{id}`
    then matches under every API prefix.
    """
    pattern = PARAMETER.sub("[^/]+", re.escape(template.rstrip("/") or "/"))
    compiled = re.compile(
        f"(?:{optional_prefix})?{pattern}/?" if optional_prefix else f"{pattern}/?"
    )
    return lambda path: compiled.fullmatch(path) is not None
