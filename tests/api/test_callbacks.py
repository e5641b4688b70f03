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


NOT_HTTP_URLS = [
    "",
    "not a url",
    "ftp://example.com/x",
    "/relative/path",
    "http://",
    "http://host:65536/x",
    "http://host:port/x",
    "http://exa mple.com/",
    "https://caf\u00e9.example/",
    "http://host/a%zz",
    "http://[not-an-address]/x",
]


@pytest.mark.parametrize("url", NOT_HTTP_URLS)
def test_a_callback_url_that_is_not_an_absolute_http_uri_is_422_naming_the_field(client, url):
    response = _create(client, [{"url": url, "on_status": "COMPLETED"}])

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == "body.callbacks[0].url"


@pytest.mark.parametrize(
    "url",
    [
        "HTTPS://Example.com:443/hooks?x=1#frag",
        "http://user:pw@127.0.0.1:9000/a/b;c",
        "http://h:00080/%41~!$&'()*+,;=:@",
        "http://[::1]:8080/hook",  # an IPv6 literal, bracketed
    ],
)
def test_every_absolute_http_uri_is_a_valid_callback_url(client, url):
    assert _create(client, [{"url": url, "on_status": "COMPLETED"}]).status_code == 200


@pytest.mark.parametrize("status", ["DONE", "completed", "PRECREATED", ""])
def test_a_callback_for_an_unknown_status_is_422(client, status):
    response = _create(client, [{"url": HOOK, "on_status": status}])

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == "body.callbacks[0].on_status"


def test_a_callback_without_on_status_is_422(client):
    response = _create(client, [{"url": HOOK}])

    assert response.status_code == 422
