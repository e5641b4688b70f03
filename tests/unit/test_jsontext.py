"""Strict JSON input: text a stored value could never be written back from is refused."""

from __future__ import annotations

import json

import pytest

from mock_server.core.jsontext import MAX_DEPTH, JsonRefused, strict_loads


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_ordinary_documents_decode_as_json_loads_would():
    text = '{"a": [1, 2.5, -3e2, true, null, "x\\u00e9\\ud83d\\ude00"], "b": {}}'

    assert strict_loads(text.encode()) == json.loads(text)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"name": "x\\ud83d"}', "lone surrogate \\ud83d"),
        ('["\\ude00 alone"]', "lone surrogate \\ude00"),
        ('{"\\ud800": 1}', "lone surrogate \\ud800"),
        ('{"n": 1e999}', "1e999 is too large"),
        ('{"n": -1e999}', "-1e999 is too large"),
        ('{"n": NaN}', "NaN is not valid JSON"),
        ('{"n": Infinity}', "Infinity is not valid JSON"),
        ("[" + "9" * 5000 + "]", "digits"),
        ('{"a": 1', "Expecting"),
    ],
)
def test_what_no_answer_could_hold_is_refused_with_a_reason(text, says):
    with pytest.raises(JsonRefused) as refused:
        strict_loads(text.encode())

    assert says in str(refused.value)


def test_encoded_surrogates_in_the_bytes_are_not_utf8():
    with pytest.raises(JsonRefused, match="not valid utf-8"):
        strict_loads(b'{"a": "\xed\xa0\xbd"}')


def test_the_largest_finite_numbers_are_fine():
    assert strict_loads(b"[1e308, -1.7976931348623157e308]") == [1e308, -1.7976931348623157e308]


def test_nesting_up_to_the_limit_is_accepted_and_one_more_level_is_not():
    assert strict_loads(nested(MAX_DEPTH))

    with pytest.raises(JsonRefused, match=f"nested more than {MAX_DEPTH} levels"):
        strict_loads(nested(MAX_DEPTH + 1))


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_nesting_deep_enough_to_exhaust_the_decoder_is_refused_not_a_crash(depth):
    with pytest.raises(JsonRefused, match="nested more than"):
        strict_loads('{"a": ' * depth)
    with pytest.raises(JsonRefused, match="nested more than"):
        strict_loads(nested(depth))


def test_many_brackets_side_by_side_are_not_depth():
    flat = "[" + ",".join(["[]"] * 500) + "]"

    assert len(strict_loads(flat)) == 500
