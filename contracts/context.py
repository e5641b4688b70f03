"""Everything one verify run shares between its suites."""

from __future__ import annotations

from dataclasses import dataclass, field

from contracts.http import Client, LimitedSession, RateLimiter, Tracker
from contracts.target import Target

DEFAULT_MAX_EXAMPLES = 100


@dataclass(frozen=True)
class Options:
    max_examples: int = DEFAULT_MAX_EXAMPLES
    seed: int = 0
    stateful_steps: int = 10  # calls per stateful scenario


@dataclass
class RunContext:
    """The target, what the smoke test learnt about it, and the run's shared plumbing."""

    target: Target
    options: Options
    control_plane: bool  # the emulator's /_mock is there and may be used
    agent_id: str | None
    limiter: RateLimiter = field(init=False)
    tracker: Tracker = field(default_factory=Tracker)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.target.rate_limit)

    def session(self) -> LimitedSession:
        """A new session under the run's shared rate limit."""
        return LimitedSession(self.limiter)

    def client(self) -> Client:
        return Client(self.target, self.session(), self.tracker)
