import pytest

from tests.support.workitems import create, state_of

HOOK = "https://your-app.com/webhooks/work-item-completed"


def _create(client, callbacks):
    return client.post(
        "/api/v1/work-items", json={"agent_id": "invoice_processing_agent", "callbacks": callbacks}
    )


def test_callbacks_for_several_statuses_are_stored(client):
    callbacks = [
        {"url": HOOK, "on_status": "COMPLETED"},
        {"url": "https://your-app.com/webhooks/failed", "on_status": "FAILED"},
        {"url": "http://127.0.0.1:9000/paused", "on_status": "PAUSED", "signature_secret": "s3"},
    ]

    item = create(client, callbacks=callbacks)

    assert item["callbacks"] == callbacks


def test_two_callbacks_for_one_status_are_400(client, emulator):
    before = state_of(emulator)

    response = _create(
        client, [{"url": HOOK, "on_status": "COMPLETED"}, {"url": HOOK, "on_status": "COMPLETED"}]
    )

    assert response.status_code == 400
    assert response.json["error"]["details"]["field"] == "callbacks[1].on_status"
    assert state_of(emulator) == before


@pytest.mark.parametrize(
    "url", ["", "not a url", "ftp://example.com/x", "/relative/path", "http://"]
)
def test_a_callback_url_that_is_not_absolute_http_is_400(client, url):
    response = _create(client, [{"url": url, "on_status": "COMPLETED"}])

    assert response.status_code == 400
    assert response.json["error"]["details"]["field"] == "callbacks[0].url"


@pytest.mark.parametrize("status", ["DONE", "completed", "PRECREATED", ""])
def test_a_callback_for_an_unknown_status_is_422(client, status):
    response = _create(client, [{"url": HOOK, "on_status": status}])

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == "body.callbacks[0].on_status"


def test_a_callback_without_on_status_is_422(client):
    response = _create(client, [{"url": HOOK}])

    assert response.status_code == 422
