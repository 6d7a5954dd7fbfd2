"""Pages count cheaply: exact from counters or up to a limit, estimated beyond it."""

import pytest

from core import pagination
from tickets.models import Category, Priority, Status, Ticket
from tickets.tests.factories import portal_fields

pytestmark = pytest.mark.django_db

URL = "/api/tickets/"


@pytest.fixture
def small_exact_limit(monkeypatch):
    """Counts are exact up to 3 rows; the planner's estimate is always checked by counting."""
    monkeypatch.setattr(pagination, "COUNT_EXACT_LIMIT", 3)
    monkeypatch.setattr(pagination, "ESTIMATE_TRUSTED_ABOVE", 10**9)


def tickets(count: int, **fields) -> list[Ticket]:
    values = {
        "title": "Invoice question",
        "description": "Charged twice.",
        "category": Category.BILLING,
        "priority": Priority.HIGH,
        "status": Status.OPEN,
        **fields,
    }
    return Ticket.objects.bulk_create([Ticket(**values, **portal_fields()) for _ in range(count)])


def test_lists_without_search_count_exactly_from_the_counters(api_client, small_exact_limit):
    tickets(6)
    tickets(4, category=Category.ACCOUNT, status=Status.CLOSED)

    for params, expected in [
        ({}, 10),
        ({"category": "billing"}, 6),
        ({"category": "account", "status": "closed", "priority": "high"}, 4),
    ]:
        body = api_client.get(URL, {"page_size": 2, **params}).json()

        assert body["count"] == expected, params
        assert "count_is_estimate" not in body


def test_search_beyond_the_limit_is_an_estimate_flagged_as_such(api_client, small_exact_limit):
    tickets(8)
    tickets(2, title="Login", description="Cannot sign in.")

    body = api_client.get(URL, {"search": "invoice", "page_size": 2}).json()

    assert body["count_is_estimate"] is True
    assert body["count"] >= 4  # more than the limit, at least what the pages show
    assert len(body["results"]) == 2
    assert body["next"] is not None


def test_search_within_the_limit_is_exact(api_client, small_exact_limit):
    tickets(3, title="Refund")
    tickets(5)

    body = api_client.get(URL, {"search": "refund", "page_size": 2}).json()

    assert body["count"] == 3
    assert "count_is_estimate" not in body


def test_the_last_page_makes_the_count_exact(api_client, small_exact_limit):
    tickets(7)

    body = api_client.get(URL, {"search": "invoice", "page_size": 5, "page": 2}).json()

    assert body["count"] == 7
    assert "count_is_estimate" not in body
    assert body["next"] is None


def test_a_page_past_the_end_of_an_estimated_list_is_a_404(api_client, small_exact_limit):
    tickets(6)

    response = api_client.get(URL, {"search": "invoice", "page_size": 5, "page": 3})

    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.parametrize("page_size", [20, 100])
def test_a_filtered_page_takes_two_queries_whatever_its_size(
    api_client, django_assert_num_queries, page_size
):
    tickets(120)

    # the page (one row more than shown) and the count from the counters
    with django_assert_num_queries(2):
        body = api_client.get(URL, {"category": "billing", "page_size": page_size}).json()

    assert len(body["results"]) == page_size
    assert body["count"] == 120


def test_a_search_page_takes_three_queries_at_most(api_client, django_assert_max_num_queries):
    tickets(120)
    api_client.get(URL, {"search": "invoice charged"})  # reads the lexeme statistics

    # the page, the planner's estimate, and the count up to the limit
    with django_assert_max_num_queries(3):
        body = api_client.get(URL, {"search": "invoice charged"}).json()

    assert body["count"] == 120


def test_stats_take_two_queries(api_client, django_assert_num_queries):
    tickets(30)

    # the counters, then the last 30 days
    with django_assert_num_queries(2):
        body = api_client.get("/api/tickets/stats/").json()

    assert body["total_tickets"] == 30


def test_schema_documents_the_optional_estimate_flag(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    page = schema["components"]["schemas"]["PaginatedTicketList"]
    assert page["properties"]["count_is_estimate"]["type"] == "boolean"
    assert "count_is_estimate" not in page.get("required", [])
