"""`aw_live_` API keys: minted from the id factory, kept only as digests."""

from __future__ import annotations

import hashlib

from mock_server.core.ids import IdFactory

KEY_PREFIX = "aw_live_"
KEY_LENGTH = 32  # random characters after the prefix
LISTED_PREFIX_LENGTH = 16  # FIDELITY: the agent guide shows key_prefix "aw_live_aBcDeFgH"
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(ids: IdFactory, stream: str, length: int) -> str:
    """`length` random letters and digits from `stream` (reproducible when seeded)."""
    return _letters(int(ids.token(stream, _bytes_for(length)), 16), length)


def _bytes_for(length: int) -> int:
    return (length * 6 + 7) // 8 + 1


def _letters(number: int, length: int) -> str:
    letters = []
    for _ in range(length):
        number, remainder = divmod(number, 62)
        letters.append(BASE62[remainder])
    return "".join(letters)


def mint_key(ids: IdFactory) -> str:
    # From the OS even in a seeded run: a key must not be the same in everyone's session.
    return KEY_PREFIX + _letters(int(ids.secret(_bytes_for(KEY_LENGTH)), 16), KEY_LENGTH)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def listed_prefix(key: str) -> str:
    return key[:LISTED_PREFIX_LENGTH]
