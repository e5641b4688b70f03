"""The official client against the documented profile: what both vocabularies share works.

PRECREATED, PAUSED and FAILED are not in the client's enum, so reading an item in one of them
breaks it (sema4-official-client.md §5); every other operation parses, under `/api/v1` (the
documented prefix) and `/api/public/v1`.
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
    CreateWorkItemPayload,
    DeleteWorkItemResponse,
    DeleteWorkItemsRequest,
    DeleteWorkItemsResponse,
    PaginatedResponse,
    WorkItem,
    WorkItemsListResponse,
    WorkItemStatus,
)
from sema4ai_api_client.types import File

from mock_server.testing import RunningEmulator, WorkItemsMock, start_emulator
from tests.support.contract import check_exchange
from tests.support.workitems import AGENT

PROFILE = "documented"


@pytest.fixture(scope="module")
def running() -> Iterator[RunningEmulator]:
    emulator = start_emulator()
    yield emulator
    emulator.stop()


def checked(response: httpx.Response) -> None:
    response.read()
    mimetype = (response.headers.get("content-type") or "").split(";")[0] or None
    body = response.json() if mimetype == "application/json" else None
    check_exchange(
        PROFILE, response.request.method, response.request.url.path, response.status_code,
        mimetype, body,
    )  # fmt: skip


@pytest.fixture(params=["/api/v1", "/api/public/v1"])
def client(
    request: pytest.FixtureRequest, running: RunningEmulator
) -> Iterator[AuthenticatedClient]:
    mock: WorkItemsMock = running.restore()
    with AuthenticatedClient(
        base_url=mock.base_url + request.param,
        token=mock.api_key,
        raise_on_unexpected_status=True,
        httpx_args={"event_hooks": {"response": [checked]}},
    ) as official:
        yield official


def new_item(client: AuthenticatedClient, **fields: object) -> WorkItem:
    item = create.sync(client=client, body=CreateWorkItemPayload(agent_id=AGENT, **fields))  # type: ignore[arg-type]
    assert isinstance(item, WorkItem)
    return item


def status(client: AuthenticatedClient, item_id: str) -> WorkItemStatus:
    item = get.sync(item_id, client=client)
    assert isinstance(item, WorkItem)
    assert isinstance(item.status, WorkItemStatus)
    return item.status


def test_agents_list_and_get(client):
    page = get_agents.sync(client=client)
    one = get_agent.sync(AGENT, client=client)

    assert isinstance(page, PaginatedResponse)
    assert AGENT in [a["id"] for a in page.data]
    assert isinstance(one, AgentCompat)
    assert one.id == AGENT


def test_pending_executing_completed_then_restart(client, running):
    item = new_item(client)
    running.mock.advance(1)
    executing = status(client, item.work_item_id)
    running.mock.advance(2)
    completed = status(client, item.work_item_id)

    restarted = restart.sync(item.work_item_id, client=client)
    done = list_items.sync(client=client, work_item_status=[WorkItemStatus.PENDING])

    assert (item.status, executing, completed) == (
        WorkItemStatus.PENDING, WorkItemStatus.EXECUTING, WorkItemStatus.COMPLETED,
    )  # fmt: skip
    assert isinstance(restarted, WorkItem)
    assert isinstance(done, WorkItemsListResponse)
    assert [r.work_item_id for r in done.records] == [item.work_item_id]


def test_cancel_continue_and_complete(client):
    item = new_item(client)

    assert cancel.sync(item.work_item_id, client=client) == {"status": "ok"}
    assert status(client, item.work_item_id) == WorkItemStatus.CANCELLED
    continued = continue_.sync(item.work_item_id, client=client)
    cancel.sync(item.work_item_id, client=client)
    assert complete.sync(item.work_item_id, client=client) == {"status": "ok"}

    assert isinstance(continued, WorkItem)
    assert continued.status == WorkItemStatus.PENDING
    assert status(client, item.work_item_id) == WorkItemStatus.COMPLETED


def test_an_uploaded_file_is_finalised_into_a_pending_item(client):
    pdf = File(
        payload=io.BytesIO(b"%PDF-1.4"), file_name="invoice.pdf", mime_type="application/pdf"
    )
    uploaded = upload.sync(client=client, body=BodyUploadWorkItemFileWorkItemsUploadFilePost(pdf))
    assert uploaded is not None

    finalized = new_item(client, work_item_id=str(uploaded["work_item_id"]))

    assert finalized.status == WorkItemStatus.PENDING


def test_delete_and_batch_delete(client):
    first, second = new_item(client).work_item_id, new_item(client).work_item_id

    deleted = delete.sync(first, client=client)
    batch = batch_delete.sync(client=client, body=DeleteWorkItemsRequest([second, "nope"]))

    assert isinstance(deleted, DeleteWorkItemResponse)
    assert deleted.work_item_id == first
    assert isinstance(batch, DeleteWorkItemsResponse)
    assert (batch.deleted, batch.failures) == (1, 1)
