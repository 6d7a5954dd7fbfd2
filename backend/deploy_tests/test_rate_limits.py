"""Rate limits through the API (one process); test_servers.py covers several workers."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

CLASSIFY = "/api/tickets/classify/"
TICKETS = "/api/tickets/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _classify(api_client, **headers):
    return api_client.post(
        CLASSIFY, {"description": "I was charged twice"}, format="json", **headers
    )


def _create(api_client, **headers):
    return api_client.post(
        TICKETS,
        {"title": "Charged twice", "description": "Refund please"},
        format="json",
        **headers,
    )


def test_classify_answers_429_in_the_error_shape_after_the_limit(api_client, settings):
    settings.RATE_LIMIT_CLASSIFY = "3/minute"

    statuses = [_classify(api_client).status_code for _ in range(3)]
    refused = _classify(api_client)

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    body = refused.json()
    assert set(body) == {"detail", "errors"}
    assert body["detail"]
    assert body["errors"] == {}
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_ticket_creation_is_limited_but_listing_is_not(api_client, settings):
    settings.RATE_LIMIT_CREATE = "2/minute"

    created = [_create(api_client).status_code for _ in range(2)]
    refused = _create(api_client)
    listed = [api_client.get(TICKETS).status_code for _ in range(5)]

    assert created == [201, 201]
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert listed == [200] * 5


def test_limits_are_counted_per_endpoint(api_client, settings):
    settings.RATE_LIMIT_CLASSIFY = "1/minute"
    settings.RATE_LIMIT_CREATE = "1/minute"

    assert _classify(api_client).status_code == 200
    assert _create(api_client).status_code == 201
    assert _classify(api_client).status_code == 429
    assert _create(api_client).status_code == 429


def test_off_disables_the_limit(api_client, settings):
    settings.RATE_LIMIT_CLASSIFY = None  # what RATE_LIMIT_CLASSIFY=off loads as

    statuses = {_classify(api_client).status_code for _ in range(8)}

    assert statuses == {200}


def test_clients_behind_the_proxy_are_counted_apart(api_client, settings):
    settings.RATE_LIMIT_CLASSIFY = "1/minute"
    settings.TRUSTED_PROXY_COUNT = 1

    first = _classify(api_client, HTTP_X_FORWARDED_FOR="203.0.113.1")
    other = _classify(api_client, HTTP_X_FORWARDED_FOR="203.0.113.2")
    first_again = _classify(api_client, HTTP_X_FORWARDED_FOR="203.0.113.1")
    # A forged entry to the left of the proxy's own does not buy a new allowance.
    forged = _classify(api_client, HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.1")

    assert (first.status_code, other.status_code) == (200, 200)
    assert first_again.status_code == 429
    assert forged.status_code == 429


def test_forwarded_for_is_ignored_without_a_trusted_proxy(api_client, settings):
    settings.RATE_LIMIT_CLASSIFY = "1/minute"
    settings.TRUSTED_PROXY_COUNT = 0

    assert _classify(api_client, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 200
    assert _classify(api_client, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 429


def test_a_lowered_limit_answers_429_with_retry_after(api_client, settings):
    settings.RATE_LIMIT_CLASSIFY = "5/minute"
    assert {_classify(api_client).status_code for _ in range(5)} == {200}

    settings.RATE_LIMIT_CLASSIFY = "2/minute"
    refused = _classify(api_client)

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_a_rate_per_several_minutes_is_counted_over_them(api_client, settings):
    settings.RATE_LIMIT_CREATE = "2/15m"

    statuses = [_create(api_client).status_code for _ in range(3)]
    refused = _create(api_client)

    assert statuses == [201, 201, 429]
    assert 60 < int(refused["Retry-After"]) <= 15 * 60


def test_an_ipv6_client_is_counted_by_its_64(api_client, settings):
    settings.RATE_LIMIT_CLASSIFY = "1/minute"
    settings.TRUSTED_PROXY_COUNT = 1

    first = _classify(api_client, HTTP_X_FORWARDED_FOR="2001:db8:1:2::1")
    same_64 = _classify(api_client, HTTP_X_FORWARDED_FOR="2001:db8:1:2:ffff::99")
    other_64 = _classify(api_client, HTTP_X_FORWARDED_FOR="2001:db8:1:3::1")

    assert first.status_code == 200
    assert same_64.status_code == 429
    assert other_64.status_code == 200
