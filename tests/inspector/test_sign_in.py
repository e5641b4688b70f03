"""With --admin-token: a sign-in form for browsers, a session cookie, the bearer for JSON."""

import pytest

from mock_server import create_app
from mock_server.core.clock import ClockMode
from mock_server.settings import Settings
from tests.inspector.forms import CSRF, HTML

TOKEN = "s3cret-admin"


@pytest.fixture
def browser():
    app = create_app(Settings(clock_mode=ClockMode.MANUAL, admin_token=TOKEN))
    return app.test_client()


def sign_in(browser, token: str = TOKEN, next_path: str = "/_mock/inspector/control"):
    form = browser.get(next_path, headers=HTML)
    csrf = CSRF.search(form.get_data(as_text=True))
    assert csrf
    data = {"csrf": csrf.group(1), "next": next_path, "token": token}
    return form, browser.post("/_mock/inspector/sign-in", data=data, headers=HTML)


def test_a_browser_without_a_session_gets_the_sign_in_form_not_json(browser):
    response = browser.get("/_mock/inspector", headers=HTML)

    text = response.get_data(as_text=True)
    assert response.status_code == 401
    assert 'name="token" type="password"' in text
    assert "Emulator time" not in text  # nothing of the emulator before signing in


def test_a_wrong_token_is_refused_and_the_right_one_sets_a_strict_cookie(browser):
    _, wrong = sign_in(browser, "guess")
    _, right = sign_in(browser)

    assert wrong.status_code == 401
    assert "That is not the admin token." in wrong.get_data(as_text=True)
    assert right.status_code == 303
    assert right.headers["Location"] == "/_mock/inspector/control"
    cookie = right.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert TOKEN not in cookie
    assert browser.get("/_mock/inspector/control", headers=HTML).status_code == 200
    assert browser.get("/_mock/deliveries").status_code == 200  # reading JSON is fine


def test_signing_in_starts_a_new_session_and_signing_out_ends_it(browser):
    form, _ = sign_in(browser)
    visitor = form.headers["Set-Cookie"].split(";")[0]
    page = browser.get("/_mock/inspector", headers=HTML).get_data(as_text=True)
    csrf = CSRF.search(page)
    assert csrf

    out = browser.post("/_mock/inspector/sign-out", data={"csrf": csrf.group(1)}, headers=HTML)

    assert visitor not in out.headers["Set-Cookie"]
    assert browser.get("/_mock/inspector", headers=HTML).status_code == 401


def test_the_cookie_never_changes_state_through_the_json_control_plane(browser):
    sign_in(browser)

    assert browser.post("/_mock/reset").status_code == 401
    assert browser.post("/_mock/clock/advance", json={"seconds": 1}).status_code == 401
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert (
        browser.post("/_mock/clock/advance", json={"seconds": 1}, headers=bearer).status_code == 200
    )


def test_arriving_from_another_site_reloads_once_to_send_the_strict_cookie(browser):
    response = browser.get("/_mock/inspector", headers={**HTML, "Sec-Fetch-Site": "cross-site"})

    assert '<meta http-equiv="refresh" content="0">' in response.get_data(as_text=True)
