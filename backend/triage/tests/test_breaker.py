"""A provider that keeps failing is skipped for a while, then tried again."""

import time

import pytest

from .fakes import classify, good, status

pytestmark = pytest.mark.django_db


def test_failing_provider_is_skipped_after_three_failures_then_recovers(api_client, openai_server):
    # given a provider that failed three times in a row (each with its one retry)
    openai_server.script(status(503, retry_after="0"))
    for attempt in range(3):
        assert classify(api_client, description=f"Ticket {attempt}").json()["provider"] == "local"
    assert len(openai_server.requests) == 6

    # when more tickets come during the cool-down
    started = time.monotonic()
    body = classify(api_client, description="Ticket during the cool-down").json()

    # then the provider is not called at all and the local model answers at once
    assert body["provider"] == "local"
    assert len(openai_server.requests) == 6
    assert time.monotonic() - started < 1

    # and after the cool-down (1 s here) the provider is tried again and used
    openai_server.script(good("billing", "high"))
    time.sleep(1.1)
    assert classify(api_client, description="After the cool-down").json()["provider"] == "openai"
    assert len(openai_server.requests) == 7


def test_one_failure_after_the_cool_down_opens_the_breaker_again(api_client, openai_server):
    openai_server.script(status(400))
    for attempt in range(3):
        classify(api_client, description=f"Ticket {attempt}")
    time.sleep(1.1)

    classify(api_client, description="First call after the cool-down fails too")
    classify(api_client, description="So this one is not sent")

    assert len(openai_server.requests) == 4


def test_success_resets_the_failure_count(api_client, openai_server):
    openai_server.script(status(400), status(400), good(), status(400), status(400), good())
    for attempt in range(6):
        classify(api_client, description=f"Ticket {attempt}")

    # two failures, a success, two failures: never three in a row, so every call was sent
    assert len(openai_server.requests) == 6
    assert classify(api_client, description="Next").json()["provider"] == "openai"
