"""Delivers webhooks on the emulator clock: in order per subject, with retries and a log."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from mock_server.core.atomic import on_rollback
from mock_server.core.clock import Clock, stopwatch
from mock_server.core.errors import NotFound, TooManyRequests
from mock_server.core.ids import IdFactory
from mock_server.core.scheduler import Scheduler
from mock_server.webhooks.deliveries import Attempt, Delivery, Outcome
from mock_server.webhooks.egress import EgressPolicy, Route
from mock_server.webhooks.lanes import Lanes
from mock_server.webhooks.transport import Transport

MAX_LOGGED = 10_000
Sent = tuple[int | None, str, str | None, float]
SHUTDOWN_GRACE_SECONDS = 2.0


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

    Each attempt is a scheduler task that hands the POST to worker threads, a few at a time
    per destination (`Lanes`), so a slow or hanging receiver never blocks an API request, the
    timetable or another receiver; under manual time the scheduler waits for it, so an
    advance walks the whole retry schedule deterministically. Each attempt resolves its
    destination once, outside every lock, and connects to the address the egress policy
    checked. The log holds at most `max_logged` deliveries: finished ones make room, and a
    delivery that finds it full of unfinished ones is refused (TooManyRequests), which undoes
    the write that caused it.
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
        self._lanes = Lanes()
        self._listeners: list[Callable[[Delivery], None]] = []
        self._attempt_listeners: list[Callable[[Delivery, Attempt], None]] = []
        self.max_logged = MAX_LOGGED
        self._closing = False

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
            self._make_room()
            self._log[delivery.delivery_id] = delivery
            queue = self._queues.setdefault(delivery.queue, deque())
            queue.append(delivery.delivery_id)
            on_rollback(lambda: self._forget(delivery))
            if len(queue) == 1:
                self._schedule(delivery, delay=0.0)  # a failed unit never schedules it
        return delivery

    def _make_room(self) -> None:
        if len(self._log) < self.max_logged:
            return
        oldest = next((d for d in self._log.values() if d.finished), None)
        if oldest is None:  # DEVIATION: a bound of the emulator's own, so 429 (documented)
            raise TooManyRequests(
                f"{len(self._log)} webhook deliveries are still in progress, as many as the "
                "emulator keeps; nothing was changed. Retry once receivers answer, or "
                "POST /_mock/reset.",
                field="callbacks",
                issue="the delivery log is full of unfinished deliveries",
            )
        del self._log[oldest.delivery_id]

    def _forget(self, delivery: Delivery) -> None:
        """Undo `enqueue` (the unit it was part of failed)."""
        with self._lock:
            self._log.pop(delivery.delivery_id, None)
            queue = self._queues.get(delivery.subject)
            if queue and queue[-1] == delivery.delivery_id:
                queue.pop()
                if not queue:
                    del self._queues[delivery.subject]

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

    def close(self, grace: float = SHUTDOWN_GRACE_SECONDS) -> int:
        """Stop sending: attempts not started stay pending; those still running after `grace`
        seconds are given up and recorded as such (a saved state retries them on restart).
        Answers how many were given up."""
        with self._lock:
            self._closing = True
        abandoned = self._lanes.close(grace)
        with self._lock:
            now = self.clock.now()
            for delivery in self._log.values():
                attempt = delivery.attempts[-1] if delivery.attempts else None
                if delivery.finished or attempt is None or attempt.latency_ms is not None:
                    continue
                attempt.error = f"given up at shutdown after {grace:g} s without an answer"
                attempt.latency_ms = grace * 1000
                delivery.next_attempt_at = now
        return abandoned

    def _schedule(self, delivery: Delivery, delay: float) -> None:
        self._schedule_at(delivery, self.clock.now() + timedelta(seconds=delay))

    def _schedule_at(self, delivery: Delivery, due: datetime) -> None:
        delivery.next_attempt_at = due
        number = len(delivery.attempts) + 1
        self.scheduler.at(
            due,
            f"webhook: {delivery.event} of {delivery.subject} attempt {number}",
            lambda: self._start(delivery),
        )

    def _start(self, delivery: Delivery) -> Future[None] | None:
        if self._closing:
            return None  # shutting down: it stays pending, with its due time
        return self._lanes.submit(_destination(delivery.url), lambda: self._attempt(delivery))

    def _attempt(self, delivery: Delivery) -> None:
        with self._lock:
            if self._closing or self._log.get(delivery.delivery_id) is not delivery:
                return  # shutting down, or the log was reset meanwhile
        route = self.egress.route(delivery.url)  # DNS, outside every lock
        with self._lock:
            if self._closing or self._log.get(delivery.delivery_id) is not delivery:
                return
            number = len(delivery.attempts) + 1
            if route.refusal is not None:
                reason = route.refusal if number == 1 else f"attempt {number}: {route.refusal}"
                return self._finish(delivery, Outcome.BLOCKED, reason)
            attempt = Attempt(
                number=number,
                url=delivery.url,
                scheduled_at=delivery.next_attempt_at or self.clock.now(),
                sent_at=self.clock.now(),
            )
            delivery.attempts.append(attempt)
            delivery.next_attempt_at = None
        outcome = self._send(delivery, route)
        with self._lock:
            given_up = attempt.latency_ms is not None  # by close(), while this one hung
            if given_up or self._log.get(delivery.delivery_id) is not delivery:
                return
            attempt.status, attempt.response_body, attempt.error, attempt.latency_ms = outcome
            self._after_attempt(delivery, attempt)
        for listener in self._attempt_listeners:
            listener(delivery, attempt)

    def _send(self, delivery: Delivery, route: Route) -> Sent:
        """POST once: (status, answer prefix, error, latency in ms); never raises."""
        elapsed = stopwatch()
        try:
            result = self.transport.post(
                delivery.url,
                delivery.body,
                delivery.headers,
                self.policy.timeout_seconds,
                route.address,
            )
            ok = 200 <= result.status < 300
            error = None if ok else f"receiver answered {result.status}"
            return result.status, result.body_prefix, error, round(elapsed() * 1000, 3)
        except OSError as error:
            return None, "", str(error) or type(error).__name__, round(elapsed() * 1000, 3)

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


def _destination(url: str) -> str:
    """What one lane serves: a scheme, host and port."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port or ''}"
