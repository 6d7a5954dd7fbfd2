"""Ticket events become one fan-out job each, in the transaction of the change."""

from typing import Any

from django.dispatch import receiver

from tickets.models import TicketEvent
from tickets.serializers import TicketSerializer
from tickets.signals import ticket_event_recorded

from . import tasks
from .consumers import consumers
from .defer import defer


@receiver(ticket_event_recorded, dispatch_uid="jobs.fan_out_ticket_event")
def fan_out_ticket_event(sender: Any, event: TicketEvent, **kwargs: Any) -> None:
    if any(consumer.wants(event) for consumer in consumers()):
        ticket = dict(TicketSerializer(event.ticket).data)
        defer(tasks.fan_out_ticket_event, event_id=event.pk, ticket=ticket)
