"""An independent computation of the platform's signature, to check ours against."""

from __future__ import annotations

import hashlib
import hmac
import json


def independent_signature(secret: str, body: bytes) -> str:
    canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
    return hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()
