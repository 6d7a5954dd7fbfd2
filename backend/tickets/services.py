"""Writes of tickets and their conversation (CONTRACT §2, §9, §10).

Every change goes through here and is recorded by tickets.events in the same transaction,
with the ticket's row locked: one event per change, `version` one higher each time.
"""

import hmac
import logging
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core.exceptions import ConflictError, InvalidInput, NotFoundError, PreconditionFailed
from triage.services import suggestion_for

from .actors import Actor
from .events import assignee_json, record_change, record_creation
from .models import ActorType, Comment, EventKind, Status, Ticket, Visibility
from .portal import key_hash, looks_like_a_key, new_salt, portal_key
from .selectors import NOT_SHOWN, ticket_get

logger = logging.getLogger(__name__)

UPDATABLE_FIELDS = ("title", "description", "category", "priority", "status", "assignee")
WORKING = (Status.OPEN, Status.IN_PROGRESS)
DONE = (Status.RESOLVED, Status.CLOSED)


def _active_agent(user_id: int) -> User:
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id < 2**63 else None
    if user is None:
        raise InvalidInput("", {"assignee": ["No active agent has this id."]})
    return user


def _next_ticket_id() -> int:
    # The portal key is derived from the id, so the id is taken before the row is written.
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('tickets_ticket', 'id'))")
        return int(cursor.fetchone()[0])


def ticket_create(
    *,
    title: str,
    description: str,
    actor: Actor,
    category: str | None = None,
    priority: str | None = None,
    requester_name: str | None = None,
    requester_email: str | None = None,
    assignee: int | None = None,
) -> Ticket:
    """Create an open ticket; labels the client left out come from the AI's suggestion.

    The suggestion is stored on the ticket whether or not the client sent labels, so
    the dashboard can tell how often suggestions are kept. Classification never makes
    creation fail: at worst the suggestion is the default one, stored as none. It runs
    before the transaction, so a slow LLM never holds a lock.
    """
    owner = _active_agent(assignee) if assignee is not None else None
    suggestion = suggestion_for(title=title, description=description)
    with transaction.atomic():
        ticket_id = _next_ticket_id()
        salt = new_salt()
        ticket = Ticket(
            id=ticket_id,
            title=title,
            description=description,
            category=category or suggestion.category,
            priority=priority or suggestion.priority,
            requester_name=requester_name or None,
            requester_email=requester_email or None,
            assignee=owner,
            portal_salt=salt,
            portal_key_hash=key_hash(portal_key(ticket_id, salt)),
        )
        if suggestion.provider != "default":
            ticket.ai_category = suggestion.category
            ticket.ai_priority = suggestion.priority
            ticket.ai_category_confidence = suggestion.category_confidence
            ticket.ai_priority_confidence = suggestion.priority_confidence
            ticket.ai_provider = suggestion.provider
            ticket.ai_language = suggestion.language
        ticket.save(force_insert=True)
        record_creation(ticket, actor=actor)
    return ticket


def _locked(ticket_id: int) -> Ticket:
    ticket_get(ticket_id=ticket_id)  # 404 for ids that cannot or do not exist
    return (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("assignee")
        .defer(*NOT_SHOWN)
        .get(pk=ticket_id)
    )


def _changed_fields(ticket: Ticket, data: dict[str, Any], actor: Actor) -> tuple[dict, dict]:
    """(column updates, event changes) for the fields of `data` that differ."""
    updates: dict[str, Any] = {}
    changes: dict[str, list] = {}
    for field, value in data.items():
        if field not in UPDATABLE_FIELDS:
            raise ValueError(f"Not updatable: {field}")
        if field == "assignee":
            owner = _active_agent(value) if value is not None else None
            if ticket.assignee_id != (owner.pk if owner else None):
                changes["assignee"] = [assignee_json(ticket.assignee), assignee_json(owner)]
                updates["assignee"] = owner
            continue
        if getattr(ticket, field) != value:
            changes[field] = [getattr(ticket, field), value]
            updates[field] = value
    if actor.type == ActorType.AGENT:
        # An agent's label is the final word on the AI's suggestion (CONTRACT §12).
        for label in ("category", "priority"):
            suggested = getattr(ticket, f"ai_{label}")
            if label in updates and suggested is not None:
                updates[f"ai_{label}_overridden"] = updates[label] != suggested
    if "status" in updates:
        old, new = changes["status"]
        if old in WORKING and new in DONE:
            updates["resolved_at"] = timezone.now()
        elif new in WORKING:
            updates["resolved_at"] = None
    return updates, changes


