import json

import pytest

from tests.support.receiver import receiver
from tests.support.workitems import API, TEXT_MESSAGE, create


def busy_state(client):
    """Items in several statuses, a file, a pending remote upload, steps and deliveries."""
    create(client, messages=[TEXT_MESSAGE])
    create(client, agent_id="document_review_agent")
    client.post(f"{API}/upload-file", data={"file": "later.pdf"})
    client.post("/_mock/clock/advance", json={"seconds": 1.5})
    create(client, callbacks=[{"url": "http://203.0.113.9/hook", "on_status": "PENDING"}])
    client.post("/_mock/clock/advance", json={"seconds": 0})


def test_a_snapshot_round_trip_is_byte_for_byte_identical(client, app):
    busy_state(client)
    exported = client.get("/_mock/state?include_secrets=true").data

    fresh = app.test_client()
    assert (
        fresh.put("/_mock/state", data=exported, content_type="application/json").status_code == 200
    )

    assert fresh.get("/_mock/state?include_secrets=true").data == exported


def test_an_imported_state_carries_on_where_it_stopped(client, app):
    from mock_server import create_app

    busy_state(client)
    exported = client.get("/_mock/state?include_secrets=true").json
    other = create_app(app.extensions["workitems_mock"].settings).test_client()
    other.environ_base["HTTP_AUTHORIZATION"] = "Bearer local-dev-key"
    other.put("/_mock/state", json=exported)

    other.post("/_mock/clock/advance", json={"seconds": 5})
    client.post("/_mock/clock/advance", json={"seconds": 5})

    def statuses(c):
        return [r["status"] for r in c.get(f"{API}?limit=10").json["records"]]

    assert statuses(other) == statuses(client)
    assert create(other)["work_item_id"] == create(client)["work_item_id"]  # ids continue


def test_a_pending_delivery_survives_a_snapshot(client, app):
    with receiver() as hook:
        create(client, callbacks=[{"url": hook.url, "on_status": "COMPLETED"}])
        exported = client.get("/_mock/state?include_secrets=true").json
        client.post("/_mock/reset")

        client.put("/_mock/state", json=exported)
        client.post("/_mock/clock/advance", json={"seconds": 3})
        [got] = hook.wait_for(1)

    assert json.loads(got.body)["status"] == "COMPLETED"


def test_the_inspector_timeline_survives_a_snapshot(client, app):
    item = create(client)
    client.post("/_mock/clock/advance", json={"seconds": 5})  # PENDING -> EXECUTING -> COMPLETED
    exported = client.get("/_mock/state?include_secrets=true").json
    client.post("/_mock/reset")

    client.put("/_mock/state", json=exported)
    page = client.get(f"/_mock/work-items/{item['work_item_id']}", headers={"Accept": "text/html"})

    text = page.get_data(as_text=True)
    assert "PENDING → EXECUTING by agent_start" in text
    assert "EXECUTING → COMPLETED" in text


def test_a_document_written_before_history_was_kept_still_loads(client):
    item = create(client)
    document = client.get("/_mock/state?include_secrets=true").json
    del document["apis"]["sema4"]["work_items"][0]["history"]

    assert client.put("/_mock/state", json=document).status_code == 200
    assert client.get(f"{API}/{item['work_item_id']}").status_code == 200


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"hello": 1}, "not a workitems-mock state document"),
        ({"format": "workitems-mock/state", "version": 99}, "state version 99 is not supported"),
        (
            {"format": "workitems-mock/state", "version": 1, "profile": "documented"},
            "clock: Field required",
        ),
    ],
)
def test_a_foreign_or_broken_document_is_refused_and_changes_nothing(client, document, message):
    item = create(client)

    response = client.put("/_mock/state", json=document)

    assert response.status_code == 422
    assert message in response.json["error"]["message"]
    assert client.get(f"{API}/{item['work_item_id']}").status_code == 200


def test_an_inconsistent_document_is_refused(client):
    create(client)
    document = client.get("/_mock/state?include_secrets=true").json
    document["apis"]["sema4"]["work_items"][0]["status"] = "DONE"

    response = client.put("/_mock/state", json=document)

    assert response.status_code == 422
    message = response.json["error"]["message"]
    assert "apis.sema4.work_items.0.status: unknown status 'DONE'" in message


def test_reset_to_a_named_fixture_set(client):
    response = client.post("/_mock/reset", json={"fixture_set": "demo"})

    assert response.status_code == 200
    statuses = {r["status"] for r in client.get(API).json["records"]}
    assert {"PAUSED", "COMPLETED", "FAILED"} <= statuses


def test_reset_to_an_unknown_fixture_set_is_404(client):
    assert client.post("/_mock/reset", json={"fixture_set": "nope"}).status_code == 404
    assert client.post("/_mock/reset", json={"fixture_set": "../keys"}).status_code == 404


