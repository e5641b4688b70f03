"""What every drift check shares: the client, the contract, the findings, time and agents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from contracts.drift.clock import Time
from contracts.drift.findings import Drift, Evidence, Finding
from contracts.drift.promises import Contract
from contracts.drift.shapes import departures
from contracts.http import Client, Exchange
from contracts.webhooks.receiver import Receiver

PDF = b"%PDF-1.4 drift probe\n"


@dataclass
class Probe:
    client: Client
    contract: Contract
    drift: Drift
    time: Time
    agents: list[str]
    hooks: Receiver
    outcomes: dict[str, str] = field(default_factory=dict)  # agent -> how its run ended

    # -- findings ----------------------------------------------------------------------------

    def find(self, category: str, behaviour: str, expected: str, seen: Exchange | Evidence) -> None:
        evidence = seen if isinstance(seen, Evidence) else Evidence(seen.curl, seen.summary())
        self.drift.add(Finding(category, behaviour, expected, evidence))

    def expect_status(self, exchange: Exchange, expected: int, behaviour: str) -> None:
        """A `status codes` finding unless `exchange` answered `expected`."""
        if exchange.status != expected:
            self.find("status codes", f"{behaviour} is {exchange.status}", str(expected), exchange)

    def judge_item(self, exchange: Exchange, what: str = "a work item") -> None:
        """`fields` findings for each way a WorkItem answer departs from the contract (its
        status is judged as a status name elsewhere)."""
        if exchange.status != 200:
            return
        schema = self.contract.schema("WorkItem")
        for departure in departures(exchange.body, schema, skip=("status",)):
            self.find("fields", departure.describe(what), departure.expected("WorkItem"), exchange)

    def judge_error(self, exchange: Exchange) -> None:
        """`fields` findings for an error answer that is not the contract's envelope."""
        if exchange.status < 400:
            return
        schema = self.contract.schema("Error")
        for departure in departures(exchange.body, schema):
            self.find(
                "fields",
                departure.describe("the error envelope"),
                departure.expected("Error"),
                exchange,
            )
        inner = schema.get("properties", {}).get("error", {})
        if isinstance(exchange.body, dict) and isinstance(exchange.body.get("error"), dict):
            for departure in departures(exchange.body["error"], inner):
                self.find(
                    "fields",
                    departure.describe("the error object"),
                    departure.expected("Error"),
                    exchange,
                )

    def judge_answer(self, exchange: Exchange, path: str, method: str, what: str) -> None:
        schema = self.contract.response_schema(path, method, str(exchange.status))
        if schema is None or exchange.status >= 400:
            return
        for departure in departures(exchange.body, schema):
            expected = departure.expected(f"the {method.upper()} {path} answer")
            self.find("fields", departure.describe(what), expected, exchange)

    # -- requests ----------------------------------------------------------------------------

    def payload(self) -> dict[str, Any]:
        return dict(self.client.target.marker)

    def create(self, agent_id: str, **fields: Any) -> Exchange:
        body = {"agent_id": agent_id, "payload": self.payload(), **fields}
        exchange = self.client.call("POST", "/work-items", json_body=body)
        self.judge_item(exchange)
        return exchange

    def get(self, work_item_id: str) -> Exchange:
        exchange = self.client.call("GET", f"/work-items/{work_item_id}")
        self.judge_item(exchange)
        return exchange

    def upload(self, work_item_id: str | None = None) -> Exchange:
        params = {"work_item_id": work_item_id} if work_item_id else None
        part = ("drift-probe.pdf", PDF, "application/pdf")
        return self.client.call(
            "POST", "/work-items/upload-file", params=params, multipart={"file": part}
        )

    def status_of(self, work_item_id: str) -> str | None:
        status = self.get(work_item_id).item.get("status")
        return status if isinstance(status, str) else None
