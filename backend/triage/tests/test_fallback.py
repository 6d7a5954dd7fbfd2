"""A failing remote provider never fails or stalls a classification: local answers, then
the default, always within the time budget."""

import threading
import time

import pytest
from django.db import connections

from .fakes import (
    classify,
    drip,
    garbage,
    good,
    hang,
    status,
    text,
    wrong_content_type,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "behaviour",
    [
        pytest.param(good(category="sales"), id="invented category"),
        pytest.param(good(priority="urgent"), id="invented priority"),
        pytest.param(text('{"category": "billing", "priority": '), id="broken JSON"),
        pytest.param(text("I think this is about billing."), id="no JSON"),
        pytest.param(text('["billing", "high"]'), id="JSON but not an object"),
        pytest.param(text('{"priority": "high"}'), id="no category"),
        pytest.param(status(400), id="400"),
        pytest.param(status(401), id="401"),
        pytest.param(garbage(), id="garbage body"),
        pytest.param(wrong_content_type(), id="wrong content type"),
    ],
)
def test_unusable_answer_falls_back_to_local(api_client, openai_server, behaviour):
    openai_server.script(behaviour)

    response = classify(api_client, title="Invoice", description="Refund my invoice please.")

    assert response.status_code == 200
    body = response.json()
    assert body["provider"] == "local"
    assert body["suggested_category"] == "billing"


def test_server_error_is_retried_once_then_falls_back(api_client, openai_server):
    openai_server.script(status(500, retry_after="0"))

    body = classify(api_client).json()

    assert body["provider"] == "local"
    assert len(openai_server.requests) == 2


def test_server_error_then_success_uses_the_retry(api_client, anthropic_server):
    anthropic_server.script(status(529, retry_after="0"), good("billing", "high"))

    body = classify(api_client).json()

    assert body["provider"] == "anthropic"
    assert len(anthropic_server.requests) == 2


def test_rate_limit_with_short_retry_after_is_retried(api_client, openai_server):
    openai_server.script(status(429, retry_after="0.1"), good("account", "medium"))

    body = classify(api_client).json()

    assert (body["provider"], body["suggested_category"]) == ("openai", "account")
    assert len(openai_server.requests) == 2


def test_rate_limit_with_retry_after_beyond_the_budget_is_not_retried(api_client, openai_server):
    openai_server.script(status(429, retry_after="30"), good())
    started = time.monotonic()

    body = classify(api_client).json()

    assert body["provider"] == "local"
    assert len(openai_server.requests) == 1
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    "behaviour", [pytest.param(hang(10), id="hang"), pytest.param(drip(0.3), id="slow drip")]
)
def test_hanging_server_still_gets_an_answer_within_the_budget(
    api_client, openai_server, settings, behaviour
):
    settings.LLM_TIMEOUT_SECONDS = 1
    openai_server.script(behaviour)
    started = time.monotonic()

    response = classify(api_client, title="Login", description="I cannot log in to my account.")

    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert response.json()["provider"] == "local"
    assert response.json()["suggested_category"] == "account"


def test_hanging_provider_does_not_stall_other_requests(api_client, openai_server, settings):
    # given one request waiting for a hanging provider
    settings.LLM_TIMEOUT_SECONDS = 1.5
    openai_server.script(hang(10))

    def classify_in_thread():
        try:
            classify(api_client)
        finally:
            connections.close_all()

    waiting = threading.Thread(target=classify_in_thread)
    waiting.start()
    openai_server.wait_for_requests(1)

    # when another request asks for an instant answer meanwhile
    started = time.monotonic()
    response = classify(api_client, description="Another ticket entirely.", instant="true")

    # then it is answered at once
    assert time.monotonic() - started < 1
    assert response.status_code == 200
    waiting.join()


def test_default_answer_when_local_fails_too(api_client, openai_server, monkeypatch):
    # given a failing remote provider and a crashing local classifier
    openai_server.script(status(500))

    def crash(self, **kwargs):
        raise RuntimeError("local model crashed")

    monkeypatch.setattr("triage.providers.local.LocalProvider.classify", crash)

    # when
    body = classify(api_client).json()

    # then the seed's fallback answers
    assert body["provider"] == "default"
    assert (body["suggested_category"], body["suggested_priority"]) == ("general", "medium")
    assert body["confidence_band"] == "low"


def test_missing_configuration_uses_local_without_calling_anything(
    api_client, compatible_server, settings
):
    settings.LLM_MODEL = ""

    body = classify(api_client).json()

    assert body["provider"] == "local"
    assert compatible_server.requests == []


def test_openai_without_a_key_uses_local(api_client, openai_server, settings):
    settings.LLM_API_KEY = ""

    assert classify(api_client).json()["provider"] == "local"
    assert openai_server.requests == []
