"""Who hears of committed ticket events: e-mail and webhooks (settings.TICKET_EVENT_CONSUMERS).

A consumer is asked twice. In the request, inside the change's transaction, `wants(event)`
says whether the event concerns it (`event.ticket` is the ticket as just changed); it
must be cheap (one small query at most). If any consumer wants the event, one job carries
it to the worker with the ticket as agents saw it right after the change (the snapshot),
and there `plan(event, ticket)` turns it into the consumer's own work (e-mails,
deliveries) inside the job's transaction. `plan` may run twice for one event (a retried
job) and must then add nothing the first run added.
"""

from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from tickets.models import TicketEvent

# The ticket as agents saw it right after the event (tickets.serializers.TicketSerializer).
TicketSnapshot = dict[str, Any]


class TicketEventConsumer:
    def wants(self, event: TicketEvent) -> bool:
        """Whether `plan` would have anything to do for this event. Runs in the request."""
        raise NotImplementedError

    def plan(self, event: TicketEvent, ticket: TicketSnapshot) -> None:
        """Create this consumer's work for the event and defer its jobs (jobs.defer), in
        the caller's transaction; idempotent."""
        raise NotImplementedError


@cache
def consumers() -> tuple[TicketEventConsumer, ...]:
    return tuple(import_string(path)() for path in settings.TICKET_EVENT_CONSUMERS)
