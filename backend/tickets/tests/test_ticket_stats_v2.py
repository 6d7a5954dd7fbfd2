"""The dashboard's wave-2 numbers (CONTRACT §9): statuses, 30 days, medians, time zones."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from core.testing import assert_error_shape
from tickets.models import Ticket
from tickets.stats import ticket_stats

from .factories import TicketFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)


def _at(day: int, hour: int, month: int = 6) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def _ticket(created: datetime, first_response=None, resolved=None, **fields) -> Ticket:
    ticket = TicketFactory(**fields)
    Ticket.objects.filter(pk=ticket.pk).update(
        created_at=created, first_response_at=first_response, resolved_at=resolved
    )
    return ticket


@pytest.fixture
def hand_computed():
    # 1: created late on 14 June in New York, early 15 June in UTC
    _ticket(_at(15, 2))
    # 2: answered after an hour, resolved 15 h after creation (23:00 on 14 June in New York)
    _ticket(_at(14, 12), first_response=_at(14, 13), resolved=_at(15, 3), status="resolved")
    # 3: answered after 30 min, resolved then reopened: no resolved_at any more
    _ticket(
        datetime(2026, 6, 10, 12, 30, tzinfo=UTC),
        status="open",
        first_response=datetime(2026, 6, 10, 13, 0, tzinfo=UTC),
    )
    # 4: created before the 30 days, resolved within them
    _ticket(_at(1, 12, month=5), resolved=_at(12, 12), status="closed")
    # 5: answered after 2 h, resolved after 6 h (20:00 on 12 June in New York)
    _ticket(_at(13, 0), first_response=_at(13, 2), resolved=_at(13, 6), status="closed")


def _by_day(stats: dict) -> dict[str, tuple[int, int]]:
    return {
        d["date"]: (d["created"], d["resolved"])
        for d in stats["tickets_per_day"]
        if d["created"] or d["resolved"]
    }


def test_days_and_medians_in_utc(hand_computed):
    stats = ticket_stats(now=NOW)

    assert len(stats["tickets_per_day"]) == 30
    assert stats["tickets_per_day"][0]["date"] == "2026-05-17"
    assert stats["tickets_per_day"][-1]["date"] == "2026-06-15"
    assert _by_day(stats) == {
        "2026-06-10": (1, 0),
        "2026-06-12": (0, 1),
        "2026-06-13": (1, 1),
        "2026-06-14": (1, 0),
        "2026-06-15": (1, 1),
    }
    # first responses 3600, 1800, 7200 -> 3600; resolutions 54000, 21600 -> 37800
    assert stats["median_first_response_seconds"] == 3600
    assert stats["median_resolution_seconds"] == 37800
    assert stats["status_breakdown"] == {"open": 2, "in_progress": 0, "resolved": 1, "closed": 2}


def test_days_follow_the_requested_time_zone(hand_computed):
    stats = ticket_stats(zone=ZoneInfo("America/New_York"), now=NOW)

    assert _by_day(stats) == {
        "2026-06-10": (1, 0),
        "2026-06-12": (1, 1),
        "2026-06-13": (0, 1),
        "2026-06-14": (2, 1),
    }
    assert stats["median_resolution_seconds"] == 37800


def test_the_api_takes_a_time_zone_and_refuses_unknown_ones(api_client):
    TicketFactory()

    berlin = api_client.get("/api/tickets/stats/", {"tz": "Europe/Berlin"})
    empty = api_client.get("/api/tickets/stats/", {"tz": ""})

    assert berlin.status_code == empty.status_code == 200
    for zone in ("Mars/Olympus", "../../etc/passwd", "utc+2", "x" * 65):
        assert_error_shape(api_client.get("/api/tickets/stats/", {"tz": zone}), 400, "tz")


def _resolved_today(client) -> int:
    return client.get("/api/tickets/stats/").json()["tickets_per_day"][-1]["resolved"]


def test_a_reopened_ticket_leaves_the_resolved_series(api_client):
    # given
    ticket = TicketFactory(status="open")
    url = f"/api/tickets/{ticket.pk}/"

    # when / then: resolved today, then reopened, then closed again
    assert api_client.patch(url, {"status": "resolved"}, format="json").status_code == 200
    assert _resolved_today(api_client) == 1
    assert api_client.patch(url, {"status": "in_progress"}, format="json").status_code == 200
    assert _resolved_today(api_client) == 0
    assert api_client.get("/api/tickets/stats/").json()["median_resolution_seconds"] is None
    assert api_client.patch(url, {"status": "closed"}, format="json").status_code == 200
    assert _resolved_today(api_client) == 1
