"""Strict JSON input: what every body the emulator accepts must be, so no answer can break later.

`json.loads` accepts text that a stored value can never be written back from, or that strict
clients refuse: a lone surrogate (`"\\ud83d"`) cannot be encoded as UTF-8, so every later
answer holding it fails; `1e999` becomes infinity, written back as `Infinity`, which is not
JSON; and a deeply nested document exhausts the recursion limit in the decoder or in
whatever walks it next. Refused here, none of them reaches a store.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# DEVIATION: how the platform answers these is not documented; refused here with 400.
MAX_DEPTH = 64  # nesting of arrays and objects; the contract's documents need a handful
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class JsonRefused(ValueError):
    """The text is not JSON the emulator accepts; the message says why, in plain words."""


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise JsonRefused(f"the number {text[:40]} is too large to represent")
    return number


def _no_constant(name: str) -> Any:
    raise JsonRefused(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_float=_finite, parse_constant=_no_constant)


def strict_loads(raw: bytes | str) -> Any:
    """The document in `raw` (UTF-8/16/32 bytes, or text); JsonRefused when it is refused."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode(json.detect_encoding(raw))  # strict: no encoded surrogates
        except UnicodeDecodeError as error:
            raise JsonRefused(f"the body is not valid {error.encoding}") from None
    else:
        text = raw
    try:
        document = _DECODER.decode(text)
    except RecursionError:
        raise JsonRefused(f"it is nested more than {MAX_DEPTH} levels deep") from None
    except JsonRefused:
        raise
    except ValueError as error:  # json.JSONDecodeError, or an integer of too many digits
        raise JsonRefused(str(error)) from None
    # Cheap tests first: most bodies have no surrogate escape and few brackets.
    needs_walk = (text.count("[") + text.count("{") > MAX_DEPTH) or bool(
        _SURROGATE_ESCAPE.search(text)
    )
    if needs_walk:
        _check_tree(document)
    return document


def _check_tree(document: Any) -> None:
    """Depth and lone surrogates, walked without recursion (the input may be deep)."""
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            _check_text(value)
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise JsonRefused(f"it is nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key)
                pending.append((item, depth + 1))
        else:
            pending.extend((item, depth + 1) for item in value)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = text[error.start : error.end].encode("unicode_escape").decode("ascii")
        raise JsonRefused(
            f"the string {text[: error.start][-20:]!r}... holds the lone surrogate {bad}, "
            "which is not a character"
        ) from None
