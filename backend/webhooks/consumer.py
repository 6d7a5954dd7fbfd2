"""Webhooks hear of ticket events (jobs/consumers.py)."""

from jobs.consumers import TicketEventConsumer, TicketSnapshot
from tickets.models import TicketEvent

from .selectors import endpoints_subscribed
from .services import deliveries_plan, webhook_events_for


class WebhookConsumer(TicketEventConsumer):
    def wants(self, event: TicketEvent) -> bool:
        event_types = webhook_events_for(event)
        return bool(event_types) and endpoints_subscribed(event_types=event_types)

    def plan(self, event: TicketEvent, ticket: TicketSnapshot) -> None:
        deliveries_plan(event=event, ticket=ticket)
