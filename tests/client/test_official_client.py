"""The official `sema4ai-api-client` 3.0.0, unmodified, against the emulator on a real port.

Platform profile: every work-item and agents operation the client has, under
`/api/public/v1` and `/tenants/<tenant>/api/v2`, through every status the simulated agent can
reach, with `raise_on_unexpected_status=True` where a call must succeed; every answer parses
into the client's models and is validated against the platform profile's contract.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import httpx
import pytest
from sema4ai_api_client import AuthenticatedClient
from sema4ai_api_client.api.agents import get_agent_by_name_agents_aid_get as get_agent
from sema4ai_api_client.api.agents import get_agents_agents_get as get_agents
from sema4ai_api_client.api.work_items import (
    batch_delete_work_items_work_items_delete_post as batch_delete,
)
from sema4ai_api_client.api.work_items import (
    cancel_item_work_items_work_item_id_cancel_post as cancel,
)
from sema4ai_api_client.api.work_items import (
    complete_work_item_work_items_work_item_id_complete_post as complete,
)
from sema4ai_api_client.api.work_items import (
    confirm_file_work_items_work_item_id_confirm_file_post as confirm_file,
)
from sema4ai_api_client.api.work_items import (
    continue_work_item_work_items_work_item_id_continue_post as continue_,
)
from sema4ai_api_client.api.work_items import create_work_item_work_items_post as create
from sema4ai_api_client.api.work_items import (
    delete_work_item_work_items_work_item_id_delete as delete,
)
from sema4ai_api_client.api.work_items import get_work_item_work_items_work_item_id_get as get
from sema4ai_api_client.api.work_items import list_work_items_work_items_get as list_items
from sema4ai_api_client.api.work_items import (
    restart_work_item_work_items_work_item_id_restart_post as restart,
)
from sema4ai_api_client.api.work_items import (
    upload_work_item_file_work_items_upload_file_post as upload,
)
from sema4ai_api_client.models import (
    AgentCompat,
    BodyUploadWorkItemFileWorkItemsUploadFilePost,
    ConfirmRemoteFileUploadPayload,
    CreateWorkItemPayload,
    CreateWorkItemPayloadPayload,
    DeleteWorkItemResponse,
    DeleteWorkItemsRequest,
    DeleteWorkItemsResponse,
    ErrorEnvelope,
    PaginatedResponse,
    ThreadMessage,
    ThreadMessageRole,
    ThreadTextContent,
    WorkItem,
    WorkItemCallback,
    WorkItemCallbackOnStatus,
    WorkItemCompletedBy,
    WorkItemsListResponse,
    WorkItemStatus,
    WorkItemStatusUpdatedBy,
)
from sema4ai_api_client.types import File

from mock_server.testing import RunningEmulator, WorkItemsMock, start_emulator
from tests.support.contract import check_exchange
from tests.support.platform import CLAIMS, DEVELOPER, INVOICES, JUDGE, REVIEWS, UNKNOWN

PROFILE = "platform"
BASES = ["/api/public/v1", "/tenants/local/api/v2"]


@pytest.fixture(scope="module")
def running() -> Iterator[RunningEmulator]:
    emulator = start_emulator(profiles={"sema4": PROFILE})
    yield emulator
    emulator.stop()


@pytest.fixture
def mock(running: RunningEmulator) -> WorkItemsMock:
    return running.restore()


def checked(response: httpx.Response) -> None:
    """An httpx hook: every answer must be one the platform profile's contract documents."""
    response.read()
    body = response.json() if response.headers.get("content-type") == "application/json" else None
    mimetype = (response.headers.get("content-type") or "").split(";")[0] or None
    check_exchange(
        PROFILE, response.request.method, response.request.url.path, response.status_code,
        mimetype, body,
    )  # fmt: skip


def client_for(mock: WorkItemsMock, base: str, *, strict: bool = True) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=mock.base_url + base,
        token=mock.api_key,
        raise_on_unexpected_status=strict,
        httpx_args={"event_hooks": {"response": [checked]}},
    )


@pytest.fixture(params=BASES)
def client(request: pytest.FixtureRequest, mock: WorkItemsMock) -> Iterator[AuthenticatedClient]:
    with client_for(mock, request.param) as official:
        yield official


def message(text: str) -> ThreadMessage:
    return ThreadMessage(content=[ThreadTextContent(text=text)], role=ThreadMessageRole.USER)


def new_item(client: AuthenticatedClient, agent_id: str, **fields: object) -> WorkItem:
    payload = CreateWorkItemPayload(
        agent_id=agent_id,
        messages=[message("Please process this invoice")],
        payload=CreateWorkItemPayloadPayload.from_dict({"invoice_id": "INV-1"}),
        **fields,  # type: ignore[arg-type]
    )
    item = create.sync(client=client, body=payload)
    assert isinstance(item, WorkItem)
    return item


