"""The Agentwork Tasks API as the checks call it: one method per operation, each labelled."""

from __future__ import annotations

from typing import Any

from contracts.http import DEFAULT_KEY, Client, Exchange

TASK = "/tasks/{task_id}"
KEY_VARIABLE = "AGENTWORK_API_KEY"


class AgentworkApi:
    """Calls with the target's key unless `key=` says otherwise (None: no Authorization).

    Every exchange carries a curl line with keys shown as shell variables; every task the
    run creates is remembered, so the ones left open can be cancelled at the end.
    """

    def __init__(self, client: Client, control_plane: bool) -> None:
        self.client = client
        self.control_plane = control_plane
        # The Sema4 client names its key WORKITEMS_API_KEY; here it is Agentwork's.
        client.secrets = {client.target.api_key: KEY_VARIABLE}
        self.created: list[str] = []

    def remember_key(self, key: str, variable: str) -> None:
        """Show a key the run was given (by register, say) as `$variable` in curl lines."""
        self.client.secrets.setdefault(key, variable)

    def _call(self, method: str, path: str, operation: str, **kwargs: Any) -> Exchange:
        return self.client.call(method, path, operation=f"{method} {operation}", **kwargs)

    # -- auth --------------------------------------------------------------------------------

    def register(self, body: dict[str, Any]) -> Exchange:
        return self._call("POST", "/auth/register", "/auth/register", key=None, json_body=body)

    def api_key(self, body: dict[str, Any]) -> Exchange:
        return self._call("POST", "/auth/api-key", "/auth/api-key", key=None, json_body=body)

    # -- tasks -------------------------------------------------------------------------------

    def create(
        self,
        title: str,
        description: str,
        *,
        scenario: str | None = None,
        key: object = DEFAULT_KEY,
    ) -> Exchange:
        # `Prefer: scenario=<name>` picks the emulator's script; a real deployment never sees it.
        headers = {"Prefer": f"scenario={scenario}"} if scenario and self.control_plane else {}
        body = {"title": title, "description": description}
        exchange = self._call(
            "POST", "/tasks/", "/tasks/", key=key, json_body=body, headers=headers
        )
        task_id = exchange.item.get("task_id")
        if exchange.status == 201 and isinstance(task_id, str):
            self.created.append(task_id)
        return exchange

    def list(self, *, key: object = DEFAULT_KEY) -> Exchange:
        return self._call("GET", "/tasks/", "/tasks/", key=key)

    def get(self, task_id: str, *, key: object = DEFAULT_KEY) -> Exchange:
        return self._call("GET", f"/tasks/{task_id}", TASK, key=key)

    def result(self, task_id: str, *, key: object = DEFAULT_KEY) -> Exchange:
        return self._call("GET", f"/tasks/{task_id}/result", f"{TASK}/result", key=key)

    def events(self, task_id: str, *, key: object = DEFAULT_KEY) -> Exchange:
        return self._call("GET", f"/tasks/{task_id}/events", f"{TASK}/events", key=key)

    def message(self, task_id: str, body: dict[str, Any], *, key: object = DEFAULT_KEY) -> Exchange:
        return self._call(
            "POST", f"/tasks/{task_id}/message", f"{TASK}/message", key=key, json_body=body
        )

    def spec_status(
        self, task_id: str, status: str, reason: str | None = None, *, key: object = DEFAULT_KEY
    ) -> Exchange:
        return self._decide(task_id, "spec-status", status, reason, key)

    def solution_status(
        self, task_id: str, status: str, reason: str | None = None, *, key: object = DEFAULT_KEY
    ) -> Exchange:
        return self._decide(task_id, "solution-status", status, reason, key)

    def _decide(
        self, task_id: str, what: str, status: str, reason: str | None, key: object
    ) -> Exchange:
        body: dict[str, Any] = {"status": status}
        if reason is not None:
            body["rejection_reason"] = reason
        path = f"/tasks/{task_id}/{what}"
        return self._call("POST", path, f"{TASK}/{what}", key=key, json_body=body)

    def cancel(self, task_id: str, *, key: object = DEFAULT_KEY) -> Exchange:
        return self._call("POST", f"/tasks/{task_id}/cancel", f"{TASK}/cancel", key=key)

    def download(self, url: str) -> Exchange:
        """A result file's download URL, fetched as a browser would: no key."""
        return self.client.call("GET", url, operation="GET download_url", key=None, absolute=True)
