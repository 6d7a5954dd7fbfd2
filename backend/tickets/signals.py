"""Signals other apps listen to, so that the tickets app depends on none of them."""

from django.dispatch import Signal

# Sent inside the transaction of every change of a ticket, right after its event is
# written, with `event` (a TicketEvent). Receivers that queue work (e-mails, webhooks)
# queue it in that same transaction: it exists if and only if the change was committed.
ticket_event_recorded = Signal()
