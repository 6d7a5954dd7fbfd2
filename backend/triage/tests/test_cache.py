"""Answers of the configured provider are cached; fallbacks are not."""

import pytest

from triage.prompts import PROMPT_VERSION

from .fakes import classify, good, status

pytestmark = pytest.mark.django_db


def test_identical_text_is_answered_from_the_cache(api_client, openai_server):
    openai_server.script(good("billing", "high", confidence=0.9))

    first = classify(api_client, title="Refund", description="Refund my invoice.").json()
    second = classify(api_client, title=" refund ", description="Refund  my\ninvoice.").json()

    assert first == second
    assert second["provider"] == "openai"
    assert len(openai_server.requests) == 1


def test_different_text_is_not_answered_from_the_cache(api_client, openai_server):
    classify(api_client, description="Refund my invoice.")
    classify(api_client, description="Refund my other invoice.")

    assert len(openai_server.requests) == 2


def test_local_fallback_is_not_cached(api_client, openai_server):
    # given a first call that failed and fell back to the local model
    openai_server.script(status(400), good("billing", "critical"))
    assert classify(api_client).json()["provider"] == "local"

    # when the same text is classified again
    body = classify(api_client).json()

    # then the provider is asked again and its answer used
    assert (body["provider"], body["suggested_priority"]) == ("openai", "critical")
    assert len(openai_server.requests) == 2


def test_cache_key_depends_on_model_and_prompt_version(api_client, openai_server, settings):
    classify(api_client)
    settings.LLM_MODEL = "another-model"
    classify(api_client)
    assert len(openai_server.requests) == 2

    settings.LLM_MODEL = ""
    classify(api_client)
    assert len(openai_server.requests) == 2  # back to the first model: cached

    from triage import cache as triage_cache

    triage_cache.PROMPT_VERSION = PROMPT_VERSION + "-changed"
    try:
        classify(api_client)
    finally:
        triage_cache.PROMPT_VERSION = PROMPT_VERSION
    assert len(openai_server.requests) == 3


def test_unreachable_cache_does_not_break_classification(api_client, openai_server, settings):
    # given a Redis cache server that is down (nothing listens on port 1)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    # when
    response = classify(api_client)

    # then the provider still answers, uncached
    assert response.status_code == 200
    assert response.json()["provider"] == "openai"
    assert classify(api_client).json()["provider"] == "openai"
    assert len(openai_server.requests) == 2
