"""DocLD's signature: `sha256=` + hex HMAC-SHA256 of the raw body, verified byte for byte."""

from __future__ import annotations

import hashlib
import hmac

from mock_server.apis.docld.signing import DOCLD, envelope_bytes
from mock_server.webhooks.signing import Verdict

SECRET = "whsec_test_secret"
BODY = b'{"event":"workflow.completed","data":{}}'


def test_the_signature_is_sha256_hex_of_the_raw_body_with_the_secret():
    expected = hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()

    assert DOCLD.sign(SECRET, BODY) == f"sha256={expected}"
    assert DOCLD.header == "X-DocLD-Signature"


def test_a_re_serialised_body_no_longer_verifies_since_the_raw_bytes_are_signed():
    signature = DOCLD.sign(SECRET, BODY)
    spaced = b'{"event": "workflow.completed", "data": {}}'

    assert DOCLD.verify(SECRET, BODY, signature) is Verdict.VALID
    assert DOCLD.verify(SECRET, spaced, signature) is Verdict.INVALID
    assert DOCLD.verify(SECRET, BODY, signature.removeprefix("sha256=")) is Verdict.INVALID
    assert DOCLD.verify(SECRET, BODY, None) is Verdict.MISSING


def test_signing_a_document_signs_the_bytes_the_notifier_sends():
    document = {"event": "workflow.started", "data": {"name": "Facture é"}}

    assert DOCLD.sign_document(SECRET, document) == DOCLD.sign(SECRET, envelope_bytes(document))
    assert "é".encode() in envelope_bytes(document)
