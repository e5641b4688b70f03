"""No webhook reaches a non-loopback address by any route, checked where nothing can escape.

The scenario runs in a network namespace of its own (`unshare -n`): only `lo` exists, with
10.9.9.9 added as a stand-in for an internal service, and a fake resolver that rebinds
names. Hosts where unprivileged namespaces are unavailable skip it, saying so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.served
ROOT = Path(__file__).resolve().parents[2]
SETUP = (
    "ip link set lo up && ip addr add 10.9.9.9/32 dev lo && "
    'echo "nameserver 127.0.0.1" > "$RESOLV" && mount --bind "$RESOLV" /etc/resolv.conf && '
    'exec "$PYTHON" tests/robustness/isolated.py'
)


def namespaces_available() -> str | None:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "needs `unshare` and `ip` (util-linux, iproute2)"
    probe = subprocess.run(
        ["unshare", "-n", "-m", "sh", "-c", "ip link set lo up && mount --make-private /"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        return f"this host does not allow network namespaces here: {probe.stderr.strip()}"
    return None


@pytest.fixture(scope="module")
def outcome() -> dict:
    why_not = namespaces_available()
    if why_not:
        pytest.skip(f"network isolation test skipped: {why_not}")
    with tempfile.TemporaryDirectory() as scratch:
        env = {"RESOLV": str(Path(scratch) / "resolv.conf"), "PYTHON": sys.executable}
        finished = subprocess.run(
            ["unshare", "-n", "-m", "sh", "-c", SETUP],
            cwd=ROOT,
            env={**env, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
    assert finished.returncode == 0, finished.stderr[-3000:]
    result: dict = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


def test_the_internal_service_receives_nothing(outcome):
    assert outcome["internal_received"] == 0


def test_a_private_address_is_blocked_before_any_attempt(outcome):
    delivery = outcome["deliveries"][f"http://10.9.9.9:{port_of(outcome)}/hook"]

    assert delivery["outcome"] == "blocked"
    assert delivery["attempts"] == 0


def test_a_name_rebinding_between_attempts_is_blocked_on_the_retry(outcome):
    delivery = outcome["deliveries"][f"http://rebind.test:{port_of(outcome)}/hook"]

    assert delivery["outcome"] == "blocked"
    assert delivery["attempts"] == 1  # the first went to loopback, the retry was refused
    assert delivery["reason"].startswith("attempt 2: ")
    assert "10.9.9.9" in delivery["reason"]
    assert outcome["loopback_received"] == 1
    assert outcome["asked"].count("rebind.test") == 2  # resolved once per attempt


def test_a_name_that_resolves_partly_off_loopback_is_blocked(outcome):
    delivery = outcome["deliveries"][f"http://mixed.test:{port_of(outcome)}/hook"]

    assert delivery["outcome"] == "blocked"


def test_an_ipv4_mapped_ipv6_literal_is_blocked(outcome):
    delivery = outcome["deliveries"][f"http://[::ffff:10.9.9.9]:{port_of(outcome)}/hook"]

    assert delivery["outcome"] == "blocked"


def port_of(outcome: dict) -> str:
    url = next(u for u in outcome["deliveries"] if u.startswith("http://rebind.test:"))
    return url.split(":")[2].split("/")[0]
