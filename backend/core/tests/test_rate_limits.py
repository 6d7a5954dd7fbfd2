"""The rate-limit counter is exact under concurrency, in Redis and in PostgreSQL."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from core import rate_limits, redis_connection
from core.rate_limits import hit

from .conftest import unreachable_redis_url


def _burst(key: str, *, limit: int, seconds: int = 60, clients: int = 16) -> list:
    """`clients` threads released together, each recording one hit of `key`."""
    start = threading.Barrier(clients)

    def one_client(_):
        start.wait()
        try:
            return hit(key, limit=limit, seconds=seconds)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(one_client, range(clients)))


def test_a_burst_in_redis_lets_exactly_the_limit_through(redis_url):
    decisions = _burst("classify:203.0.113.1", limit=3)

    assert sum(decision.allowed for decision in decisions) == 3
    refused = [decision for decision in decisions if not decision.allowed]
    assert all(1 <= decision.retry_after <= 60 for decision in refused)


@pytest.mark.django_db(transaction=True)
def test_a_burst_in_the_database_lets_exactly_the_limit_through(settings):
    settings.REDIS_URL = ""

    decisions = _burst("classify:203.0.113.2", limit=3)

    assert sum(decision.allowed for decision in decisions) == 3


def test_the_window_slides(redis_url):
    assert hit("k", limit=1, seconds=1).allowed
    refused = hit("k", limit=1, seconds=1)
    time.sleep(1.05)

    assert not refused.allowed
    assert refused.retry_after == 1
    assert hit("k", limit=1, seconds=1).allowed


@pytest.mark.django_db
def test_a_lowered_limit_still_says_when_to_retry(settings):
    settings.REDIS_URL = ""
    for _ in range(5):
        assert hit("lowered", limit=5, seconds=60).allowed

    refused = hit("lowered", limit=2, seconds=60)

    assert not refused.allowed
    assert 1 <= refused.retry_after <= 60


def test_an_unreachable_redis_lets_requests_through_and_says_so_once(settings, caplog, monkeypatch):
    settings.REDIS_URL = unreachable_redis_url()
    monkeypatch.setattr(rate_limits, "_redis_skipped_until", 0.0)
    monkeypatch.setattr(redis_connection, "_last_report", 0.0)

    decisions = [hit("down", limit=1, seconds=60) for _ in range(3)]

    assert all(decision.allowed for decision in decisions)
    warnings = [r for r in caplog.records if "Redis is unreachable" in r.getMessage()]
    assert len(warnings) == 1


@pytest.mark.django_db
def test_a_fail_closed_limit_counts_in_the_database_while_redis_is_down(settings, monkeypatch):
    settings.REDIS_URL = unreachable_redis_url()
    monkeypatch.setattr(rate_limits, "_redis_skipped_until", 0.0)

    decisions = [hit("sign-in:alice", limit=2, seconds=60, fail_closed=True) for _ in range(3)]

    assert [decision.allowed for decision in decisions] == [True, True, False]
    assert decisions[-1].retry_after >= 1
