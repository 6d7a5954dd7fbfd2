import socket

import pytest
import redis


@pytest.fixture
def redis_url(redis_server, settings, monkeypatch):
    """REDIS_URL (rate limits and the Django cache) on the throwaway server, emptied."""
    from core import rate_limits

    monkeypatch.setattr(rate_limits, "_redis_skipped_until", 0.0)
    redis.Redis.from_url(redis_server).flushdb()
    settings.REDIS_URL = redis_server
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server,
            "KEY_PREFIX": "tickets",
        }
    }
    return redis_server


def unreachable_redis_url() -> str:
    """A Redis URL on a port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"
