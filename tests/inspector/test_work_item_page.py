"""A work item's page: its timeline, its lifecycle buttons, its webhooks and redelivery."""

from tests.inspector.forms import HTML, html, submit
from tests.support.workitems import API, create

INBOX = "http://127.0.0.1:8080/_mock/inbox/shop"


def page_of(client, item) -> str:
    return html(client, f"/_mock/work-items/{item['work_item_id']}")


def test_buttons_follow_the_lifecycle_table_and_say_why_not(client, advance):
    item = create(client)
    advance(1)  # EXECUTING

    text = page_of(client, item)

    assert '<button type="submit" id="act-cancel" aria-describedby="why-cancel">' in text
    assert 'id="act-continue" aria-describedby="why-continue" disabled' in text
    assert "allowed from CANCELLED, FAILED, PAUSED, not EXECUTING" in text


def test_cancel_from_the_page_goes_through_the_api_and_its_webhooks(client, emulator):
    item = create(client, callbacks=[{"url": INBOX, "on_status": "CANCELLED"}])
    back = f"/_mock/work-items/{item['work_item_id']}"

    response = submit(
        client, f"/_mock/inspector/work-items/{item['work_item_id']}/actions/cancel", back
    )

    assert response.status_code == 303
    assert response.headers["Location"] == back
    assert client.get(f"{API}/{item['work_item_id']}").json["status"] == "CANCELLED"
    text = page_of(client, item)
    assert "Cancel: Work Item" in text
    assert "is now CANCELLED" in text
    assert "PENDING → CANCELLED by cancel" in text
    assert [d.event for d in emulator.dispatcher.deliveries()] == ["CANCELLED"]
    assert "is now CANCELLED" not in page_of(client, item)


def test_an_action_the_status_no_longer_allows_is_refused_with_the_reason(client, advance):
    item = create(client)
    advance(5)  # COMPLETED
    back = f"/_mock/work-items/{item['work_item_id']}"

    submit(client, f"/_mock/inspector/work-items/{item['work_item_id']}/actions/cancel", back)

    assert "Cannot cancel work item from status COMPLETED." in page_of(client, item)
    assert client.get(f"{API}/{item['work_item_id']}").json["status"] == "COMPLETED"


def test_a_form_without_the_session_csrf_token_changes_nothing(client):
    item = create(client)
    html(client, "/_mock/inspector")  # a session, but the token is not sent back

    for token in (None, "forged"):
        data = {"csrf": token} if token else {}
        action = f"/_mock/inspector/work-items/{item['work_item_id']}/actions/cancel"
        response = client.post(action, data=data, headers=HTML)
        assert response.status_code == 403
        assert "CSRF token does not match" in response.get_data(as_text=True)

    assert client.get(f"{API}/{item['work_item_id']}").json["status"] == "PENDING"


def test_the_timeline_shows_each_attempt_its_backoff_verdict_and_the_next_due(client, advance):
    client.put("/_mock/inbox/shop", json={"secret": "right", "fail_first": 1})
    item = create(
        client, callbacks=[{"url": INBOX, "on_status": "PENDING", "signature_secret": "wrong"}]
    )
    advance(0)  # attempt 1: the inbox fails it on purpose

    pending = page_of(client, item)
    advance(1)  # attempt 2 after a 1 s backoff
    done = page_of(client, item)

    assert "PENDING to http://127.0.0.1:8080/_mock/inbox/shop, attempt 1: 500" in pending
    assert "attempt 2 due (backoff 1 s)" in pending
    assert "2025-01-15T10:30:01.000000Z" in pending  # when it is due
    assert "attempt 2: 200" in done
    assert "after a 1 s backoff" in done
    assert "signature invalid" in done
    assert "expected</span> <code>" in done
    assert "#2 due" not in done


def test_redeliver_queues_the_same_webhook_again(client, advance, emulator):
    item = create(client, callbacks=[{"url": INBOX, "on_status": "PENDING"}])
    advance(0)
    [original] = emulator.dispatcher.deliveries()

    submit(client, f"/_mock/inspector/deliveries/{original.delivery_id}/redeliver")
    advance(0)

    again = emulator.dispatcher.deliveries()[-1]
    assert again.redelivery_of == original.delivery_id
    assert again.attempts[0].status == 200
    assert page_of(client, item).count("PENDING to http://127.0.0.1:8080/_mock/inbox/shop") == 2


def test_files_planned_steps_and_messages_are_on_the_page(client):
    item = create(
        client, messages=[{"role": "user", "content": [{"kind": "text", "text": "Hi <b>"}]}]
    )

    text = page_of(client, item)

    assert "agent step 1 of run 1: to EXECUTING" in text  # planned, not happened
    assert "Hi &lt;b&gt;" in text


def test_an_unknown_work_item_is_a_page_for_a_browser_and_json_for_others(client):
    response = client.get("/_mock/work-items/nope", headers=HTML)

    assert response.status_code == 404
    assert "There is no work item nope here" in response.get_data(as_text=True)
    assert client.get("/_mock/work-items/nope").json["error"]["code"]
