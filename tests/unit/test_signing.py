import hashlib
import hmac
import json

from mock_server.apis.sema4.signing import SEMA4
from mock_server.webhooks.signing import Verdict, wire_body

BODY = {
    "work_item_id": "w1",
    "status": "COMPLETED",
    "agent_id": "a",
    "payload": {"é": 1, "b": [1, 2]},
}


def independent_signature(secret: str, body: bytes) -> str:
    canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
    return hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()


def test_the_signature_is_hmac_sha256_hex_over_sorted_compact_json():
    body = wire_body(BODY)

    assert SEMA4.sign("s3cret", body) == independent_signature("s3cret", body)
    assert len(SEMA4.sign("s3cret", body)) == 64


def test_wire_whitespace_and_key_order_do_not_change_the_signature():
    reordered = json.dumps(dict(reversed(list(BODY.items()))), indent=2).encode()

    assert SEMA4.sign("k", reordered) == SEMA4.sign("k", wire_body(BODY))


def test_verdicts():
    body = wire_body(BODY)
    good = SEMA4.sign("k", body)

    assert SEMA4.verify("k", body, good) is Verdict.VALID
    assert SEMA4.verify("k", body, None) is Verdict.MISSING
    assert SEMA4.verify("other", body, good) is Verdict.INVALID
    assert SEMA4.verify("k", body.replace(b"COMPLETED", b"FAILED"), good) is Verdict.INVALID
    assert SEMA4.verify("k", b"not json", good) is Verdict.INVALID
