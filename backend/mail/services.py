"""Planning and sending e-mails (CONTRACT §11). Sending happens in jobs only."""

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.roles import display_name
from jobs.defer import defer
from tickets.models import TicketEvent

from .compose import compose, new_message_id
from .models import EmailKind, EmailStatus, OutgoingEmail
from .planning import Due, due_emails

logger = logging.getLogger(__name__)

# The open form may send its confirmation to any address: at most this many per address
# per hour, so that it cannot be used to flood someone's mailbox.
RECEIVED_PER_ADDRESS_PER_HOUR = 3


class EmailNotSent(Exception):
    """The SMTP server refused or could not be reached; the job retries later."""


def _recipient(due: Due) -> tuple[str, str] | None:
    """(address, name) of a due e-mail, or None when an agent has no address (or left)."""
    if due.address:
        return due.address, ""
    if due.agent_id is None:
        return None
    agent = User.objects.filter(pk=due.agent_id, is_active=True).first()
    if agent is None or not agent.email:
        return None
    return agent.email, display_name(agent)


def _over_the_cap(address: str) -> bool:
    """Whether `address` already had its submission e-mails of the hour. Holds a lock on
    the address until the transaction ends, so that concurrent submissions count in turn."""
    key = address.lower()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 7411))", [key])
    recent = (
        OutgoingEmail.objects.annotate(address=Lower("to"))
        .filter(
            address=key,
            kind=EmailKind.RECEIVED,
            status__in=(EmailStatus.PENDING, EmailStatus.SENT),
            created_at__gt=timezone.now() - timedelta(hours=1),
        )
        .count()
    )
    return recent >= RECEIVED_PER_ADDRESS_PER_HOUR


def emails_plan(*, event: TicketEvent, ticket: dict[str, Any]) -> list[OutgoingEmail]:
    """Record the e-mails `event` calls for and defer a job to send each, in the caller's
    transaction. A second call for the same event adds nothing."""
    from . import tasks

    planned = []
    assignee = ticket.get("assignee") or {}
    requester = (ticket.get("requester") or {}).get("email")
    for due in due_emails(event, requester=requester, assignee_id=assignee.get("id")):
        recipient = _recipient(due)
        if recipient is None:
            continue
        address, name = recipient
        if OutgoingEmail.objects.filter(event=event, kind=due.kind, to=address).exists():
            continue
        status = EmailStatus.PENDING
        if due.kind == EmailKind.RECEIVED and _over_the_cap(address):
            status = EmailStatus.SKIPPED
            logger.warning(
                "Submission e-mail for ticket #%s skipped: its address already had %s "
                "within the hour.",
                event.ticket_id,
                RECEIVED_PER_ADDRESS_PER_HOUR,
            )
        email = OutgoingEmail.objects.create(
            ticket_id=event.ticket_id,
            event=event,
            kind=due.kind,
            to=address,
            to_name=name,
            message_id=new_message_id(event.ticket_id, due.kind, event.pk),
            status=status,
        )
        if status == EmailStatus.PENDING:
            defer(tasks.send_email, email_id=email.pk)
        planned.append(email)
    return planned


def email_send(*, email_id: int) -> OutgoingEmail | None:
    """Send a pending e-mail and record it as sent; nothing if it was sent (or skipped)
    already. EmailNotSent when the server did not take it: the job tries again."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(of=("self",))
            .select_related("ticket", "event__comment")
            .filter(pk=email_id)
            .first()
        )
        if email is None or email.status != EmailStatus.PENDING:
            return email
        if not settings.EMAIL_ENABLED:
            email.status = EmailStatus.SKIPPED
            email.last_error = "E-mail is off (EMAIL_URL is not set)."
            email.save(update_fields=["status", "last_error"])
            return email
        try:
            compose(email).send()
        except Exception as error:  # any failure of the SMTP exchange is retried
            failure = error
        else:
            email.status = EmailStatus.SENT
            email.sent_at = timezone.now()
            email.attempts += 1
            email.save(update_fields=["status", "sent_at", "attempts"])
            return email
    OutgoingEmail.objects.filter(pk=email_id).update(
        attempts=F("attempts") + 1, last_error=f"{type(failure).__name__}: {failure}"[:1000]
    )
    raise EmailNotSent(f"E-mail {email_id} was not sent: {failure}") from failure


def emails_prune(*, older_than: timedelta) -> int:
    """Delete the records of e-mails created before `older_than` ago; how many."""
    deleted, _ = OutgoingEmail.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
