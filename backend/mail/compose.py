"""An OutgoingEmail as a message: subject, plain text and HTML from templates, headers.

Every message to a requester carries the portal link and asks them to answer there; every
message to an agent links to the ticket's page. The submission e-mail carries none of the
requester's own words (title, description, name): anyone can submit the open form with
any address, and it must not become a way to send text of one's choosing to strangers.
Messages of one ticket form one thread: the submission e-mail's Message-ID is the
ticket's (`<ticket-123@domain>`), and every later one points at it.
"""

from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from tickets.portal import portal_url

from .models import EmailKind, OutgoingEmail

TO_REQUESTER = {EmailKind.RECEIVED, EmailKind.REPLY, EmailKind.RESOLVED}
SUBJECTS = {
    EmailKind.RECEIVED: "[#{id}] We received your request",
    EmailKind.REPLY: "Re: [#{id}] {title}",
    EmailKind.RESOLVED: "[#{id}] Resolved: {title}",
    EmailKind.ASSIGNED: "[#{id}] Assigned to you: {title}",
    EmailKind.REQUESTER_REPLY: "[#{id}] The requester replied: {title}",
}


def message_domain() -> str:
    """The right-hand side of our Message-IDs: the site's host, else the sender's domain."""
    host = urlsplit(settings.PUBLIC_BASE_URL).hostname
    return host or parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"


def thread_id(ticket_id: int) -> str:
    return f"<ticket-{ticket_id}@{message_domain()}>"


def new_message_id(ticket_id: int, kind: EmailKind, event_id: int) -> str:
    if kind == EmailKind.RECEIVED:
        return thread_id(ticket_id)
    return f"<ticket-{ticket_id}.{event_id}.{kind.value}@{message_domain()}>"


def ticket_page_url(ticket_id: int) -> str:
    return f"{settings.PUBLIC_BASE_URL}/tickets/{ticket_id}"


def compose(email: OutgoingEmail) -> EmailMultiAlternatives:
    ticket = email.ticket
    kind = EmailKind(email.kind)
    comment = email.event.comment
    context: dict[str, Any] = {
        "ticket_id": ticket.pk,
        "title": ticket.title,
        "status": ticket.get_status_display(),
        "recipient_name": email.to_name,
        "portal_url": portal_url(ticket.pk, ticket.portal_salt),
        "ticket_url": ticket_page_url(ticket.pk),
        "comment_body": comment.body if comment else "",
        "comment_author": comment.author_name if comment else "",
        "actor_name": email.event.actor_name,
    }
    headers = {"Message-ID": email.message_id}
    root = thread_id(ticket.pk)
    if email.message_id != root:
        headers |= {"In-Reply-To": root, "References": root}
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind].format(id=ticket.pk, title=ticket.title),
        body=render_to_string(f"mail/{kind.value}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[settings.EMAIL_REPLY_TO] if settings.EMAIL_REPLY_TO else None,
        headers=headers,
    )
    message.attach_alternative(render_to_string(f"mail/{kind.value}.html", context), "text/html")
    return message
