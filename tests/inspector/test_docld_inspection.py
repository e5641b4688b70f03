"""The inspector's DocLD provider, without a browser: workflows and executions on the list,
a workflow's buttons, an execution's steps and signed webhooks."""

import pytest

from mock_server.apis.docld.runtime import DocldRuntime
from mock_server.core.errors import BadRequest, IllegalMove, NotFound
from mock_server.hosting.resources import ResourceQuery
from tests.apis.docld.support import LOCAL, invoice_workflow
from tests.inspector.forms import html, submit

SECRET = "whsec_inspector_test_secret"
INBOX = "http://127.0.0.1:8080/_mock/inbox/app"


@pytest.fixture
def docld(emulator) -> DocldRuntime:
    api = emulator.apis["docld"]
    assert isinstance(api, DocldRuntime)
    return api


def new_workflow(api: DocldRuntime, name: str = "Invoices", **changes) -> str:
    body = invoice_workflow(name=name, trigger_type="manual", trigger_config={}, **changes)
    return api.domain.workflows.create(LOCAL, body).id


def allowed(api: DocldRuntime, resource_id: str) -> dict[str, tuple[bool, str]]:
    return {a.name: (a.allowed, a.reason) for a in api.actions(resource_id)}


def test_workflows_and_executions_are_rows_newest_first_with_their_kind(docld):
    workflow = new_workflow(docld)
    execution = docld.perform(workflow, "execute", None)

    rows = docld.browse(ResourceQuery()).views
    disabled = docld.browse(ResourceQuery(status="disabled")).views

    assert [(v.kind, v.resource_id, v.status) for v in rows] == [
        ("execution", execution.resource_id, "running"),
        ("workflow", workflow, "enabled"),
    ]
    assert {v.tenant for v in rows} == {LOCAL.tenant_id}
    assert docld.browse(ResourceQuery(text="INVOI", limit=1)).more
    assert disabled == []


def test_a_workflow_is_executed_disabled_and_then_refused_as_the_api_refuses_it(docld):
    workflow = new_workflow(docld)
    assert allowed(docld, workflow) == {
        "execute": (True, "starts a manual execution"),
        "enable": (False, "already enabled"),
        "disable": (True, "no trigger fires it"),
    }

    started = docld.perform(workflow, "execute", '{"invoice": "A-1"}')
    disabled = docld.perform(workflow, "disable", None)
    with pytest.raises(IllegalMove, match="is disabled; enable it to execute it"):
        docld.perform(workflow, "execute", None)
    with pytest.raises(IllegalMove, match="is already disabled"):
        docld.perform(workflow, "disable", None)

    assert docld.domain.space.executions[started.resource_id].trigger_data == {"invoice": "A-1"}
    assert disabled.status == "disabled"
    assert allowed(docld, workflow)["execute"][0] is False
    assert docld.perform(workflow, "enable", None).status == "enabled"
    assert [n.kind for n in docld.notes(workflow)] == ["execution"]


def test_bad_trigger_data_unknown_moves_and_executions_are_refused_with_a_reason(docld):
    workflow = new_workflow(docld)
    execution = docld.perform(workflow, "execute", None).resource_id

    with pytest.raises(BadRequest, match="Trigger data is not JSON"):
        docld.perform(workflow, "execute", "{nope")
    with pytest.raises(BadRequest, match="must be a JSON object"):
        docld.perform(workflow, "execute", "[1]")
    with pytest.raises(BadRequest, match="Unknown workflow action 'delete'"):
        docld.perform(workflow, "delete", None)
    with pytest.raises(BadRequest, match="no move on an execution: only a workflow can be"):
        docld.perform(execution, "execute", None)
    with pytest.raises(NotFound, match="No DocLD workflow nope"):
        docld.perform("nope", "execute", None)

    assert docld.actions(execution) == []
    assert len(docld.domain.space.executions) == 1


def test_an_execution_shows_its_steps_and_signed_webhooks_and_moves_the_revision(
    docld, anonymous, advance
):
    anonymous.put("/_mock/inbox/app", json={"secret": SECRET})
    hook = {"url": INBOX, "events": ["workflow.completed"], "secret": SECRET}
    docld.domain.webhooks.create(LOCAL, hook)
    workflow = new_workflow(docld)
    execution = docld.perform(workflow, "execute", None).resource_id
    before = docld.revision()
    upcoming = [n.text for n in docld.notes(execution) if n.upcoming]
    advance(10)  # both steps
    advance(0)  # the manual clock sends what came due

    page = html(anonymous, f"/_mock/work-items/{execution}")
    workflow_page = html(anonymous, f"/_mock/work-items/{workflow}")

    assert upcoming == ["step 1 of 2 ends"]
    assert docld.revision() > before
    assert "step 1 parse (parse) started, completed" in page
    assert "workflow.completed to http://127.0.0.1:8080/_mock/inbox/app, attempt 1: 200" in page
    assert "signature valid" in page
    assert docld.delivery_subjects(workflow) == [workflow, execution]
    assert "workflow.completed to http://127.0.0.1:8080/_mock/inbox/app" in workflow_page


def test_the_page_executes_a_workflow_from_its_button(docld, anonymous):
    workflow = new_workflow(docld, name="Receipts")
    back = f"/_mock/work-items/{workflow}"

    page = html(anonymous, back)
    submit(anonymous, f"/_mock/inspector/work-items/{workflow}/actions/execute", back)
    executed = html(anonymous, back)
    submit(anonymous, f"/_mock/inspector/work-items/{workflow}/actions/enable", back)
    refused = html(anonymous, back)

    assert 'id="act-enable" aria-describedby="why-enable" disabled' in page
    assert "Execute: Receipts is now running." in executed
    assert f"Workflow {workflow} is already enabled." in refused
    assert len(docld.domain.space.executions) == 1
