"""Documents, triggers' filters, and webhook subscriptions in the domain."""

from __future__ import annotations

import pytest

from mock_server.apis.docld.domain.documents import DocumentQuery, Upload
from mock_server.apis.docld.domain.model import Trigger
from mock_server.apis.docld.domain.triggers import matches
from mock_server.core.errors import Forbidden, IllegalMove, NotFound, ValidationFailed
from tests.apis.docld.support import ACME, LOCAL, EventLog, domain


def test_an_upload_is_stored_uploaded_and_announced():
    docld = domain()
    log = EventLog(docld)

    document = docld.documents.upload(LOCAL, Upload("invoice.PDF", 2048, knowledge_base_id="kb-1"))

    assert (document.file_type, document.mime_type, document.status) == (
        "pdf",
        "application/pdf",
        "uploaded",
    )
    (event,) = log.events
    assert (event.name, event.subject_id) == ("document.uploaded", document.id)
    assert event.data["knowledge_base_id"] == "kb-1"
    assert event.data["document_id"] == document.id


def test_an_upload_for_another_organization_is_forbidden():
    docld = domain()

    with pytest.raises(Forbidden, match="belongs to organization org-local"):
        docld.documents.upload(LOCAL, Upload("a.pdf", 1, organization_id="org-acme"))

    assert docld.documents.list("org-local", DocumentQuery()) == []


def test_processing_and_extraction_move_through_the_lifecycle_with_events():
    docld = domain()
    log = EventLog(docld)
    document = docld.documents.upload(LOCAL, Upload("a.pdf", 1))

    with pytest.raises(IllegalMove):
        docld.documents.finish_processing(document.id, 2)
    docld.documents.start_processing(document.id)
    done = docld.documents.finish_processing(document.id, 2)
    docld.documents.start_extraction(document.id, "invoice-schema")
    extracted = docld.documents.end_extraction(
        document.id, confidence=0.9, data={"total": 3}, failed=False
    )

    assert (done.status, done.pages) == ("completed", 2)
    assert extracted.extraction is not None
    assert extracted.extraction.overall_confidence == 0.9
    assert log.names() == [
        "document.uploaded",
        "document.processing",
        "document.processed",
        "extraction.started",
        "extraction.completed",
    ]
    assert log.events[-1].data["schema_id"] == "invoice-schema"


def test_documents_list_newest_first_by_name_status_and_file_type():
    docld = domain()
    first = docld.documents.upload(LOCAL, Upload("Invoice-1.pdf", 1))
    second = docld.documents.upload(LOCAL, Upload("scan.png", 1))
    docld.documents.upload(ACME, Upload("Invoice-2.pdf", 1))

    def names(**query) -> list[str]:
        return [d.name for d in docld.documents.list("org-local", DocumentQuery(**query))]

    assert names() == ["scan.png", "Invoice-1.pdf"]
    assert names(query="invoice") == ["Invoice-1.pdf"]
    assert names(file_type="image/png") == ["scan.png"]
    assert names(status="processing") == []
    assert names(limit=1) == ["scan.png"]
    with pytest.raises(NotFound):
        docld.documents.get("org-acme", first.id)
    assert docld.documents.get("org-local", second.id) == second


@pytest.mark.parametrize(
    ("filters", "data", "expected"),
    [
        ({"file_type": "pdf"}, {"file_type": "pdf"}, True),
        ({"file_type": "pdf"}, {"file_type": "docx", "mime_type": "application/msword"}, False),
        (
            {"file_type": "application/pdf"},
            {"file_type": "pdf", "mime_type": "application/pdf"},
            True,
        ),
        ({"file_type": ["png", "pdf"]}, {"file_type": "pdf"}, True),
        ({"knowledge_base_id": "kb-1"}, {"knowledge_base_id": "kb-2"}, False),
        ({"confidence_min": 0.8}, {"overall_confidence": 0.94}, True),
        ({"confidence_min": 0.8}, {"overall_confidence": 0.55}, False),
        ({"confidence_min": 0.8}, {}, False),
        ({"schema_id": "invoice-schema"}, {"schema_id": "invoice-schema"}, True),
    ],
)
def test_trigger_filters_hold_only_on_matching_event_data(filters, data, expected):
    trigger = Trigger("event", event="document.uploaded", filters=filters)

    assert matches(trigger, "document.uploaded", data) is expected


def test_document_completed_and_processed_are_one_event_to_triggers():
    trigger = Trigger("event", event="document.completed")

    assert matches(trigger, "document.processed", {})
    assert not matches(trigger, "document.uploaded", {})
    assert not matches(Trigger("manual"), "document.uploaded", {})


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://receiver.example/hooks", True),
        ("http://127.0.0.1:9000/hooks", True),
        ("http://localhost/hooks", True),
        ("http://[::1]:9000/hooks", True),
        ("http://127.0.0.1:8080/_mock/inbox/docld", True),
        ("http://receiver.example/hooks", False),
        ("ftp://receiver.example/hooks", False),
    ],
)
def test_subscriptions_want_https_except_on_loopback(url, accepted):
    docld = domain()
    body = {"url": url, "events": ["workflow.completed"]}

    if accepted:
        assert docld.webhooks.create(LOCAL, body).url == url
    else:
        with pytest.raises(ValidationFailed, match="https"):
            docld.webhooks.create(LOCAL, body)


def test_a_subscription_gets_a_secret_and_reaches_subscribers_under_the_name_they_chose():
    docld = domain()
    old = docld.webhooks.create(
        LOCAL, {"url": "https://a.example", "events": ["document.completed"]}
    )
    new = docld.webhooks.create(
        LOCAL,
        {"url": "https://b.example", "events": ["document.processed"], "secret": "s3cret-123"},
    )
    docld.webhooks.create(ACME, {"url": "https://c.example", "events": ["document.processed"]})

    audience = docld.webhooks.audience("org-local", "document.processed")

    assert old.secret.startswith("whsec_")
    assert new.secret == "s3cret-123"
    assert [(s.id, name) for s, name in audience] == [
        (old.id, "document.completed"),
        (new.id, "document.processed"),
    ]
    with pytest.raises(ValidationFailed) as unknown:
        docld.webhooks.create(LOCAL, {"url": "https://a.example", "events": ["invoice.paid"]})
    assert unknown.value.field == "events[0]"
