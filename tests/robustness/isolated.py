"""Run inside a private network namespace (see test_isolation.py); prints what got through.

The namespace has only `lo`, with 10.9.9.9 added to it as a stand-in for an internal
service the emulator must never reach, and a resolver (fake_dns) that rebinds names.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.robustness.fake_dns import fake_dns
from tests.robustness.wire import call
from tests.support.receiver import receiver
from tests.support.served import served

INTERNAL = "10.9.9.9"
ARGS = ["--clock", "manual", "--webhook-retries", "2", "--webhook-timeout", "1"]


def main() -> None:
    with receiver(statuses=[500]) as loopback:
        port = int(loopback.url.rsplit(":", 1)[1].split("/")[0])
        script = {
            "rebind.test": [["127.0.0.1"], [INTERNAL]],  # loopback to the check, then not
            "mixed.test": [["127.0.0.1", INTERNAL]],
        }
        # The internal service listens on the same port number, so a rebound retry would
        # reach it if the egress policy let it through.
        with (
            receiver(host=INTERNAL, port=port) as internal,
            fake_dns(script) as asked,
            served(ARGS) as server,
        ):
            urls = [
                f"http://{INTERNAL}:{port}/hook",
                f"http://rebind.test:{port}/hook",
                f"http://mixed.test:{port}/hook",
                f"http://[::ffff:{INTERNAL}]:{port}/hook",
            ]
            for url in urls:
                body = {
                    "agent_id": "invoice_processing_agent",
                    "callbacks": [{"url": url, "on_status": "PENDING"}],
                }
                call(server.base_url, "POST", "/api/v1/work-items", body)
            call(server.base_url, "POST", "/_mock/clock/advance", {"seconds": 10})
            deliveries = call(server.base_url, "GET", "/_mock/deliveries")["deliveries"]
    result = {
        "internal_received": len(internal.received),
        "loopback_received": len(loopback.received),
        "asked": asked,
        "deliveries": {
            d["url"]: {
                "outcome": d["outcome"],
                "reason": d["reason"],
                "attempts": len(d["attempts"]),
            }
            for d in deliveries
        },
    }
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
