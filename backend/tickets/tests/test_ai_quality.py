"""`GET /api/triage/quality/` against a hand-computed fixture."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.testing import assert_error_shape
from tickets.models import Ticket

from .factories import TicketFactory

pytestmark = pytest.mark.django_db


def _ticket(
    final: tuple[str, str], suggested: tuple[str, str], days_ago=1, overridden=(False, False)
):
    ticket = TicketFactory(
        category=final[0],
        priority=final[1],
        ai_category=suggested[0],
        ai_priority=suggested[1],
        ai_category_overridden=overridden[0],
        ai_priority_overridden=overridden[1],
    )
    Ticket.objects.filter(pk=ticket.pk).update(created_at=timezone.now() - timedelta(days=days_ago))


def test_quality_matches_a_hand_computed_fixture(api_client):
    # final (category, priority) vs suggested, five tickets in the period
    _ticket(("billing", "high"), ("billing", "high"))
    _ticket(("billing", "low"), ("billing", "medium"), overridden=(False, True))
    _ticket(("technical", "critical"), ("billing", "medium"), overridden=(True, True))
    _ticket(("technical", "medium"), ("technical", "medium"))
    _ticket(("general", "low"), ("account", "low"))  # the submitter's choice: no override
    _ticket(("account", "high"), ("account", "high"), days_ago=40)  # outside 30 days
    TicketFactory(category="general", priority="low")  # no suggestion

    body = api_client.get("/api/triage/quality/").json()

    assert body["suggested"] == 5
    assert body["category_accuracy"] == 0.6  # 3 of 5
    assert body["priority_accuracy"] == 0.6  # high, medium, low
    assert body["priority_within_one"] == 0.8  # critical vs medium is two apart
    assert body["by_category"]["billing"] == {
        "suggested": 3, "kept": 2, "precision": 0.6667, "recall": 1.0,
    }  # fmt: skip
    assert body["by_category"]["technical"] == {
        "suggested": 1, "kept": 1, "precision": 1.0, "recall": 0.5,
    }  # fmt: skip
    assert body["by_category"]["general"] == {
        "suggested": 0, "kept": 0, "precision": None, "recall": 0.0,
    }  # fmt: skip
    assert body["confusion"]["category"]["technical"] == {
        "billing": 1, "technical": 1, "account": 0, "general": 0,
    }  # fmt: skip
    assert body["confusion"]["priority"]["critical"]["medium"] == 1
    assert sum(week["suggested"] for week in body["weekly"]) == 5
    assert sum(w["category_kept"] * w["suggested"] for w in body["weekly"]) == pytest.approx(4)
    assert body["model"] == {
        "version": None,
        "trained_at": None,
        "examples": None,
        "corrections": 0,
    }


def test_the_period_is_a_number_of_days(api_client):
    _ticket(("billing", "high"), ("billing", "high"), days_ago=40)

    assert api_client.get("/api/triage/quality/", {"days": 60}).json()["suggested"] == 1
    assert_error_shape(api_client.get("/api/triage/quality/", {"days": 0}), 400, "days")
    assert_error_shape(api_client.get("/api/triage/quality/", {"days": "x"}), 400, "days")
