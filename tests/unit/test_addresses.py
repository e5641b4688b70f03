"""The emulator recognises URLs naming itself, however the host is spelled."""

from __future__ import annotations

import pytest

from mock_server.webhooks.addresses import SelfAddress, canonical_host

LOCAL = SelfAddress("127.0.0.1", 8080)


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "LOCALHOST", "localhost.", "LocalHost.", "[::1]", "127.1",
     "0x7f.1", "2130706433", "127.000.000.001", "sub.localhost", "[0:0:0:0:0:0:0:1]"],
)  # fmt: skip
def test_every_spelling_of_loopback_on_the_port_names_the_emulators_inbox(host):
    assert LOCAL.inbox_name(f"http://{host}:8080/_mock/inbox/hooks") == "hooks"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8081/_mock/inbox/hooks",  # another port
        "https://127.0.0.1:8080/_mock/inbox/hooks",  # the emulator serves no TLS
        "http://10.0.0.5:8080/_mock/inbox/hooks",  # another machine
        "http://127.0.0.1:8080/api/v1/work-items",  # not an inbox
        "http://127.0.0.1:8080/_mock/inbox/",  # no inbox name
        "http://127.0.0.1:bad/_mock/inbox/hooks",  # not a URL at all
    ],
)
def test_anything_else_is_not_an_own_inbox(url):
    assert LOCAL.inbox_name(url) is None


def test_the_default_port_counts_when_the_emulator_is_on_it():
    assert SelfAddress("127.0.0.1", 80).inbox_name("http://localhost/_mock/inbox/a") == "a"


def test_doubled_slashes_and_escapes_in_the_path_name_the_same_inbox():
    assert LOCAL.inbox_name("http://localhost:8080//_mock//inbox/%68ooks/x") == "hooks"


def test_the_public_url_names_the_emulator_too():
    behind_proxy = SelfAddress("0.0.0.0", 8080, "https://mock.example.com")

    assert behind_proxy.inbox_name("https://MOCK.example.com./_mock/inbox/a") == "a"
    assert behind_proxy.inbox_name("http://127.0.0.1:8080/_mock/inbox/a") == "a"


def test_bound_to_one_address_only_that_address_is_the_emulator():
    lan = SelfAddress("192.168.1.20", 8080)

    assert lan.inbox_name("http://192.168.1.20:8080/_mock/inbox/a") == "a"
    assert lan.inbox_name("http://127.0.0.1:8080/_mock/inbox/a") is None


def test_canonical_hosts():
    assert canonical_host("[::FFFF:7F00:1]") == "::ffff:7f00:1"
    assert canonical_host("Example.COM.") == "example.com"
    assert canonical_host("127.1") == "127.0.0.1"