def ticket_update(
    *, ticket_id: int, data: dict[str, Any], actor: Actor, expected_version: int | None = None
) -> Ticket:
    """Change any of UPDATABLE_FIELDS (`assignee` is an active agent's id, or None).

    With `expected_version` (from If-Match), a ticket that changed meanwhile is refused
    with PreconditionFailed and nothing is written. A change to the same values writes
    nothing and keeps the version.
    """
    with transaction.atomic():
        ticket = _locked(ticket_id)
        if expected_version is not None and ticket.version != expected_version:
            raise PreconditionFailed(
                f"The ticket changed since version {expected_version}; it is at version "
                f"{ticket.version}. Reload it and apply your change again."
            )
        updates, changes = _changed_fields(ticket, data, actor)
        if not changes:
            return ticket
        for field, value in updates.items():
            setattr(ticket, field, value)
        record_change(ticket, actor=actor, kind=EventKind.UPDATED, changes=changes, updates=updates)
    return ticket


def _comment_words(body: str) -> RawSQL:
    """The ticket's comment words with this comment's added (searched like the text)."""
    return RawSQL(
        "coalesce(comment_document, ''::tsvector)"
        " || to_tsvector('english', %s) || to_tsvector('simple', %s)",
        [body, body],
    )


def comment_create(*, ticket_id: int, body: str, visibility: str, actor: Actor) -> Comment:
    """An agent's public reply or internal note; the first public reply is the ticket's
    first response."""
    with transaction.atomic():
        ticket = _locked(ticket_id)
        comment = Comment.objects.create(
            ticket=ticket,
            body=body,
            visibility=visibility,
            author_type=actor.type,
            author=actor.user,
            author_name=actor.name,
        )
        updates: dict[str, Any] = {"comment_document": _comment_words(body)}
        if (
            actor.type == ActorType.AGENT
            and visibility == Visibility.PUBLIC
            and ticket.first_response_at is None
        ):
            updates["first_response_at"] = ticket.first_response_at = comment.created_at
        record_change(
            ticket,
            actor=actor,
            kind=EventKind.COMMENTED,
            changes={},
            updates=updates,
            comment=comment,
        )
    return comment


def ticket_for_portal(*, key: str) -> Ticket:
    """The ticket a portal key opens; NotFoundError for anything else, with nothing learned
    (whether the id exists is never part of the lookup)."""
    ticket = None
    if looks_like_a_key(key):
        ticket = Ticket.objects.defer(*NOT_SHOWN).filter(portal_key_hash=key_hash(key)).first()
    # A key made with an earlier SECRET_KEY still matches its stored hash: it must also be
    # the key the current secret gives, or rotating the secret would not end the links.
    if ticket is not None and not hmac.compare_digest(
        portal_key(ticket.pk, ticket.portal_salt), key
    ):
        ticket = None
    if ticket is None:
        raise NotFoundError("No ticket has this link. Ask the support team for a new one.")
    return ticket


def portal_reply(*, key: str, body: str) -> Comment:
    """The requester's reply from the portal. A resolved ticket is reopened by it (one
    event holds both); a closed ticket takes no more replies (ConflictError)."""
    found = ticket_for_portal(key=key)
    with transaction.atomic():
        ticket = _locked(found.pk)
        if ticket.status == Status.CLOSED:
            raise ConflictError(
                "This ticket is closed and takes no more replies. Please submit a new ticket."
            )
        actor = Actor.requester(ticket.requester_name)
        comment = Comment.objects.create(
            ticket=ticket,
            body=body,
            visibility=Visibility.PUBLIC,
            author_type=actor.type,
            author_name=actor.name,
        )
        updates: dict[str, Any] = {"comment_document": _comment_words(body)}
        changes: dict[str, list] = {}
        if ticket.status == Status.RESOLVED:
            changes["status"] = [Status.RESOLVED.value, Status.OPEN.value]
            updates["status"] = ticket.status = Status.OPEN
            updates["resolved_at"] = ticket.resolved_at = None
        record_change(
            ticket,
            actor=actor,
            kind=EventKind.COMMENTED,
            changes=changes,
            updates=updates,
            comment=comment,
        )
    return comment


def portal_link_rotate(*, ticket_id: int, actor: Actor) -> Ticket:
    """A new portal link for the ticket; the old one stops working at once."""
    with transaction.atomic():
        ticket = _locked(ticket_id)
        salt = new_salt()
        ticket.portal_salt = salt
        updates = {"portal_salt": salt, "portal_key_hash": key_hash(portal_key(ticket.pk, salt))}
        record_change(
            ticket,
            actor=actor,
            kind=EventKind.UPDATED,
            changes={"portal_link": ["previous link", "new link"]},
            updates=updates,
        )
    return ticket


def tickets_unassign(*, user: User, actor: Actor) -> int:
    """Unassign the user's open and in-progress tickets, one event each (deactivation)."""
    ticket_ids = list(
        Ticket.objects.filter(assignee=user, status__in=WORKING).values_list("pk", flat=True)
    )
    for ticket_id in ticket_ids:
        ticket_update(ticket_id=ticket_id, data={"assignee": None}, actor=actor)
    return len(ticket_ids)
