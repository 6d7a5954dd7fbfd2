"""Exact sliding-window rate limits, counted atomically in Redis or in PostgreSQL.

A limit of N per period lets a request through when fewer than N requests of the same
key were let through in the period before it. Each key keeps the times of its recent
hits; checking and recording a hit is one atomic step (a Lua script in Redis, a row
lock in PostgreSQL), so concurrent requests cannot all read "N - 1" and all pass.

With REDIS_URL the hits live in Redis; while Redis is unreachable every request is let
through (an outage of the cache must not take submissions down), or counted in the
database for limits that must not fail open (`fail_closed`), and the outage is logged
and shown by /readyz. Without REDIS_URL they live in the `core_rate_limit_log` table,
which every worker shares.
"""

import math
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import redis
from django.db import transaction

from .models import RateLimitLog
from .redis_connection import redis_client, report_unreachable

# After Redis failed, skip it for this many seconds rather than wait on it per request.
REDIS_BACKOFF_SECONDS = 2.0
# One database write in this many also deletes logs that expired.
PRUNE_EVERY = 200


@dataclass(frozen=True)
class Decision:
    allowed: bool
    # Whole seconds until a request would be let through (0 when allowed).
    retry_after: int = 0


def _retry_after(seconds: float) -> int:
    # At least one: `Retry-After: 0` would invite an immediate retry.
    return max(1, math.ceil(seconds))


# KEYS[1]: the key's sorted set of hits. ARGV: limit, window in ms, a unique member.
# Redis's own clock keeps every client (and every replica of the app) on one time.
_SLIDING_WINDOW = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
    redis.call('ZADD', KEYS[1], now, ARGV[3])
    redis.call('PEXPIRE', KEYS[1], window)
    return {1, 0}
end
local blocking = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return {0, tonumber(blocking[2]) + window - now}
"""

_script_lock = threading.Lock()
_scripts: dict[int, redis.commands.core.Script] = {}
_redis_skipped_until = 0.0


def _redis_hit(client: redis.Redis, key: str, limit: int, seconds: int) -> Decision:
    script = _scripts.get(id(client))
    if script is None:
        with _script_lock:
            script = _scripts.setdefault(id(client), client.register_script(_SLIDING_WINDOW))
    allowed, wait_ms = script(
        keys=[f"tickets:ratelimit:{key}"], args=[limit, seconds * 1000, secrets.token_hex(8)]
    )
    if allowed:
        return Decision(allowed=True)
    return Decision(allowed=False, retry_after=_retry_after(int(wait_ms) / 1000))


def _database_hit(key: str, limit: int, seconds: int) -> Decision:
    now = time.time()
    expires_at = datetime.fromtimestamp(now + seconds, tz=UTC)
    with transaction.atomic():
        RateLimitLog.objects.bulk_create(
            [RateLimitLog(key=key, hits=[], expires_at=expires_at)], ignore_conflicts=True
        )
        log = RateLimitLog.objects.select_for_update().get(key=key)
        hits = sorted(hit for hit in log.hits if hit > now - seconds)
        decision = Decision(allowed=len(hits) < limit)
        if decision.allowed:
            hits.append(now)
        else:
            blocking = hits[len(hits) - limit]
            decision = Decision(allowed=False, retry_after=_retry_after(blocking + seconds - now))
        log.hits = hits
        log.expires_at = expires_at
        log.save(update_fields=["hits", "expires_at"])
    if secrets.randbelow(PRUNE_EVERY) == 0:
        RateLimitLog.objects.filter(
            expires_at__lt=datetime.now(tz=UTC) - timedelta(minutes=1)
        ).delete()
    return decision


def hit(key: str, *, limit: int, seconds: int, fail_closed: bool = False) -> Decision:
    """Record a request of `key` if fewer than `limit` were let through in the last
    `seconds`, and say whether it may go on. Never raises for an unreachable Redis.

    While Redis is unreachable the request is let through, or with `fail_closed`
    (counters that guard against guessing, such as sign-in attempts) counted in the
    database instead.
    """
    global _redis_skipped_until
    client = redis_client()
    if client is None:
        return _database_hit(key, limit, seconds)
    if time.monotonic() >= _redis_skipped_until:
        try:
            return _redis_hit(client, key, limit, seconds)
        except redis.RedisError as error:
            _redis_skipped_until = time.monotonic() + REDIS_BACKOFF_SECONDS
            report_unreachable("rate limits", error)
    if fail_closed:
        return _database_hit(key, limit, seconds)
    return Decision(allowed=True)
