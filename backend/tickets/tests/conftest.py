from datetime import timedelta

import pytest
from django.utils import timezone

from tickets.models import Ticket

from .factories import TicketFactory


def assert_error_shape(response, status_code: int, *fields: str) -> dict:
    """The answer is CONTRACT §6's error body with `status_code`, naming each of `fields`."""
    assert response.status_code == status_code, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str)
    assert body["detail"]
    for field in fields:
        assert field in body["errors"], body
        assert all(isinstance(message, str) for message in body["errors"][field])
    return body


@pytest.fixture
def make_ticket():
    """Create a ticket whose created_at is `days_ago` days before now (newest first = smallest)."""

    def make(days_ago: float = 0, **fields) -> Ticket:
        ticket = TicketFactory(**fields)
        created = timezone.now() - timedelta(days=days_ago)
        Ticket.objects.filter(pk=ticket.pk).update(created_at=created)
        ticket.refresh_from_db()
        return ticket

    return make
