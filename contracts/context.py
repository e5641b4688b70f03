"""Everything one verify run shares between its suites."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from contracts.http import Client, LimitedSession, RateLimiter, Tracker
from contracts.target import Target

if TYPE_CHECKING:
    from contracts.apis.base import ApiHarness, Profile

DEFAULT_MAX_EXAMPLES = 100


@dataclass(frozen=True)
class Options:
    max_examples: int = DEFAULT_MAX_EXAMPLES
    seed: int = 0
    stateful_steps: int = 10  # calls per stateful scenario


def _sema4() -> ApiHarness:
    from contracts.apis import harness  # here: contracts.apis imports the suites, which need us

    return harness("sema4")


@dataclass
class RunContext:
    """The target, what the smoke test learnt about it, and the run's shared plumbing."""

    target: Target
    options: Options
    control_plane: bool  # the emulator's /_mock is there and may be used
    agent_id: str | None
    harness: ApiHarness = field(default_factory=_sema4)  # the API under test
    profile_name: str | None = None  # None: the harness's default profile
    limiter: RateLimiter = field(init=False)
    tracker: Tracker = field(default_factory=Tracker)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.target.rate_limit)

    @property
    def profile(self) -> Profile:
        """The profile whose contract, settings and checks the suites use."""
        return self.harness.profile(self.profile_name)

    def session(self) -> LimitedSession:
        """A new session under the run's shared rate limit."""
        return LimitedSession(self.limiter)

    def client(self) -> Client:
        return Client(self.target, self.session(), self.tracker)
