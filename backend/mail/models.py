"""E-mails the product sends, one row each: what was due, to whom, and whether it went.

The row is written with the job that sends it, in the transaction of the fan-out; the
job marks it sent in the transaction that follows the SMTP server's acceptance. So a
retried job never sends a message twice, except when a worker dies between the server's
acceptance and that commit (then the copy carries the same Message-ID).
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from tickets.models import Ticket, TicketEvent


class EmailKind(models.TextChoices):
    RECEIVED = "received", "Request received (to the requester)"
    REPLY = "reply", "Agent's reply (to the requester)"
    RESOLVED = "resolved", "Request resolved (to the requester)"
    ASSIGNED = "assigned", "Ticket assigned (to the assignee)"
    REQUESTER_REPLY = "requester_reply", "Requester's reply (to the assignee)"


class EmailStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Skipped"


class OutgoingEmail(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="+", db_index=False)
    event = models.ForeignKey(TicketEvent, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=EmailKind.choices)
    to = models.EmailField()
    to_name = models.CharField(max_length=200, blank=True)
    # <...@domain>: the same on every attempt, so a rare duplicate is recognisable.
    message_id = models.CharField(max_length=255)
    status = models.CharField(
        max_length=16, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="email_ticket_idx"),
            # The per-address cap on submission e-mails looks back one hour.
            models.Index(Lower("to"), "kind", "created_at", name="email_recipient_recent_idx"),
            models.Index(fields=["created_at"], name="email_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["event", "kind", "to"], name="email_once_per_event"),
            models.CheckConstraint(
                condition=models.Q(kind__in=EmailKind.values), name="email_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=EmailStatus.values), name="email_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for #{self.ticket_id} to {self.to}: {self.status}"
