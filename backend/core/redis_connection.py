"""One Redis client per process for what the Django cache API cannot do atomically.

Built on first use (so each forked server worker makes its own connections) from
REDIS_URL, with REDIS_TIMEOUT_SECONDS on connecting and on every answer. Callers treat
any `redis.RedisError` as "Redis is unreachable" and carry on without it, logging
through `report_unreachable`, which says so at most once a minute per process.
"""

import logging
import threading
import time

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

# Seconds between two log lines saying Redis is unreachable.
REPORT_INTERVAL_SECONDS = 60.0

_clients: dict[tuple[str, float], redis.Redis] = {}
_lock = threading.Lock()
_last_report = 0.0


def redis_client() -> redis.Redis | None:
    """The shared client, or None when REDIS_URL is unset."""
    url = settings.REDIS_URL
    if not url:
        return None
    configuration = (url, settings.REDIS_TIMEOUT_SECONDS)
    client = _clients.get(configuration)
    if client is None:
        with _lock:
            client = _clients.get(configuration)
            if client is None:
                client = redis.Redis.from_url(
                    url,
                    socket_connect_timeout=settings.REDIS_TIMEOUT_SECONDS,
                    socket_timeout=settings.REDIS_TIMEOUT_SECONDS,
                    health_check_interval=30,
                )
                _clients[configuration] = client
    return client


def report_unreachable(what: str, error: Exception) -> None:
    """Log that Redis failed `what`, at most once per REPORT_INTERVAL_SECONDS."""
    global _last_report
    now = time.monotonic()
    if now - _last_report < REPORT_INTERVAL_SECONDS:
        return
    _last_report = now
    logger.warning("Redis is unreachable (%s): %s; carrying on without it", what, error)


def redis_status() -> str | None:
    """ "ok" when Redis answers a PING, "degraded" when it does not, None without Redis."""
    client = redis_client()
    if client is None:
        return None
    try:
        client.ping()
    except redis.RedisError as error:
        report_unreachable("health check", error)
        return "degraded"
    return "ok"
