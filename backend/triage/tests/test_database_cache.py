"""The default shared cache (the database cache table) carries the breaker, the cached
answers and the background answers of instant mode across threads."""

import time

import pytest
from django.core.cache import cache
from django.core.management import call_command

from .fakes import classify, good, status

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "triage_test_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    cache.clear()


def test_instant_answer_arrives_through_the_database_cache(
    api_client, openai_server, database_cache
):
    openai_server.script(good("account", "critical", delay=0.2))

    first = classify(api_client, instant="true").json()
    end = time.monotonic() + 5
    later = first
    while later["provider"] != "openai" and time.monotonic() < end:
        time.sleep(0.05)
        later = classify(api_client, instant="true").json()

    assert (first["provider"], first["pending"]) == ("local", True)
    assert (later["provider"], later["suggested_priority"]) == ("openai", "critical")
    assert len(openai_server.requests) == 1


def test_breaker_opens_through_the_database_cache(api_client, openai_server, database_cache):
    openai_server.script(status(400))
    for attempt in range(4):
        classify(api_client, description=f"Ticket {attempt}")

    assert len(openai_server.requests) == 3
