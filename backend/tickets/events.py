"""The audit trail: one event per change of a ticket, written with the change.

`record_change` is the only writer of TicketEvent. It runs inside the transaction of the
change, with the ticket's row locked, bumps `version` and `updated_at` and stores who
changed what from what to what; so the trail can neither miss a change nor hold one that
was rolled back.
"""

from typing import Any

from django.db.models import F
from django.utils import timezone

from .actors import Actor
from .models import Comment, EventKind, Ticket, TicketEvent
from .signals import ticket_event_recorded


def assignee_json(ticket_or_user: Any) -> dict | None:
    """An assignee as events and tickets show it: {"id", "name"}, or None."""
    from accounts.roles import display_name

    if ticket_or_user is None:
        return None
    return {"id": ticket_or_user.pk, "name": display_name(ticket_or_user)}


def record_change(
    ticket: Ticket,
    *,
    actor: Actor,
    kind: EventKind,
    changes: dict[str, list],
    updates: dict[str, Any] | None = None,
    comment: Comment | None = None,
) -> TicketEvent:
    """Write `updates` (column values, already set on `ticket` where it shows them) with
    the version bump in one UPDATE of the locked ticket, then the event."""
    now = timezone.now()
    Ticket.objects.filter(pk=ticket.pk).update(
        **(updates or {}), version=F("version") + 1, updated_at=now
    )
    ticket.version += 1
    ticket.updated_at = now
    event = TicketEvent.objects.create(
        ticket=ticket,
        version=ticket.version,
        at=now,
        actor_type=actor.type,
        actor=actor.user,
        actor_name=actor.name,
        kind=kind,
        changes=changes,
        comment=comment,
    )
    ticket_event_recorded.send(sender=TicketEvent, event=event)
    return event


def record_creation(ticket: Ticket, *, actor: Actor) -> list[TicketEvent]:
    """The events of a new ticket: `created`, and `ai_suggested` when a suggestion is
    stored. Both carry version 1: the suggestion is part of the creation (CONTRACT §9's
    upgrade gives existing tickets the same pair at version 1)."""
    events = [
        TicketEvent(
            ticket=ticket,
            version=ticket.version,
            at=ticket.created_at,
            actor_type=actor.type,
            actor=actor.user,
            actor_name=actor.name,
            kind=EventKind.CREATED,
            changes={},
        )
    ]
    if ticket.ai_suggestion is not None:
        ai = Actor.ai()
        events.append(
            TicketEvent(
                ticket=ticket,
                version=ticket.version,
                at=ticket.created_at,
                actor_type=ai.type,
                actor_name=ai.name,
                kind=EventKind.AI_SUGGESTED,
                changes={"ai_suggestion": [None, ticket.ai_suggestion]},
            )
        )
    created = TicketEvent.objects.bulk_create(events)
    for event in created:
        ticket_event_recorded.send(sender=TicketEvent, event=event)
    return created
