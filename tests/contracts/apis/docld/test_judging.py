"""The DocLD judges on their own: the signature they expect, and what names a field."""

from __future__ import annotations

import hashlib
import hmac

from contracts.apis.docld.judge import names_field
from contracts.apis.docld.signature import expected_signature, verifies

BODY = b'{"event":"workflow.started","data":{"execution_id":"e-1"}}'


def test_the_signature_is_sha256_hex_of_the_bytes_as_they_arrived():
    digest = hmac.new(b"whsec_1", BODY, hashlib.sha256).hexdigest()

    assert expected_signature("whsec_1", BODY) == f"sha256={digest}"
    assert verifies("whsec_1", BODY, f"sha256={digest}")


def test_a_re_serialised_body_another_secret_or_no_header_does_not_verify():
    spaced = BODY.replace(b":", b": ")
    signature = expected_signature("whsec_1", BODY)

    assert not verifies("whsec_1", spaced, signature)
    assert not verifies("whsec_2", BODY, signature)
    assert not verifies("whsec_1", BODY, None)


def test_param_names_the_field_by_its_last_segment_and_path():
    assert names_field("definition.steps[1].id", ("steps", "id"))
    assert names_field("trigger_config.timezone", ("timezone",))
    assert names_field("trigger_type", ("trigger_type",))
    assert not names_field("definition.steps[1].type", ("steps", "id"))
    assert not names_field("id", ("steps", "id"))
    assert not names_field(None, ("trigger_type",))
