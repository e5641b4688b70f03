"""A typed Python client for the /_mock control plane of a running emulator."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, TypedDict, cast

JsonObject = dict[str, Any]


class ControlError(Exception):
    """The control plane refused a call; `code` and `message` come from the error envelope."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message


class Ran(TypedDict):
    at: str
    task: str


class ClockState(TypedDict):
    now: str
    mode: str
    speed: float
    pending: list[JsonObject]


class Advanced(ClockState):
    ran: list[Ran]


class Attempt(TypedDict):
    number: int
    url: str
    scheduled_at: str
    sent_at: str
    response_status: int | None
    latency_ms: float | None
    error: str | None
    response_body: str


class Delivery(TypedDict):
    delivery_id: str
    work_item_id: str
    status: str
    url: str
    outcome: str
    reason: str | None
    created_at: str
    next_attempt_at: str | None
    redelivery_of: str | None
    attempts: list[Attempt]


class JournalEntry(TypedDict):
    id: int
    at: str
    method: str
    path: str
    query: str
    status: int
    latency_ms: float
    key: str | None
    operation: str | None
    work_item_id: str | None
    error_code: str | None
    reason: str | None


class Capture(TypedDict):
    id: int
    inbox: str
    received_at: str
    method: str
    path: str
    headers: dict[str, str]
    body: str | None
    json: Any
    signature: JsonObject | None
    answer: JsonObject


