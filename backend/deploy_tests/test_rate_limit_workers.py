"""Rate limits in gunicorn with two worker processes sharing the database cache."""

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from .conftest import CLASSIFY_LIMIT, server_env, start_gunicorn

pytestmark = pytest.mark.slow

BODY = {"description": "I was charged twice for my subscription"}


def _classify(api_server, forwarded_for: str) -> httpx.Response:
    # A new connection each time, so either worker may accept it.
    return httpx.post(
        f"{api_server.base_url}/api/tickets/classify/",
        json=BODY,
        headers={"X-Forwarded-For": forwarded_for, "Connection": "close"},
        timeout=30,
    )


def _answering_pids(api_server, responses) -> set[int]:
    ids = {response.headers["X-Request-ID"] for response in responses}
    records = api_server.wait_for_json(
        lambda r: r["logger"] == "gunicorn.access" and r["request_id"] in ids, count=len(ids)
    )
    return {record["pid"] for record in records}


def test_the_limit_is_counted_across_workers(api_server):
    responses = [_classify(api_server, "203.0.113.10") for _ in range(CLASSIFY_LIMIT + 3)]

    statuses = [response.status_code for response in responses]
    pids = _answering_pids(api_server, responses)
    assert statuses == [200] * CLASSIFY_LIMIT + [429] * 3, f"answered by workers {pids}"
    for refused in responses[CLASSIFY_LIMIT:]:
        assert set(refused.json()) == {"detail", "errors"}
        assert 1 <= int(refused.headers["Retry-After"]) <= 60


def test_each_client_behind_the_proxy_has_its_own_allowance(api_server):
    first = [_classify(api_server, "203.0.113.20").status_code for _ in range(CLASSIFY_LIMIT + 1)]
    other = _classify(api_server, "203.0.113.21")
    # The client may prepend anything; only the entry the proxy appended counts.
    forged = _classify(api_server, "203.0.113.22, 203.0.113.20")

    assert first == [200] * CLASSIFY_LIMIT + [429]
    assert other.status_code == 200
    assert forged.status_code == 429


@pytest.fixture(params=["database", "redis"])
def busy_server(request, tmp_path, first_migration, throwaway_database_url):
    """Gunicorn with two workers of eight threads, counting in the database or Redis."""
    assert first_migration.returncode == 0, first_migration.stderr
    redis_url = request.getfixturevalue("redis_server") if request.param == "redis" else ""
    env = server_env(
        throwaway_database_url,
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="8",
        TRUSTED_PROXY_COUNT="1",
        REDIS_URL=redis_url,
        RATE_LIMIT_CLASSIFY=f"{CLASSIFY_LIMIT}/minute",
    )
    process = start_gunicorn(env, tmp_path / "api.log")
    yield process
    process.stop()


def test_a_burst_of_16_lets_exactly_the_limit_through(busy_server):
    # A distinct client per run, so the parametrized runs do not share a count.
    client = f"198.51.100.{secrets.randbelow(250) + 1}"
    start = threading.Barrier(16)

    def one_request(_):
        start.wait()
        return _classify(busy_server, client)

    with ThreadPoolExecutor(16) as pool:
        responses = list(pool.map(one_request, range(16)))

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * CLASSIFY_LIMIT + [429] * (16 - CLASSIFY_LIMIT)
