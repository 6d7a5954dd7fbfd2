"""An unreachable Redis never fails a request: limits and cache degrade, /readyz says so."""

import pytest

from core import rate_limits

from .conftest import unreachable_redis_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings, monkeypatch):
    url = unreachable_redis_url()
    monkeypatch.setattr(rate_limits, "_redis_skipped_until", 0.0)
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "tickets",
        }
    }
    settings.RATE_LIMIT_CLASSIFY = "2/minute"
    settings.RATE_LIMIT_CREATE = "2/minute"


def test_classify_and_create_answer_while_redis_is_down(api_client, redis_down):
    body = {"title": "Charged twice", "description": "Refund please"}

    classified = [api_client.post("/api/tickets/classify/", body, format="json") for _ in range(3)]
    created = [api_client.post("/api/tickets/", body, format="json") for _ in range(3)]

    # Over the limits, too: they cannot be counted, so nobody is refused.
    assert [response.status_code for response in classified] == [200, 200, 200]
    assert [response.status_code for response in created] == [201, 201, 201]


def test_readyz_names_the_degraded_cache_and_stays_200(client, redis_down):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "degraded"}


def test_readyz_says_the_cache_is_ok_when_redis_answers(client, redis_url):
    response = client.get("/readyz")

    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
