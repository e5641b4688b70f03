"""Delivers webhooks on the emulator clock: in order per subject, with retries and a log."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from mock_server.core.clock import Clock, stopwatch
from mock_server.core.errors import NotFound
from mock_server.core.ids import IdFactory
from mock_server.core.scheduler import Scheduler
from mock_server.webhooks.deliveries import Attempt, Delivery, Outcome
from mock_server.webhooks.egress import EgressPolicy
from mock_server.webhooks.transport import Transport

MAX_LOGGED = 10_000


@dataclass(frozen=True)
class RetryPolicy:
    """`retries` more attempts after the first, waiting base, 2*base, 4*base ... seconds."""

    retries: int = 3
    backoff_seconds: float = 1.0
    timeout_seconds: float = 10.0

    def delay_before(self, attempt_number: int) -> float:
        return float(self.backoff_seconds * 2 ** (attempt_number - 2))


class Dispatcher:
    """Queues deliveries per subject so they go out in the order their events happened.

    Each attempt is a scheduler task that hands the POST to a thread pool, so a slow or
    hanging receiver never blocks an API request or the timetable; under manual time the
    scheduler waits for it, so an advance walks the whole retry schedule deterministically.
    """

    def __init__(
        self,
        *,
        clock: Clock,
        ids: IdFactory,
        scheduler: Scheduler,
        transport: Transport,
        egress: EgressPolicy,
        policy: RetryPolicy,
    ) -> None:
        self.clock, self.ids, self.scheduler = clock, ids, scheduler
        self.transport, self.egress, self.policy = transport, egress, policy
        self._lock = threading.RLock()
        self._log: dict[str, Delivery] = {}
        self._queues: dict[str, deque[str]] = {}
        self._pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="webhook")
        self._listeners: list[Callable[[Delivery], None]] = []
        self._attempt_listeners: list[Callable[[Delivery, Attempt], None]] = []

    def on_finished(self, listener: Callable[[Delivery], None]) -> None:
        self._listeners.append(listener)

    def on_attempt(self, listener: Callable[[Delivery, Attempt], None]) -> None:
        """Call `listener` after each attempt (outside the lock: it may be slow)."""
        self._attempt_listeners.append(listener)

    def enqueue(
        self, subject: str, event: str, url: str, body: bytes, headers: Mapping[str, str],
        *, redelivery_of: str | None = None, api: str = "", lane: str = "",
        retries: int | None = None,
    ) -> Delivery:  # fmt: skip
        """Queue a delivery behind the unfinished ones of its lane: by default the subject's,
        so one subject's webhooks arrive in order; an API whose receivers are independent
        gives each receiver its own lane, so a failing one holds up no other. `retries`
        overrides the emulator's retry count for this one (an API whose webhooks are sent
        once says 0)."""
        delivery = Delivery(
            delivery_id=self.ids.uuid("delivery"),
            api=api,
            lane=lane,
            subject=subject,
            event=event,
            url=url,
            body=body,
            headers=dict(headers),
            created_at=self.clock.now(),
            redelivery_of=redelivery_of,
            retries=retries,
        )
        with self._lock:
            self._remember(delivery)
            queue = self._queues.setdefault(delivery.queue, deque())
            queue.append(delivery.delivery_id)
            if len(queue) == 1:
                self._schedule(delivery, delay=0.0)
        return delivery

    def redeliver(self, delivery_id: str, url: str | None = None) -> Delivery:
        original = self.get(delivery_id)
        return self.enqueue(
            original.subject, original.event, url or original.url, original.body,
            original.headers, redelivery_of=original.delivery_id, api=original.api,
            lane=original.lane,
            retries=original.retries,
        )  # fmt: skip

    def get(self, delivery_id: str) -> Delivery:
        with self._lock:
            delivery = self._log.get(delivery_id)
        if delivery is None:
            raise NotFound(f"Delivery {delivery_id} not found.", field="delivery_id")
        return delivery

    def deliveries(self) -> list[Delivery]:
        with self._lock:
            return list(self._log.values())

    def clear(self) -> None:
        with self._lock:
            self._log.clear()
            self._queues.clear()

    def drop(self, subject: str) -> int:
        """Forget the deliveries of `subject` not yet finished (its resource is gone): none of
        them is attempted again. Returns how many were dropped."""
        with self._lock:
            queue = self._queues.pop(subject, deque())
            for delivery_id in queue:
                del self._log[delivery_id]
            return len(queue)

    def restore(self, deliveries: list[Delivery]) -> None:
        """Replace the log (from a snapshot) and put unfinished deliveries back in line."""
        with self._lock:
            self.clear()
            for delivery in deliveries:
                self._log[delivery.delivery_id] = delivery
                if not delivery.finished:
                    self._queues.setdefault(delivery.queue, deque()).append(delivery.delivery_id)
            for queue in self._queues.values():
                head = self._log[queue[0]]
                self._schedule_at(head, head.next_attempt_at or self.clock.now())

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _remember(self, delivery: Delivery) -> None:
        self._log[delivery.delivery_id] = delivery
        if len(self._log) > MAX_LOGGED:
            oldest = next(d for d in self._log.values() if d.finished)
            del self._log[oldest.delivery_id]

    def _schedule(self, delivery: Delivery, delay: float) -> None:
        self._schedule_at(delivery, self.clock.now() + timedelta(seconds=delay))

    def _schedule_at(self, delivery: Delivery, due: datetime) -> None:
        delivery.next_attempt_at = due
        number = len(delivery.attempts) + 1
        self.scheduler.at(
            due,
            f"webhook: {delivery.event} of {delivery.subject} attempt {number}",
            lambda: self._pool.submit(self._attempt, delivery),
        )

    def _attempt(self, delivery: Delivery) -> None:
        with self._lock:
            if self._log.get(delivery.delivery_id) is not delivery:
                return  # the log was reset meanwhile
            if not delivery.attempts and (reason := self.egress.refusal(delivery.url)):
                return self._finish(delivery, Outcome.BLOCKED, reason)
            attempt = Attempt(
                number=len(delivery.attempts) + 1,
                url=delivery.url,
                scheduled_at=delivery.next_attempt_at or self.clock.now(),
                sent_at=self.clock.now(),
            )
            delivery.attempts.append(attempt)
            delivery.next_attempt_at = None
        self._send(delivery, attempt)
        with self._lock:
            self._after_attempt(delivery, attempt)
        for listener in self._attempt_listeners:
            listener(delivery, attempt)

    def _send(self, delivery: Delivery, attempt: Attempt) -> None:
        elapsed = stopwatch()
        try:
            result = self.transport.post(
                delivery.url, delivery.body, delivery.headers, self.policy.timeout_seconds
            )
            attempt.status, attempt.response_body = result.status, result.body_prefix
            if not attempt.succeeded:
                attempt.error = f"receiver answered {result.status}"
        except OSError as error:
            attempt.error = str(error) or type(error).__name__
        attempt.latency_ms = round(elapsed() * 1000, 3)

    def _after_attempt(self, delivery: Delivery, attempt: Attempt) -> None:
        if self._log.get(delivery.delivery_id) is not delivery:
            return  # dropped or reset while the POST was in flight
        if attempt.succeeded:
            self._finish(delivery, Outcome.DELIVERED, None)
        elif attempt.number <= self._retries_of(delivery):
            self._schedule(delivery, self.policy.delay_before(attempt.number + 1))
        else:
            self._finish(delivery, Outcome.FAILED, f"gave up after {attempt.number} attempts")

    def _retries_of(self, delivery: Delivery) -> int:
        return self.policy.retries if delivery.retries is None else delivery.retries

    def _finish(self, delivery: Delivery, outcome: Outcome, reason: str | None) -> None:
        delivery.outcome, delivery.reason = outcome, reason
        delivery.next_attempt_at = None  # finished: nothing more is due
        queue = self._queues.get(delivery.queue)
        if queue and queue[0] == delivery.delivery_id:
            queue.popleft()
            if queue:
                self._schedule(self._log[queue[0]], delay=0.0)
            else:
                del self._queues[delivery.queue]
        for listener in self._listeners:
            listener(delivery)
