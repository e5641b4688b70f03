"""What the DocLD webhooks cases share: their names, verify's receiver and subscription."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from contracts.apis.docld.bench import Bench
from contracts.apis.docld.deliveries import Delivery, of_execution, parse
from contracts.webhooks.receiver import Receiver

SUITE = "webhooks"
SUBSCRIBE = "POST /webhooks subscribes a URL to events"
ENVELOPE = "deliveries carry {event, timestamp, webhook_id, data}"
SIGNED = "deliveries are signed: HMAC-SHA256 of the raw body with the subscription's secret"
ORDERED = "a completed execution: started, step.completed per step, completed"
FAILED_ORDER = "a failed execution: started, step.completed per completed step, failed"
RETRIES = "a failing answer is retried with backoff, the same signed body each time"
ONLY_SUBSCRIBED = "a subscription is sent only the events it asked for"
OUTCOMES = (SUBSCRIBE, ENVELOPE, SIGNED, ORDERED, FAILED_ORDER, RETRIES, ONLY_SUBSCRIBED)
SECRET = "verify-docld-webhook-secret"
REFUSING = "/refused"


@dataclass
class Hooks(Bench):
    receiver: Receiver = field(kw_only=True)
    webhook_id: str = ""  # the subscription to verify's receiver, once made
    secret: str = SECRET

    @property
    def patience(self) -> float:
        """How long deliveries may take to arrive once the execution ended."""
        # With a clock, the advance that ended the execution has already delivered everything.
        return 1.0 if self.control else min(60.0, self.ctx.target.poll_timeout)

    def arrived(
        self, execution_id: str, count: int, path: str = "", patience: float | None = None
    ) -> list[Delivery]:
        """This execution's deliveries under `path` (the subscription's by default), once
        `count` came or `patience` (by default the suite's) is up."""
        path = path or self.path
        inbox = self.receiver.inbox
        deadline = time.monotonic() + (self.patience if patience is None else patience)
        while True:
            every = [parse(r) for r in inbox.under(path)]
            got = of_execution(every, execution_id)
            remaining = deadline - time.monotonic()
            if len(got) >= count or remaining <= 0:
                return got
            inbox.wait_for(path, len(every) + 1, min(remaining, 1.0))

    @property
    def path(self) -> str:
        return f"/{self.ctx.target.run_id}"
