"""Takes the README's inspector screenshots (docs/inspector-*.png) from a served emulator.

Run `.venv/bin/python scripts/inspector_screenshots.py` (needs Debian's chromium). It serves
the emulator on a free loopback port with a manual clock and a fixed seed, makes a few work
items whose webhooks go to an inbox that fails twice and one signed with the wrong secret,
walks the clock through their retries and photographs the overview and one timeline.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
# Chromium's own background traffic would try the network this machine does not have.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def call(base: str, method: str, path: str, body: object = None, **headers: str) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", "Bearer local-dev-key")
    request.add_header("Content-Type", "application/json")
    for name, value in headers.items():
        request.add_header(name.replace("_", "-"), value)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_healthy(base: str) -> None:
    for _ in range(200):
        try:
            call(base, "GET", "/_mock/health")
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the emulator did not start")


def populate(base: str) -> str:
    """A handful of telling work items; answers the id of the one whose timeline is shown."""
    inbox = f"{base}/_mock/inbox/orders"
    call(base, "PUT", "/_mock/inbox/orders", {"secret": "whsec-demo", "fail_first": 2})

    def create(name: str, scenario: str, secret: str, status: str = "COMPLETED") -> str:
        body = {
            "agent_id": "invoice_processing_agent",
            "work_item_name": name,
            "payload": {"invoice_id": name.split()[-1]},
            "messages": [
                {"role": "user", "content": [{"kind": "text", "text": f"Process {name}"}]}
            ],
            "callbacks": [{"url": inbox, "on_status": status, "signature_secret": secret}],
        }
        item = call(base, "POST", "/api/v1/work-items", body, Prefer=f"scenario={scenario}")
        return str(item["work_item_id"])

    shown = create("Invoice INV-1001", "complete", "whsec-demo")
    call(base, "POST", "/_mock/clock/advance", {"seconds": 1})
    create("Invoice INV-1002", "needs_review", "whsec-demo", "PAUSED")
    create("Invoice INV-1003", "fail", "not-the-secret", "FAILED")
    call(base, "POST", "/_mock/clock/advance", {"seconds": 4})
    create("Invoice INV-1004", "idle", "whsec-demo")
    create("Invoice INV-1005", "slow", "whsec-demo")
    call(base, "POST", "/_mock/clock/advance", {"seconds": 2})
    call(base, "GET", f"/api/v1/work-items/{shown}?results=true")
    return shown


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "mock_server", "serve", "--port", str(port)]
    server = subprocess.Popen([*command, "--clock", "manual", "--seed", "42"])
    try:
        wait_healthy(base)
        shown = populate(base)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 760})
            page.goto(f"{base}/")
            page.screenshot(path=str(DOCS / "inspector-overview.png"))
            page.goto(f"{base}/_mock/work-items/{shown}")
            page.screenshot(path=str(DOCS / "inspector-timeline.png"), full_page=True)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    sys.stdout.write(
        f"wrote {DOCS / 'inspector-overview.png'}, {DOCS / 'inspector-timeline.png'}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
