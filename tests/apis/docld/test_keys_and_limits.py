"""DocLD keys and their per-minute and per-day limits, on the emulator clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mock_server.apis.docld.domain.keys import DocldKey, KeyDirectory
from mock_server.apis.docld.domain.ratelimit import RateLimiter
from mock_server.core.clock import Clock, ClockMode
from mock_server.core.errors import Unauthorized

NOW = datetime(2025, 1, 15, 10, 30, 15, tzinfo=UTC)
KEY = DocldKey("docld_abcdef0123456789", "dev", "free", "org", "user", 3, 5)
EXPIRED = DocldKey("docld_old0000000000", "old", "free", "org", "user", 3, 5, NOW)


@pytest.mark.parametrize(
    ("header", "match"),
    [
        (None, "Missing API key"),
        ("Basic abc", "expected 'Bearer docld_...'"),
        ("Bearer sk_live_nope", "DocLD keys start with 'docld_'"),
        ("Bearer docld_nope", r"^Invalid API key\.$"),
        ("Bearer docld_old0000000000", "expired at 2025-01-15T10:30:15"),
    ],
)
def test_a_missing_unknown_or_expired_key_is_refused_saying_why(header, match):
    with pytest.raises(Unauthorized, match=match):
        KeyDirectory([KEY, EXPIRED]).authenticate(header, NOW)


def test_a_known_key_gives_its_organization():
    key = KeyDirectory([KEY]).authenticate("Bearer docld_abcdef0123456789", NOW)

    assert key.principal.tenant_id == "org"


def _limiter(start: datetime = NOW) -> tuple[RateLimiter, Clock]:
    clock = Clock(ClockMode.MANUAL, start=start)
    return RateLimiter(clock), clock


def test_the_minute_limit_refuses_until_the_next_minute_with_retry_after():
    limiter, clock = _limiter()

    remaining = [limiter.take(KEY).remaining for _ in range(3)]
    refused = limiter.take(KEY)
    clock.advance_to(clock.now() + timedelta(seconds=45))  # 10:31:00
    again = limiter.take(KEY)

    assert remaining == [2, 1, 0]
    assert (refused.allowed, refused.window, refused.retry_after) == (False, "rpm", 45)
    assert refused.headers()["Retry-After"] == "45"
    assert refused.headers()["X-RateLimit-Reset"] == str(int(NOW.timestamp()) + 45)
    assert again.allowed


def test_the_day_limit_refuses_until_midnight_utc_and_shows_in_the_headers_when_tighter():
    limiter, clock = _limiter()
    for _ in range(3):
        limiter.take(KEY)
    clock.advance_to(clock.now() + timedelta(minutes=1))

    fourth = limiter.take(KEY)
    fifth = limiter.take(KEY)
    sixth = limiter.take(KEY)

    assert (fourth.window, fourth.limit, fourth.remaining) == ("rpd", 5, 1)  # minute: 2 left
    assert (fifth.window, fifth.limit, fifth.remaining) == ("rpd", 5, 0)
    midnight = datetime(2025, 1, 16, tzinfo=UTC)
    assert (sixth.allowed, sixth.window, sixth.reset_at) == (
        False,
        "rpd",
        int(midnight.timestamp()),
    )
    clock.advance_to(midnight)
    assert limiter.take(KEY).allowed


def test_usage_survives_an_export_and_restore():
    limiter, clock = _limiter()
    limiter.take(KEY)
    limiter.take(KEY)

    restored = RateLimiter(clock)
    restored.restore(limiter.export())

    assert restored.take(KEY).remaining == 0
