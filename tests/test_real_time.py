"""200 work items progressing at once on a real (sped-up) clock, with people interfering."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from mock_server import create_app
from mock_server.apis.sema4.domain.service import StatusChange
from mock_server.core.clock import ClockMode
from mock_server.hosting.context import current_emulator
from mock_server.settings import Settings
from tests.support.workitems import sema4_of

ITEMS = 200
API = "/api/v1/work-items"
TERMINAL = {"COMPLETED", "FAILED", "CANCELLED"}
SCENARIOS = ["complete", "fail", "flaky", "needs_review"]


def test_concurrent_items_follow_only_legal_paths():
    app = create_app(Settings(clock_mode=ClockMode.REAL, clock_speed=200))
    with app.app_context():
        emulator = current_emulator()
    history: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
    history_lock = threading.Lock()

    def record(change: StatusChange) -> None:
        with history_lock:
            history[change.item.work_item_id].append((change.previous, change.item.status))

    sema4_of(emulator).items.subscribe(record)
    emulator.start()
    cancelled: set[str] = set()

    def drive(index: int) -> str:
        client = app.test_client()
        headers = {
            "Authorization": "Bearer local-dev-key",
            "Prefer": f"scenario={SCENARIOS[index % len(SCENARIOS)]}",
        }
        response = client.post(API, json={"agent_id": "invoice_processing_agent"}, headers=headers)
        item_id: str = response.get_json()["work_item_id"]
        if index % 5 == 0:  # race a person against the agent
            time.sleep(0.005 * (index % 3))
            if client.post(f"{API}/{item_id}/cancel", headers=headers).status_code == 200:
                cancelled.add(item_id)
        return item_id

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            ids = list(pool.map(drive, range(ITEMS)))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            statuses = {sema4_of(emulator).items.store.get(i).status for i in ids}  # type: ignore[union-attr]
            if statuses <= TERMINAL | {"PAUSED"}:
                break
            time.sleep(0.05)
    finally:
        emulator.stop()

    legal = sema4_of(emulator).profile.table.legal_moves()
    for item_id in ids:
        path = history[item_id]
        assert path[0] == (None, "PENDING"), path
        assert all(move in legal for move in path[1:]), (item_id, path)
        final = sema4_of(emulator).items.store.get(item_id)
        assert final is not None
        assert final.status in TERMINAL | {"PAUSED"}, (item_id, path)
        if item_id in cancelled:
            assert final.status == "CANCELLED", (item_id, path)
