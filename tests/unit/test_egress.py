import pytest

from mock_server.webhooks.addresses import SelfAddress
from mock_server.webhooks.egress import EgressPolicy

DNS = {
    "localhost": ["127.0.0.1", "::1"],
    "receiver": ["172.18.0.5"],
    "sneaky": ["127.0.0.1", "10.0.0.9"],
}


def resolve(host: str) -> list[str]:
    if host in DNS:
        return DNS[host]
    if host.replace(".", "").isdigit() or ":" in host:
        return [host]
    raise OSError("Name or service not known")


def policy(*allowed: str) -> EgressPolicy:
    own = SelfAddress("127.0.0.1", 8080)
    return EgressPolicy(allowed, lambda url: own.inbox_name(url) is not None, resolve)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9000/x", "http://localhost/x", "http://[::1]:5/x", "http://127.8.9.1/"],
)
def test_loopback_destinations_are_allowed(url):
    assert policy().refusal(url) is None


@pytest.mark.parametrize(
    "url",
    ["http://203.0.113.7/x", "https://receiver/x", "http://sneaky/x", "http://nowhere.invalid/"],
)
def test_everything_else_is_refused_with_a_reason(url):
    reason = policy().refusal(url)

    assert reason is not None
    assert "not sent" in reason


def test_a_name_that_resolves_partly_off_loopback_counts_as_off_loopback():
    assert "10.0.0.9" in (policy().refusal("http://sneaky/x") or "")


def test_own_inboxes_are_always_allowed():
    assert policy().refusal("http://127.0.0.1:8080/_mock/inbox/mine") is None


def test_the_allow_list_widens_by_host_or_host_and_port():
    assert policy("receiver").refusal("https://receiver/x") is None
    assert policy("receiver:8443").refusal("https://receiver:8443/x") is None
    assert policy("receiver:8443").refusal("https://receiver/x") is not None


def test_a_star_allows_everything():
    assert policy("*").refusal("http://203.0.113.7/x") is None


def test_the_route_pins_the_address_that_was_checked():
    assert policy().route("http://localhost:9000/x").address == "127.0.0.1"
    assert policy().route("http://127.0.0.1:8080/_mock/inbox/mine").address is None


def test_a_name_that_rebinds_off_loopback_is_refused_on_the_attempt_that_sees_it():
    answers = iter([["127.0.0.1"], ["10.0.0.9"]])
    rebinding = EgressPolicy((), lambda url: False, lambda host: next(answers))

    first, second = rebinding.route("http://evil.test/x"), rebinding.route("http://evil.test/x")

    assert first.address == "127.0.0.1"
    assert first.refusal is None
    assert second.address is None
    assert "10.0.0.9" in (second.refusal or "")


def test_an_allowed_host_is_pinned_to_what_it_resolved_to():
    assert policy("receiver").route("https://receiver/x").address == "172.18.0.5"
