import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.core.schema import Violation, coerce_text, validate
from tests.support.contract import contract

CREATE = contract().operation("createWorkItem").body_schemas["application/json"]


def test_a_valid_create_body_has_no_violations():
    body = {"agent_id": "a", "messages": [{"role": "user", "content": [{"kind": "text"}]}]}

    assert validate(CREATE, body) == []


def test_violations_name_the_nested_field():
    body = {"agent_id": "a", "callbacks": [{"url": "https://h/", "on_status": "NOPE"}]}

    assert validate(CREATE, body, "body") == [
        Violation(
            "body.callbacks[0].on_status",
            "must be one of PENDING, EXECUTING, PAUSED, COMPLETED, FAILED, CANCELLED",
        )
    ]


def test_json_integers_include_whole_floats_but_not_booleans():
    schema = {"type": "integer"}

    assert validate(schema, 3.0) == []
    assert validate(schema, True) == [Violation("", "must be integer, not boolean")]


@pytest.mark.parametrize(
    ("schema", "text", "value", "ok"),
    [
        ({"type": "integer"}, "12", 12, True),
        ({"type": "integer"}, "1.5", "1.5", False),
        ({"type": "integer"}, "null", "null", False),
        ({"type": "boolean"}, "True", True, True),
        ({"type": "boolean"}, "1", "1", False),
        ({"type": "string"}, "x", "x", True),
    ],
)
def test_query_text_is_coerced_to_the_schema_type(schema, text, value, ok):
    coerced, issue = coerce_text(schema, text)

    assert coerced == value
    assert (issue is None) == ok


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
create_like = st.fixed_dictionaries(
    {},
    optional={
        "agent_id": json_values,
        "payload": json_values,
        "messages": st.lists(
            st.fixed_dictionaries(
                {},
                optional={"role": st.sampled_from(["user", "agent", "x"]), "content": json_values},
            ),
            max_size=2,
        ),
        "callbacks": json_values,
        "work_item_id": json_values,
    },
)


@settings(max_examples=300, deadline=None)
@given(create_like)
def test_verdicts_agree_with_the_reference_implementation(body):
    reference = jsonschema.Draft202012Validator(CREATE).is_valid(body)

    assert (validate(CREATE, body) == []) == reference


def test_a_long_pattern_is_not_quoted_in_the_message():
    short, long = {"pattern": "^a+$"}, {"pattern": "^(?:" + "|".join(["abc"] * 30) + ")$"}

    assert validate(short, "b") == [Violation("", "must match the pattern ^a+$")]
    assert validate(long, "z") == [Violation("", "does not have the form its pattern allows")]


@pytest.mark.parametrize(
    ("schema", "text"),
    [
        ({"type": "integer"}, "\u0661"),  # an Arabic-Indic one: a digit to Python, not to JSON
        ({"type": "integer"}, "9" * 5000),
        ({"type": "integer"}, "1" * 4301),
        ({"type": "number"}, "1_000"),
        ({"type": "number"}, "\u0661"),
        ({"type": "number"}, "inf"),
        ({"type": "number"}, "1e999"),
        ({"type": "number"}, "nan"),
    ],
)
def test_query_values_are_ascii_json_numbers_of_sane_size(schema, text):
    value, issue = coerce_text(schema, text)

    assert issue is not None
    assert value == text
    assert len(issue) < 120  # a 5,000-digit value is not echoed back whole


def test_query_numbers_coerce_however_large_up_to_what_int_converts():
    assert coerce_text({"type": "integer"}, "-" + "9" * 30) == (-(10**30 - 1), None)
    assert coerce_text({"type": "number"}, "2.5e3") == (2500.0, None)


def test_a_pattern_ends_where_json_schema_says_it_ends():
    # Python's `$` also matches before a final newline; ECMA-262's, JSON Schema's, does not.
    assert validate({"pattern": "^a$"}, "a\n") == [Violation("", "must match the pattern ^a$")]
    assert validate({"pattern": "^a$"}, "a") == []
    assert validate({"pattern": r"^a\$"}, "a$") == []  # an escaped dollar is a dollar