def read(client: AuthenticatedClient, item_id: str, results: bool = False) -> WorkItem:
    item = get.sync(item_id, client=client, results=results)
    assert isinstance(item, WorkItem)
    return item


def test_agents_are_listed_in_pages_and_found_by_id(client):
    first = get_agents.sync(client=client, limit=2)
    everyone = get_agents.sync(client=client)
    judge = get_agents.sync(client=client, name="contract")
    one = get_agent.sync(INVOICES, client=client)

    assert isinstance(first, PaginatedResponse)
    assert (len(first.data), first.has_more, isinstance(first.next_, str)) == (2, True, True)
    assert isinstance(everyone, PaginatedResponse)
    assert len(everyone.data) == 5
    assert isinstance(judge, PaginatedResponse)
    assert [a["id"] for a in judge.data] == [JUDGE]
    assert isinstance(one, AgentCompat)
    assert (one.id, one.name, one.mode) == (INVOICES, "Invoice Processing Agent", "worker")


def test_an_unknown_agent_is_a_parsed_404_envelope(mock):
    with client_for(mock, BASES[0], strict=False) as lenient:
        answer = get_agent.sync_detailed(UNKNOWN, client=lenient)

    assert answer.status_code == 404
    assert isinstance(answer.parsed, ErrorEnvelope)
    assert answer.parsed.error.code == "not_found"


def test_a_run_goes_pending_executing_completed_and_fires_its_callback(client, mock):
    hook = mock.control.inbox_url("done")
    on_completed = WorkItemCallback(url=hook, on_status=WorkItemCallbackOnStatus.COMPLETED)
    item = new_item(client, INVOICES, work_item_name="  Invoice INV-1  ", callbacks=[on_completed])

    assert (item.status, item.work_item_name) == (WorkItemStatus.PENDING, "Invoice INV-1")
    mock.advance(1)
    running = read(client, item.work_item_id)
    mock.advance(2)
    done = read(client, item.work_item_id, results=True)

    assert running.status == WorkItemStatus.EXECUTING
    assert running.status_updated_by == WorkItemStatusUpdatedBy.SYSTEM
    assert done.status == WorkItemStatus.COMPLETED
    assert (done.completed_by, done.status_updated_by) == (
        WorkItemCompletedBy.AGENT, WorkItemStatusUpdatedBy.AGENT,
    )  # fmt: skip
    assert isinstance(done.messages, list)
    assert done.messages[-1].role == ThreadMessageRole.AGENT
    [captured] = mock.control.inbox_requests("done")
    assert captured["json"]["status"] == "COMPLETED"


def test_needs_review_by_default_callback_then_continue_to_completed(client, mock):
    item = new_item(client, REVIEWS, callbacks=[WorkItemCallback(url=mock.control.inbox_url("r"))])
    mock.advance(3)

    waiting = list_items.sync(client=client, work_item_status=[WorkItemStatus.NEEDS_REVIEW])
    continued = continue_.sync(item.work_item_id, client=client)
    mock.advance(3)

    assert isinstance(waiting, WorkItemsListResponse)
    assert [r.work_item_id for r in waiting.records] == [item.work_item_id]
    assert isinstance(item.callbacks, list)
    assert item.callbacks[0].on_status == WorkItemCallbackOnStatus.NEEDS_REVIEW
    assert [c["json"]["status"] for c in mock.control.inbox_requests("r")] == ["NEEDS_REVIEW"]
    assert isinstance(continued, WorkItem)
    assert continued.status == WorkItemStatus.PENDING
    assert read(client, item.work_item_id).status == WorkItemStatus.COMPLETED


def test_error_then_complete_by_a_person(client, mock):
    item = new_item(client, CLAIMS)
    mock.advance(3)
    failed = read(client, item.work_item_id)

    assert complete.sync(item.work_item_id, client=client) == {"status": "ok"}
    done = read(client, item.work_item_id)

    assert failed.status == WorkItemStatus.ERROR
    assert done.status == WorkItemStatus.COMPLETED
    assert done.completed_by == WorkItemCompletedBy.HUMAN


def test_indeterminate_then_restart_from_the_initial_messages(client, mock):
    item = new_item(client, JUDGE)
    mock.advance(3)
    unsure = read(client, item.work_item_id, results=True)

    restarted = restart.sync(item.work_item_id, client=client)

    assert unsure.status == WorkItemStatus.INDETERMINATE
    assert isinstance(unsure.messages, list)
    assert len(unsure.messages) == 2
    assert isinstance(restarted, WorkItem)
    assert restarted.status == WorkItemStatus.PENDING
    assert isinstance(restarted.messages, list)
    assert isinstance(item.messages, list)
    assert [m.to_dict() for m in restarted.messages] == [m.to_dict() for m in item.messages]


