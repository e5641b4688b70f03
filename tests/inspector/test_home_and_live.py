"""Where a browser lands, and the cheap revision live pages poll instead of holding a stream."""

from mock_server.commands.serve import banner
from mock_server.emulator import Emulator
from mock_server.settings import Settings
from tests.inspector.forms import HTML, html
from tests.support.workitems import API, create


def test_a_browser_at_the_root_or_the_control_plane_lands_on_the_inspector(anonymous):
    for path in ("/", "/_mock"):
        response = anonymous.get(path, headers=HTML)

        assert response.status_code == 302
        assert response.headers["Location"] == "/_mock/inspector"


def test_other_clients_keep_the_404_at_the_root_and_get_a_directory_at_mock(anonymous):
    root = anonymous.get("/")
    directory = anonymous.get("/_mock")

    assert root.status_code == 404
    assert root.json["error"]["code"]
    assert directory.json["inspector"] == "http://127.0.0.1:8080/_mock/inspector"


def _revision(client) -> str:
    return client.get("/_mock/inspector/changes").json["revision"]


def test_the_revision_moves_with_requests_agent_steps_and_the_manual_clock(client, advance):
    item = create(client)
    before = _revision(client)
    assert _revision(client) == before  # nothing happened, nothing changed

    advance(1)  # the agent starts the item
    after_step = _revision(client)
    client.get(f"{API}/{item['work_item_id']}")
    after_read = _revision(client)

    assert len({before, after_step, after_read}) == 3
    answer = client.get("/_mock/inspector/changes", query_string={"since": after_read}).json
    assert answer == {"revision": after_read, "changed": False}


def test_a_status_change_by_the_agent_alone_moves_the_revision(client, emulator):
    item = create(client)
    before = _revision(client)

    emulator.scheduler.advance(1)  # no request at all: the simulated agent moves it

    assert _revision(client) != before
    assert "EXECUTING" in html(client, f"/_mock/work-items/{item['work_item_id']}")


def test_pages_load_nothing_from_elsewhere_and_run_no_inline_script(client):
    response = client.get("/_mock/inspector", headers=HTML)
    text = response.get_data(as_text=True)

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "http://" not in text.replace("http://127.0.0.1:8080", "")
    assert "<script>" not in text
    assert "onclick" not in text
    with client.get("/_mock/inspector/static/inspector.js") as script:
        assert script.status_code == 200


def test_the_banner_prints_where_the_inspector_and_control_plane_are():
    texts = {}
    for name, settings in {
        "open": Settings(),
        "token": Settings(admin_token="t0ken-for-tests"),
        "none": Settings(admin_enabled=False),
    }.items():
        emulator = Emulator(settings)
        texts[name] = banner(emulator)
        emulator.stop()

    assert (
        "inspector  http://127.0.0.1:8080/_mock/inspector  (open it in a browser)" in texts["open"]
    )
    assert "control    http://127.0.0.1:8080/_mock  (JSON" in texts["open"]
    assert "(sign in with the admin token)" in texts["token"]
    assert "inspector  none (--no-admin" in texts["none"]
