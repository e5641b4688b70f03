"""The daily credit quota: what each account spent on which UTC day, on the emulator clock."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mock_server.apis.agentwork.domain.model import CreditPlan
from mock_server.core.atomic import UndoableDict
from mock_server.core.errors import TooManyRequests


@dataclass(frozen=True, slots=True)
class Usage:
    day: date
    used: int


def next_reset(now: datetime) -> datetime:
    """Midnight UTC after `now`, when every quota starts over."""
    return datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=now.tzinfo)


class CreditBook:
    """Charges tasks against each account's daily quota; not thread-safe on its own. What a
    failed unit of work charged is given back (core/atomic.py)."""

    def __init__(self) -> None:
        self.usage: dict[str, Usage] = UndoableDict()  # by user_id

    def load(self, usage: Mapping[str, Usage]) -> None:
        self.usage.clear()
        self.usage.update(usage)

    def used_today(self, user_id: str, now: datetime) -> int:
        usage = self.usage.get(user_id)
        return usage.used if usage is not None and usage.day == now.date() else 0

    def check(self, user_id: str, plan: CreditPlan, now: datetime) -> None:
        """TooManyRequests when one more task would go over the quota."""
        used = self.used_today(user_id, now)
        if used + plan.task_cost > plan.daily_quota:
            # FIDELITY (inferred): the docs give the quota but not the error; 429, as for a
            # rate limit, with when it renews.
            raise TooManyRequests(
                f"Daily credit limit reached: {used} of {plan.daily_quota} credits used today "
                f"and a task costs {plan.task_cost}; credits renew at "
                f"{next_reset(now).strftime('%Y-%m-%dT%H:%M:%S')} UTC",
                field="credits",
                issue=f"{plan.daily_quota - used} credits left",
            )

    def charge(self, user_id: str, plan: CreditPlan, now: datetime) -> None:
        """Spend one task's credits (after `check` passed)."""
        self.usage[user_id] = Usage(now.date(), self.used_today(user_id, now) + plan.task_cost)

    def entries(self) -> Iterable[tuple[str, Usage]]:
        return self.usage.items()
