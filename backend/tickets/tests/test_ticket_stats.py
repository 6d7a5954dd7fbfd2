from datetime import UTC, datetime, timedelta

import pytest

from tickets.models import Ticket
from tickets.stats import ticket_stats
from tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

URL = "/api/tickets/stats/"


def test_stats_of_no_tickets(api_client):
    response = api_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    days = body.pop("tickets_per_day")
    assert body == {
        "total_tickets": 0,
        "open_tickets": 0,
        "avg_tickets_per_day": 0,
        "status_breakdown": {"open": 0, "in_progress": 0, "resolved": 0, "closed": 0},
        "priority_breakdown": {"low": 0, "medium": 0, "high": 0, "critical": 0},
        "category_breakdown": {"billing": 0, "technical": 0, "account": 0, "general": 0},
        "ai": {"suggested": 0, "category_kept": None, "priority_kept": None},
        "median_first_response_seconds": None,
        "median_resolution_seconds": None,
    }
    assert len(days) == 30
    assert {(d["created"], d["resolved"]) for d in days} == {(0, 0)}


def test_stats_match_a_hand_computed_data_set(api_client, make_ticket):
    # given 7 tickets, the oldest created 3 days ago: 4 calendar days counted
    make_ticket(days_ago=3, category="billing", priority="high", status="open")
    make_ticket(days_ago=2, category="billing", priority="low", status="closed")
    make_ticket(days_ago=2, category="technical", priority="critical", status="open")
    make_ticket(days_ago=1, category="technical", priority="critical", status="in_progress")
    make_ticket(days_ago=1, category="account", priority="medium", status="resolved")
    make_ticket(days_ago=0, category="technical", priority="high", status="open")
    make_ticket(days_ago=0, category="technical", priority="medium", status="closed")

    # when
    body = api_client.get(URL).json()

    # then
    assert body["total_tickets"] == 7
    assert body["open_tickets"] == 3
    assert body["avg_tickets_per_day"] == round(7 / 4, 1)
    assert body["priority_breakdown"] == {"low": 1, "medium": 2, "high": 2, "critical": 2}
    assert body["category_breakdown"] == {"billing": 2, "technical": 4, "account": 1, "general": 0}


def test_average_counts_calendar_days_in_utc_both_ends_included():
    # given a first ticket at 23:30 UTC two calendar days before "today" at 00:10 UTC
    first = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    for _ in range(3):
        TicketFactory(category="general", priority="low")
    Ticket.objects.update(created_at=first)

    stats = ticket_stats(now=datetime(2026, 3, 3, 0, 10, tzinfo=UTC))

    # 1, 2 and 3 March: 3 days, 1 ticket a day
    assert stats["avg_tickets_per_day"] == 1.0


def test_average_is_at_least_one_day_and_rounded(make_ticket):
    for _ in range(10):
        make_ticket(days_ago=0)

    assert ticket_stats()["avg_tickets_per_day"] == 10.0

    Ticket.objects.update(created_at=datetime.now(UTC) - timedelta(days=2))
    # 3 days: 10 / 3 = 3.333... -> 3.3
    assert ticket_stats()["avg_tickets_per_day"] == 3.3


def test_ai_block_compares_suggestions_with_current_values(api_client, make_ticket):
    # given two tickets whose suggestion was kept, one whose category and priority changed
    # later, and one without a suggestion
    for description in ["I was charged twice on my invoice.", "Refund my payment please."]:
        api_client.post(
            "/api/tickets/", {"title": "Money", "description": description}, format="json"
        )
    changed = api_client.post(
        "/api/tickets/", {"title": "Bill", "description": "Invoice is wrong."}, format="json"
    ).json()
    api_client.patch(
        f"/api/tickets/{changed['id']}/",
        {"category": "general", "priority": "critical"},
        format="json",
    )
    make_ticket()

    ai = api_client.get(URL).json()["ai"]

    assert ai["suggested"] == 3
    assert ai["category_kept"] == pytest.approx(2 / 3, abs=1e-3)
    assert ai["priority_kept"] == pytest.approx(2 / 3, abs=1e-3)


def test_stats_take_at_most_two_queries(api_client, make_ticket, django_assert_max_num_queries):
    for days in range(20):
        make_ticket(days_ago=days % 5)

    with django_assert_max_num_queries(2):
        response = api_client.get(URL)

    assert response.json()["total_tickets"] == 20
