"""LLM_MAX_CONCURRENCY: calls over the cap get the local answer at once, and say nothing
against the provider (its circuit breaker stays closed)."""

import threading
import time

import pytest
from django.db import connections

from triage import breaker
from triage.registry import build_provider

from .fakes import classify, good

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_call_over_the_cap_gets_the_local_answer_at_once(api_client, openai_server, settings):
    settings.LLM_MAX_CONCURRENCY = 2
    settings.LLM_CIRCUIT_FAILURES = 1
    openai_server.script(good("billing", "high", delay=1.5))
    answers = []

    def slow_call(number):
        answers.append(classify(api_client, description=f"Charged twice, case {number}"))
        connections.close_all()

    # given two slow calls holding both places
    holders = [threading.Thread(target=slow_call, args=(n,)) for n in range(2)]
    for thread in holders:
        thread.start()
    openai_server.wait_for_requests(2)

    # when a third request comes
    started = time.monotonic()
    over_cap = classify(api_client, description="A third text, over the cap")
    elapsed = time.monotonic() - started
    for thread in holders:
        thread.join()

    # then the local model answered it at once, and the provider is not blamed
    assert over_cap.status_code == 200
    assert over_cap.json()["provider"] == "local"
    assert elapsed < 1.0
    assert len(openai_server.requests) == 2
    assert [answer.json()["provider"] for answer in answers] == ["openai", "openai"]
    assert not breaker.is_open(build_provider())