def test_a_history_entry_with_an_unknown_status_is_refused(client):
    create(client)
    client.post("/_mock/clock/advance", json={"seconds": 5})
    document = client.get("/_mock/state?include_secrets=true").json
    document["apis"]["sema4"]["work_items"][0]["history"][0]["status"] = "DONE"

    response = client.put("/_mock/state", json=document)

    assert response.status_code == 422
    message = response.json["error"]["message"]
    assert "apis.sema4.work_items.0.history.0: unknown status 'DONE'" in message


def test_a_plain_reset_after_a_fixture_set_repeats_the_seeded_ids(client):
    first = create(client)["work_item_id"]
    client.post("/_mock/reset", json={"fixture_set": "demo"})

    client.post("/_mock/reset")

    assert create(client)["work_item_id"] == first


def test_fault_rules_and_inboxes_survive_a_snapshot(client, app):
    from mock_server import create_app

    client.put("/_mock/inbox/keep", json={"secret": "s3cret", "fail_first": 2})
    client.post("/_mock/inbox/keep/hook", data=b"\xff\xfe not utf-8")
    client.post("/_mock/faults", json={"operation": "listWorkItems", "status": 503, "times": 2})
    client.get(API)  # the rule fires once
    exported = client.get("/_mock/state?include_secrets=true").data

    other = create_app(app.extensions["workitems_mock"].settings).test_client()
    other.put("/_mock/state", data=exported, content_type="application/json")

    assert other.get("/_mock/state?include_secrets=true").data == exported
    [rule] = other.get("/_mock/faults").get_json()["faults"]
    assert (rule["fired"], rule["remaining"]) == (1, 1)
    [capture] = other.get("/_mock/inbox/keep/requests").get_json()["requests"]
    assert capture["body_base64"] is not None
    assert other.post("/_mock/inbox/keep/hook", json={}).status_code == 500  # second of two
    assert other.post("/_mock/inbox/keep/hook", json={}).status_code == 200


def test_an_export_masks_keys_and_secrets_unless_asked_for(client):
    create(client, callbacks=[{"url": "http://127.0.0.1:9/h", "on_status": "PENDING",
                               "signature_secret": "s3cret"}])  # fmt: skip
    client.put("/_mock/inbox/hooks", json={"secret": "inbox-secret"})

    masked_text = client.get("/_mock/state").get_data(as_text=True)
    full_text = client.get("/_mock/state?include_secrets=true").get_data(as_text=True)

    for secret in ("local-dev-key", "s3cret", "inbox-secret"):
        assert secret not in masked_text
        assert secret in full_text
    assert "<masked>" in masked_text


def test_a_masked_export_imports_back_with_its_secrets_kept(client):
    item = create(client, callbacks=[{"url": "http://127.0.0.1:9/h", "on_status": "PENDING",
                                      "signature_secret": "s3cret"}])  # fmt: skip
    masked_document = client.get("/_mock/state").json

    assert client.put("/_mock/state", json=masked_document).status_code == 200

    assert client.get(API).status_code == 200  # the key still opens the API
    full = client.get("/_mock/state?include_secrets=true").json
    [kept] = full["apis"]["sema4"]["work_items"]
    assert kept["work_item_id"] == item["work_item_id"]
    assert kept["callbacks"][0]["signature_secret"] == "s3cret"


def test_a_masked_secret_with_nothing_to_keep_is_refused_and_changes_nothing(client, app):
    from mock_server import create_app

    create(client, callbacks=[{"url": "http://127.0.0.1:9/h", "on_status": "PENDING",
                               "signature_secret": "s3cret"}])  # fmt: skip
    masked_document = client.get("/_mock/state").json
    fresh = create_app(app.extensions["workitems_mock"].settings).test_client()

    response = fresh.put("/_mock/state", json=masked_document)

    message = (response.json or {})["error"]["message"]
    assert response.status_code == 422
    assert "signature_secret" in message
    assert "include_secrets=true" in message


def test_secrets_are_exported_only_to_this_machine(client):
    response = client.get(
        "/_mock/state?include_secrets=true", environ_base={"REMOTE_ADDR": "203.0.113.9"}
    )

    assert response.status_code == 403
    assert response.json["error"]["details"]["field"] == "query.include_secrets"


def test_an_import_answers_how_many_resources_each_api_now_holds(client):
    create(client)
    create(client)
    document = client.get("/_mock/state?include_secrets=true").json

    answer = client.put("/_mock/state", json=document).json

    assert answer["resources"]["sema4"] == 2
    assert set(answer["resources"]) == set(document["apis"])
    assert answer["work_items"] == sum(answer["resources"].values())  # the one-API name
