"""CSV export (CONTRACT §9): exactly the view, every row, safe in a spreadsheet."""

import csv
import io
from datetime import UTC, datetime

import pytest

from core.testing import assert_error_shape
from tickets.models import Ticket

from .factories import TicketFactory

pytestmark = pytest.mark.django_db

URL = "/api/tickets/export.csv"
HEADER = [
    "id", "title", "description", "category", "priority", "status", "requester_name",
    "requester_email", "assignee_name", "created_at", "updated_at", "first_response_at",
    "resolved_at", "ai_category", "ai_priority",
]  # fmt: skip


def _rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert header == HEADER
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_the_export_is_the_current_view_in_its_order(api_client, agent):
    mine_high = TicketFactory(priority="high", status="open", assignee=agent)
    mine_low = TicketFactory(priority="low", status="open", assignee=agent)
    TicketFactory(priority="critical", status="closed", assignee=agent)
    TicketFactory(priority="critical", status="open")

    response = api_client.get(URL, {"assignee": "me", "status": "open", "sort": "priority"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="tickets-')
    rows = _rows(response)
    assert [int(r["id"]) for r in rows] == [mine_high.pk, mine_low.pk]
    assert rows[0]["assignee_name"] == "Priya Raman"


def test_quotes_commas_newlines_and_formulas_survive(api_client):
    formula = '=HYPERLINK("http://evil.example","click")'
    TicketFactory(
        title=formula,
        description='He said "hi", then:\nline two',
        requester_name="+Ana, Lima",
        requester_email="ana@example.com",
    )
    TicketFactory(title="-12 degrees", description="@admin\tplease")

    rows = {r["title"]: r for r in _rows(api_client.get(URL))}

    first = rows["'" + formula]
    assert first["description"] == 'He said "hi", then:\nline two'
    assert first["requester_name"] == "'+Ana, Lima"
    assert first["requester_email"] == "ana@example.com"
    second = rows["'-12 degrees"]
    assert second["description"] == "'@admin\tplease"


def test_the_row_count_of_a_filtered_view_is_exact(api_client):
    for _ in range(7):
        TicketFactory(category="billing")
    for _ in range(5):
        TicketFactory(category="account")

    assert len(_rows(api_client.get(URL, {"category": "billing"}))) == 7
    assert len(_rows(api_client.get(URL, {"page_size": 2, "page": 3}))) == 12


def test_a_ticket_number_search_exports_that_ticket_first(api_client):
    wanted = TicketFactory()
    mention = TicketFactory(description=f"see {wanted.pk}")

    rows = _rows(api_client.get(URL, {"search": f"#{wanted.pk}"}))

    assert [int(r["id"]) for r in rows] == [wanted.pk, mention.pk]


def test_bad_filters_are_400_in_json_even_when_csv_is_asked_for(api_client):
    response = api_client.get(URL, {"sort": "random"}, HTTP_ACCEPT="text/csv")

    assert_error_shape(response, 400, "sort")


def test_only_agents_export(anonymous_client):
    assert_error_shape(anonymous_client.get(URL), 401)


def test_times_and_empty_cells_are_written_as_the_json_api_writes_them(api_client):
    whole_second = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    resolved = TicketFactory(status="resolved", requester_name=None, requester_email=None)
    Ticket.objects.filter(pk=resolved.pk).update(
        created_at=whole_second,
        resolved_at=datetime(2026, 3, 2, 10, 0, 0, 250, tzinfo=UTC),
    )

    (row,) = _rows(api_client.get(URL))
    shown = api_client.get(f"/api/tickets/{resolved.pk}/").json()

    assert row["created_at"] == shown["created_at"] == "2026-03-01T09:30:00Z"
    assert row["resolved_at"] == shown["resolved_at"] == "2026-03-02T10:00:00.000250Z"
    assert row["updated_at"] == shown["updated_at"]
    assert row["first_response_at"] == ""
    assert row["requester_name"] == row["requester_email"] == row["assignee_name"] == ""
