"""A slow LLM that still answers holds at most LLM_MAX_CONCURRENCY request threads.

Gunicorn as the image runs it (one worker, default threads), the configured provider a
stand-in LLM server that answers every call correctly but slowly.
"""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from triage.tests.fakes import FakeLLMServer, good

from .conftest import server_env, start_gunicorn

pytestmark = pytest.mark.slow

SLOW_SECONDS = 2.5


@pytest.fixture
def slow_llm():
    server = FakeLLMServer("openai").start()
    server.script(good("billing", "high", delay=SLOW_SECONDS))
    yield server
    server.stop()


def test_24_slow_classifications_do_not_hold_other_requests(
    tmp_path, first_migration, throwaway_database_url, slow_llm, agent_headers
):
    assert first_migration.returncode == 0, first_migration.stderr
    env = server_env(
        throwaway_database_url,
        LLM_PROVIDER="openai-compatible",
        LLM_BASE_URL=f"{slow_llm.url}/v1",
        LLM_MODEL="stand-in",
        LLM_API_KEY="test-key",
        LLM_TIMEOUT_SECONDS="8",
        GUNICORN_THREADS="",  # the image's default
    )
    api = start_gunicorn(env, tmp_path / "api.log")
    try:

        def classify(number: int) -> httpx.Response:
            # As an agent: anonymous callers get the local model only.
            return httpx.post(
                f"{api.base_url}/api/tickets/classify/",
                json={"description": f"I was charged twice, case {number}"},
                headers=agent_headers,
                timeout=30,
            )

        with ThreadPoolExecutor(24) as pool:
            # given 24 classifications in flight from one client
            started = time.monotonic()
            futures = [pool.submit(classify, number) for number in range(24)]
            time.sleep(0.3)

            # when another client reads the list meanwhile
            read_seconds = []
            for _ in range(5):
                before = time.monotonic()
                listed = httpx.get(
                    f"{api.base_url}/api/tickets/", headers=agent_headers, timeout=30
                )
                read_seconds.append(time.monotonic() - before)
                assert listed.status_code == 200
            read_done = time.monotonic() - started
            classified = [future.result() for future in futures]
    finally:
        api.stop()

    # then the reads were served while the LLM calls were still running
    assert read_done < SLOW_SECONDS, read_seconds
    assert max(read_seconds) < 1.0, read_seconds
    # every classification answered: at most 4 (LLM_MAX_CONCURRENCY) by the slow LLM,
    # the rest at once by the local model
    assert {response.status_code for response in classified} == {200}
    providers = [response.json()["provider"] for response in classified]
    assert 1 <= providers.count("openai-compatible") <= 4, providers
    assert providers.count("local") >= 20
    assert len(slow_llm.requests) <= 4
