from datetime import timedelta

import pytest
from django.utils import timezone

from core.testing import assert_error_shape
from tickets.models import Ticket

from .factories import TicketFactory

__all__ = ["assert_error_shape"]


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
