"""The emulator's `/_mock` control plane, used when the target has one and allows it."""

from __future__ import annotations

from typing import Any

import requests

from contracts.http import LimitedSession
from contracts.target import Target


class ControlPlane:
    """Resets the emulator and moves its clock; a real deployment has none of this."""

    def __init__(self, target: Target, session: LimitedSession) -> None:
        self.origin = target.origin
        self.session = session
        self.timeout = target.request_timeout

    def reset(self) -> None:
        self._post("/_mock/reset", {})

    def advance(self, seconds: float) -> None:
        """Move emulated time on; answers once every step that became due has run."""
        self._post("/_mock/clock/advance", {"seconds": seconds})

    def configure_inbox(self, name: str, **config: object) -> None:
        """A capture inbox that answers as configured (e.g. fails its first N requests)."""
        response = self.session.put(
            f"{self.origin}/_mock/inbox/{name}", json=config, timeout=self.timeout
        )
        response.raise_for_status()

    def inbox_requests(self, name: str) -> list[dict[str, Any]]:
        url = f"{self.origin}/_mock/inbox/{name}/requests"
        response = self.session.get(url, timeout=self.timeout)
        response.raise_for_status()
        captures: list[dict[str, Any]] = response.json()["requests"]
        return captures

    def export_state(self) -> dict[str, Any]:
        """Everything the emulator holds, its secrets too when it gives them (it does to a
        client on its own machine); a masked export still restores with the secrets kept."""
        url = self.origin + "/_mock/state"
        response = self.session.get(url, params={"include_secrets": "true"}, timeout=self.timeout)
        if response.status_code == 403:
            response = self.session.get(url, timeout=self.timeout)
        response.raise_for_status()
        state: dict[str, Any] = response.json()
        return state

    def import_state(self, state: dict[str, Any]) -> None:
        response = self.session.put(self.origin + "/_mock/state", json=state, timeout=self.timeout)
        response.raise_for_status()

    def _post(self, path: str, body: dict[str, float]) -> None:
        response = self.session.post(self.origin + path, json=body, timeout=self.timeout)
        response.raise_for_status()


def has_control_plane(target: Target, session: LimitedSession) -> bool:
    """True when `GET /_mock/health` answers `{"status": "ok"}`, as the emulator does."""
    try:
        response = session.get(target.origin + "/_mock/health", timeout=target.request_timeout)
        body = response.json()
        # Extra fields may come (a version, say): the status is what marks the emulator.
        return response.status_code == 200 and isinstance(body, dict) and body.get("status") == "ok"
    except (requests.RequestException, ValueError):
        return False
