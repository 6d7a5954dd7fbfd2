"""Writes of tickets."""

import logging

from triage.services import suggestion_for

from .models import Ticket

logger = logging.getLogger(__name__)

UPDATABLE_FIELDS = ("title", "description", "category", "priority", "status")


def ticket_create(
    *, title: str, description: str, category: str | None = None, priority: str | None = None
) -> Ticket:
    """Create an open ticket; labels the client left out come from the AI's suggestion.

    The suggestion is stored on the ticket whether or not the client sent labels, so
    the dashboard can tell how often suggestions are kept. Classification never makes
    creation fail: at worst the suggestion is the default one, stored as none.
    """
    suggestion = suggestion_for(title=title, description=description)
    ticket = Ticket(
        title=title,
        description=description,
        category=category or suggestion.category,
        priority=priority or suggestion.priority,
    )
    if suggestion.provider != "default":
        ticket.ai_category = suggestion.category
        ticket.ai_priority = suggestion.priority
        ticket.ai_category_confidence = suggestion.category_confidence
        ticket.ai_priority_confidence = suggestion.priority_confidence
        ticket.ai_provider = suggestion.provider
    ticket.save()
    return ticket


def ticket_update(*, ticket: Ticket, data: dict) -> Ticket:
    """Change any of UPDATABLE_FIELDS; other keys are a programming error."""
    unknown = set(data) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not updatable: {sorted(unknown)}")
    changed = [field for field, value in data.items() if getattr(ticket, field) != value]
    if not changed:
        return ticket
    for field in changed:
        setattr(ticket, field, data[field])
    ticket.save(update_fields=[*changed, "updated_at"])
    return ticket