def test_cancel_while_executing_stops_the_run(client, mock):
    item = new_item(client, INVOICES)
    mock.advance(1)

    answer = cancel.sync(item.work_item_id, client=client)
    mock.advance(10)

    assert answer == {"status": "ok", "cancelled": True}
    assert read(client, item.work_item_id).status == WorkItemStatus.CANCELLED


def test_files_make_a_draft_that_is_finalised_and_runs(client, mock):
    pdf = File(
        payload=io.BytesIO(b"%PDF-1.4 invoice"),
        file_name="invoice.pdf",
        mime_type="application/pdf",
    )
    first = upload.sync(client=client, body=BodyUploadWorkItemFileWorkItemsUploadFilePost(pdf))
    assert first is not None
    item_id = str(first["work_item_id"])
    second = File(
        payload=io.BytesIO(b"%PDF-1.4 more"), file_name="more.pdf", mime_type="application/pdf"
    )
    upload.sync(
        client=client, body=BodyUploadWorkItemFileWorkItemsUploadFilePost(second),
        work_item_id=item_id,
    )  # fmt: skip
    remote = upload.sync(
        client=client, body=BodyUploadWorkItemFileWorkItemsUploadFilePost("scan.png"),
        work_item_id=item_id,
    )  # fmt: skip
    assert remote is not None
    form = remote["upload_form_data"]
    assert not isinstance(form, str)
    posted = httpx.post(  # what a client does with a pre-signed URL: not the client's part
        str(remote["upload_url"]), data=form.to_dict(), files={"file": ("scan.png", b"\x89PNG")}
    )
    confirmed = confirm_file.sync(
        item_id,
        client=client,
        body=ConfirmRemoteFileUploadPayload(
            file_ref=str(remote["file_ref"]), file_id=str(remote["file_id"])
        ),
    )
    draft = read(client, item_id)

    finalized = new_item(client, INVOICES, work_item_id=item_id)
    mock.advance(3)

    assert posted.status_code == 204
    assert confirmed is not None
    assert confirmed["work_item_id"] == item_id
    assert draft.status == WorkItemStatus.DRAFT
    assert finalized.status == WorkItemStatus.PENDING
    assert read(client, item_id).status == WorkItemStatus.COMPLETED


def test_lists_filter_and_page_by_offset(client):
    ids = [new_item(client, INVOICES).work_item_id for _ in range(3)]
    new_item(client, REVIEWS)

    mine = list_items.sync(client=client, agent_id=INVOICES, created_by=DEVELOPER, limit=2)
    rest = list_items.sync(client=client, agent_id=INVOICES, limit=2, offset=2)
    named = list_items.sync(client=client, name_search=ids[0][:8])

    assert isinstance(mine, WorkItemsListResponse)
    assert isinstance(rest, WorkItemsListResponse)
    assert isinstance(named, WorkItemsListResponse)
    assert [r.work_item_id for r in mine.records + rest.records] == ids[::-1]
    assert (mine.next_offset, rest.next_offset) == (2, None)
    assert [r.work_item_id for r in named.records] == [ids[0]]


def test_delete_and_batch_delete(client, mock):
    gone, first, second = (new_item(client, INVOICES).work_item_id for _ in range(3))

    deleted = delete.sync(gone, client=client)
    batch = batch_delete.sync(
        client=client, body=DeleteWorkItemsRequest(work_item_ids=[first, second, UNKNOWN])
    )

    assert isinstance(deleted, DeleteWorkItemResponse)
    assert (deleted.work_item_id, deleted.status, deleted.warnings) == (gone, "ok", [])
    assert isinstance(batch, DeleteWorkItemsResponse)
    assert (batch.deleted, batch.failures) == (2, 1)
    listed = list_items.sync(client=client)
    assert isinstance(listed, WorkItemsListResponse)
    assert listed.records == []


def test_refusals_come_back_as_statuses_the_client_can_read(mock):
    with client_for(mock, BASES[0], strict=False) as lenient:
        item = new_item(lenient, INVOICES)
        illegal = continue_.sync_detailed(item.work_item_id, client=lenient)
        malformed = get.sync_detailed("not-a-uuid", client=lenient)
        invalid = get_agents.sync_detailed(client=lenient, limit=0)

    assert (illegal.status_code, illegal.parsed) == (412, None)
    assert (malformed.status_code, malformed.parsed) == (400, None)
    assert invalid.status_code == 422
    assert isinstance(invalid.parsed, ErrorEnvelope)
    assert "limit" in invalid.parsed.error.message


def test_the_running_emulator_points_clients_at_the_platforms_prefix(mock):
    assert mock.api_url == mock.base_url + "/api/public/v1"
    assert mock.api("sema4")["profile"] == "platform"
