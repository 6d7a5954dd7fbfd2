"""?instant=true answers at once and lets the LLM's answer arrive in the background."""

import time

import pytest

from .fakes import classify, good, hang, status

pytestmark = pytest.mark.django_db


def _poll_until_provider(api_client, provider, timeout=5.0, **kwargs):
    end = time.monotonic() + timeout
    while True:
        body = classify(api_client, instant="true", **kwargs).json()
        if body["provider"] == provider or time.monotonic() > end:
            return body
        time.sleep(0.05)


def test_first_call_returns_local_and_pending_then_the_llm_answer(api_client, openai_server):
    # given an LLM that takes a while
    openai_server.script(good("technical", "critical", confidence=0.95, delay=1.5))

    # when the form asks for an instant suggestion
    started = time.monotonic()
    first = classify(api_client, instant="true").json()

    # then the local model answers without waiting for it, and says a better answer is coming
    assert time.monotonic() - started < 1.2
    assert first["provider"] == "local"
    assert first["pending"] is True

    # and asking again shortly gets the LLM's answer, no longer pending
    later = _poll_until_provider(api_client, "openai")
    assert later["provider"] == "openai"
    assert (later["suggested_category"], later["suggested_priority"]) == ("technical", "critical")
    assert later["pending"] is False
    assert len(openai_server.requests) == 1


def test_repeated_instant_calls_start_one_llm_call(api_client, openai_server):
    openai_server.script(good(delay=0.5))

    bodies = [classify(api_client, instant="true").json() for _ in range(4)]

    assert all(body["pending"] for body in bodies)
    assert _poll_until_provider(api_client, "openai")["provider"] == "openai"
    assert len(openai_server.requests) == 1


def test_instant_failure_leaves_local_answers_and_stops_pending(api_client, openai_server):
    openai_server.script(status(400))

    assert classify(api_client, instant="true").json()["pending"] is True
    openai_server.wait_for_requests(1)
    time.sleep(0.2)

    body = classify(api_client, instant="true").json()
    # the failed answer was not cached, so the LLM is asked again in the background
    assert body["provider"] == "local"
    assert body["pending"] is True


def test_instant_with_open_breaker_is_not_pending(api_client, openai_server):
    openai_server.script(status(400))
    for attempt in range(3):
        classify(api_client, description=f"Ticket {attempt}")

    body = classify(api_client, instant="true").json()

    assert (body["provider"], body["pending"]) == ("local", False)
    assert len(openai_server.requests) == 3


def test_instant_does_not_wait_for_a_hanging_llm(api_client, openai_server):
    openai_server.script(hang(10))
    started = time.monotonic()

    body = classify(api_client, instant="true").json()

    assert time.monotonic() - started < 1
    assert (body["provider"], body["pending"]) == ("local", True)


def test_without_instant_the_llm_is_awaited(api_client, openai_server):
    openai_server.script(good("account", "high", delay=0.3))

    body = classify(api_client).json()

    assert (body["provider"], body["pending"]) == ("openai", False)


def test_instant_with_the_local_provider_is_never_pending(api_client):
    body = classify(api_client, instant="true").json()

    assert (body["provider"], body["pending"]) == ("local", False)


@pytest.mark.parametrize("value", ["maybe", "2", ""])
def test_invalid_instant_is_a_400(api_client, value):
    response = classify(api_client, instant=value)

    assert response.status_code == 400
    assert "instant" in response.json()["errors"]
