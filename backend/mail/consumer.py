"""E-mail hears of ticket events (jobs/consumers.py)."""

from django.conf import settings

from jobs.consumers import TicketEventConsumer, TicketSnapshot
from tickets.models import TicketEvent

from .planning import due_emails
from .services import emails_plan


class EmailConsumer(TicketEventConsumer):
    def wants(self, event: TicketEvent) -> bool:
        ticket = event.ticket
        return settings.EMAIL_ENABLED and bool(
            due_emails(event, requester=ticket.requester_email, assignee_id=ticket.assignee_id)
        )

    def plan(self, event: TicketEvent, ticket: TicketSnapshot) -> None:
        if settings.EMAIL_ENABLED:
            emails_plan(event=event, ticket=ticket)
