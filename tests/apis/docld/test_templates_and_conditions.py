"""`{{field}}` placeholders from upstream output, and condition operators."""

from __future__ import annotations

import pytest

from mock_server.apis.docld.domain.conditions import holds
from mock_server.apis.docld.domain.placeholders import render, step_context

CONTEXT = step_context(
    {"document_id": "doc-1"},
    {
        "parse": {"pages": 2},
        "extract": {"invoice_number": "INV-7", "total": 1250.0, "tags": ["a", "b"], "pages": 3},
    },
)


@pytest.mark.parametrize(
    ("template", "rendered"),
    [
        ("Invoice processed: {{invoice_number}}", "Invoice processed: INV-7"),
        ("{{ total }} for {{document_id}}", "1250.0 for doc-1"),
        ("{{steps.parse.pages}} then {{pages}}", "2 then 3"),  # later steps win, flat
        ("{{trigger.document_id}}", "doc-1"),
        ("[{{missing}}] [{{steps.nope.x}}]", "[] []"),
        ("{{tags}}", '["a", "b"]'),
        ("{single} {{ }}", "{single} {{ }}"),
    ],
)
def test_placeholders_fill_from_upstream_output_and_missing_ones_render_empty(template, rendered):
    assert render(template, CONTEXT) == rendered


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"field": "total", "operator": "gt", "value": 1000}, True),
        ({"field": "total", "operator": "lte", "value": 1000}, False),
        ({"field": "invoice_number", "operator": "eq", "value": "INV-7"}, True),
        ({"field": "invoice_number", "operator": "neq", "value": "INV-7"}, False),
        ({"field": "invoice_number", "operator": "contains", "value": "INV"}, True),
        ({"field": "tags", "operator": "contains", "value": "b"}, True),
        ({"field": "vendor", "operator": "exists"}, False),
        ({"field": "vendor", "operator": "neq", "value": "x"}, False),
        ({"field": "invoice_number", "operator": "gt", "value": 3}, False),
        ({"field": "steps.parse.pages", "operator": "gte", "value": 2}, True),
    ],
)
def test_conditions_compare_upstream_fields_and_a_missing_field_never_holds(config, expected):
    assert holds(config, CONTEXT) is expected
