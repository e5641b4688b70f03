"""The journal keeps raw records and builds entries when read: same ids, fields and order."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, Response

from mock_server.core.clock import Clock, ClockMode
from mock_server.http.journal import Journal, Raw, install

AT = datetime(2025, 1, 15, 10, 30, tzinfo=UTC)


def raw(path: str = "/api/v1/work-items", status: int = 200) -> Raw:
    authorization = "Bearer local-dev-key"
    return ("GET", path, b"a=1", status, 0.0012345, authorization, "api.listWorkItems_slash",
            "sema4", None, None, None)  # fmt: skip


def test_a_record_reads_back_as_an_entry_with_masked_key_and_operation():
    journal = Journal()

    journal.record(lambda: AT, raw())

    [entry] = journal.entries()
    assert (entry.entry_id, entry.at, entry.query, entry.latency_ms) == (1, AT, "a=1", 1.234)
    assert (entry.key, entry.operation) == ("loca…", "listWorkItems")


def test_ids_count_on_across_clears_and_past_the_bound():
    journal = Journal(limit=3)
    for number in range(5):
        journal.record(lambda: AT, raw(f"/p{number}"))

    assert [(e.entry_id, e.path) for e in journal.entries()] == [(3, "/p2"), (4, "/p3"), (5, "/p4")]
    journal.clear()
    journal.record(lambda: AT, raw("/after"))
    assert [(e.entry_id, e.path) for e in journal.entries()] == [(6, "/after")]


def test_responses_not_built_by_json_response_are_read_back_from_their_body():
    app = Flask("journal-test")
    journal = Journal()
    seen: list[object] = []

    def resource_of(request, status, document):
        seen.append(document)
        found = document.get("work_item_id") if isinstance(document, dict) else None
        return "things", found

    install(app, journal, Clock(ClockMode.MANUAL, start=AT), resource_of)

    @app.post("/things")
    def create() -> Response:
        return Response('{"work_item_id":"w-1"}', content_type="application/json")

    @app.get("/text")
    def text() -> Response:
        return Response("not json", content_type="text/plain")

    app.test_client().post("/things")
    app.test_client().get("/text")

    created, plain = journal.entries()
    assert (created.api, created.resource_id) == ("things", "w-1")
    assert seen == [{"work_item_id": "w-1"}, None]
    assert (plain.resource_id, plain.error_code) == (None, None)


def test_unlinking_a_resource_keeps_its_entries_but_no_longer_names_it():
    journal = Journal(limit=3)
    linked = ("GET", "/api/v1/work-items/w1", b"", 200, 0.001, None, None, "sema4", "w1",
              None, None)  # fmt: skip
    journal.record(lambda: AT, raw())
    journal.record(lambda: AT, linked)

    assert journal.unlink("w1") == 1

    assert [(e.entry_id, e.path, e.resource_id) for e in journal.entries()] == [
        (1, "/api/v1/work-items", None),
        (2, "/api/v1/work-items/w1", None),
    ]
    journal.record(lambda: AT, raw("/a"))
    journal.record(lambda: AT, raw("/b"))
    assert [e.entry_id for e in journal.entries()] == [2, 3, 4]  # still bounded
