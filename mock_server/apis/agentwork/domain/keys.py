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
    number = int(ids.token(stream, (length * 6 + 7) // 8 + 1), 16)
    letters = []
    for _ in range(length):
        number, remainder = divmod(number, 62)
        letters.append(BASE62[remainder])
    return "".join(letters)


def mint_key(ids: IdFactory) -> str:
    return KEY_PREFIX + base62(ids, "agentwork.key", KEY_LENGTH)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def listed_prefix(key: str) -> str:
    return key[:LISTED_PREFIX_LENGTH]