@dataclass
class ControlClient:
    """Wraps every /_mock endpoint; `admin_token` is needed only when the emulator has one."""

    base_url: str
    admin_token: str | None = None
    timeout: float = 30.0

    def call(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        """One control-plane request; ControlError when it is not 2xx."""
        wanted = {k: v for k, v in query.items() if v is not None}
        url = f"{self.base_url.rstrip('/')}{path}"
        if wanted:
            url += "?" + urllib.parse.urlencode(wanted)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.admin_token:
            request.add_header("Authorization", f"Bearer {self.admin_token}")
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                text = response.read()
        except urllib.error.HTTPError as error:
            with error:
                envelope = json.loads(error.read() or b"{}").get("error", {})
            raise ControlError(
                error.code, envelope.get("code", ""), envelope.get("message", "")
            ) from None
        return json.loads(text) if text else None

    # -- state -------------------------------------------------------------------------------

    def health(self) -> bool:
        answer = self.call("GET", "/_mock/health")
        return isinstance(answer, dict) and answer.get("status") == "ok"

    def reset(self, fixture_set: str | None = None) -> None:
        self.call("POST", "/_mock/reset", {"fixture_set": fixture_set} if fixture_set else {})

    def export_state(self, *, include_secrets: bool = False) -> JsonObject:
        """The whole state; keys, passwords and secrets masked unless `include_secrets` (only
        from this machine). A masked document imports back with the secrets kept."""
        query = {"include_secrets": "true"} if include_secrets else {}
        return cast(JsonObject, self.call("GET", "/_mock/state", **query))

    def import_state(self, state: JsonObject) -> None:
        self.call("PUT", "/_mock/state", state)

    # -- clock -------------------------------------------------------------------------------

    def clock(self) -> ClockState:
        return cast(ClockState, self.call("GET", "/_mock/clock"))

    def advance(self, seconds: float) -> Advanced:
        """Move time forward; returns once everything that fell due has run."""
        return cast(Advanced, self.call("POST", "/_mock/clock/advance", {"seconds": seconds}))

    def set_clock(
        self, now: str | None = None, mode: str | None = None, speed: float | None = None
    ) -> Advanced:
        body = {
            k: v for k, v in {"now": now, "mode": mode, "speed": speed}.items() if v is not None
        }
        return cast(Advanced, self.call("POST", "/_mock/clock/set", body))

    # -- agents, keys, scenarios --------------------------------------------------------------

    def agents(self) -> list[JsonObject]:
        return cast(list[JsonObject], self.call("GET", "/_mock/agents")["agents"])

    def add_agent(self, agent_id: str, name: str, scenario: str = "complete") -> JsonObject:
        body = {"agent_id": agent_id, "name": name, "scenario": scenario}
        return cast(JsonObject, self.call("POST", "/_mock/agents", body))

    def set_agent_scenario(self, agent_id: str, scenario: str) -> None:
        self.call("PUT", f"/_mock/agents/{agent_id}/scenario", {"scenario": scenario})

    def set_work_item_scenario(self, work_item_id: str, scenario: str) -> JsonObject:
        path = f"/_mock/work-items/{work_item_id}/scenario"
        return cast(JsonObject, self.call("PUT", path, {"scenario": scenario}))

    def add_key(
        self, name: str, tenant: str, user_id: str, *, write: bool = True, key: str | None = None
    ) -> str:
        body: JsonObject = {"name": name, "tenant": tenant, "user_id": user_id}
        body["permissions"] = ["read", "write"] if write else ["read"]
        if key is not None:
            body["key"] = key
        created = self.call("POST", "/_mock/keys", body)
        return str(created["key"])

    def put_scenario(self, name: str, runs: list[JsonObject], description: str = "") -> None:
        self.call("PUT", f"/_mock/scenarios/{name}", {"runs": runs, "description": description})

    def work_item(self, work_item_id: str) -> JsonObject:
        """Any tenant's work item, messages included."""
        return cast(JsonObject, self.call("GET", f"/_mock/work-items/{work_item_id}"))

    # -- journal and faults --------------------------------------------------------------------

    def requests(self, **filters: Any) -> list[JournalEntry]:
        """Filters: method, path, status, work_item_id, operation, since, until."""
        return cast(list[JournalEntry], self.call("GET", "/_mock/requests", **filters)["requests"])

    def clear_requests(self) -> None:
        self.call("DELETE", "/_mock/requests")

    def add_fault(self, **rule: Any) -> JsonObject:
        """E.g. add_fault(method="GET", path="/work-items/{work_item_id}", status=503, times=1)."""
        return cast(JsonObject, self.call("POST", "/_mock/faults", rule))

    def faults(self) -> list[JsonObject]:
        return cast(list[JsonObject], self.call("GET", "/_mock/faults")["faults"])

    def remove_fault(self, fault_id: str) -> None:
        self.call("DELETE", f"/_mock/faults/{fault_id}")

    def clear_faults(self) -> None:
        self.call("DELETE", "/_mock/faults")

    # -- webhooks ------------------------------------------------------------------------------

    def deliveries(self, **filters: Any) -> list[Delivery]:
        """Filters: work_item_id, status, outcome (pending, delivered, failed, blocked)."""
        return cast(list[Delivery], self.call("GET", "/_mock/deliveries", **filters)["deliveries"])

    def delivery(self, delivery_id: str) -> JsonObject:
        return cast(JsonObject, self.call("GET", f"/_mock/deliveries/{delivery_id}"))

    def redeliver(self, delivery_id: str, url: str | None = None) -> Delivery:
        body = {"url": url} if url else {}
        return cast(Delivery, self.call("POST", f"/_mock/deliveries/{delivery_id}/redeliver", body))

    def inbox_url(self, name: str) -> str:
        return f"{self.base_url.rstrip('/')}/_mock/inbox/{name}"

    def configure_inbox(self, name: str, **config: Any) -> JsonObject:
        """Config: secret, status, delay_seconds, fail_first, fail_status."""
        return cast(JsonObject, self.call("PUT", f"/_mock/inbox/{name}", config))

    def inbox_requests(self, name: str, since: int = 0) -> list[Capture]:
        found = self.call("GET", f"/_mock/inbox/{name}/requests", since=since or None)
        return cast(list[Capture], found["requests"])

    def clear_inbox(self, name: str) -> None:
        self.call("DELETE", f"/_mock/inbox/{name}/requests")


# No proxies: the control plane is on loopback and must not detour through HTTP_PROXY.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
