"""Webhook endpoints (admins add them) and the deliveries of events to them."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from tickets.models import TicketEvent

URL_MAX_LENGTH = 2000
DESCRIPTION_MAX_LENGTH = 200


class WebhookEvent(models.TextChoices):
    TICKET_CREATED = "ticket.created", "A ticket was created"
    TICKET_UPDATED = "ticket.updated", "A ticket changed"
    COMMENT_CREATED = "comment.created", "A comment was added (replies and internal notes)"
    PING = "ping", "Test ping"


SUBSCRIBABLE = [e.value for e in WebhookEvent if e != WebhookEvent.PING]


class WebhookEndpoint(models.Model):
    url = models.URLField(max_length=URL_MAX_LENGTH)
    events = ArrayField(models.CharField(max_length=32, choices=WebhookEvent.choices))
    description = models.CharField(max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    # Signs every delivery, so it is kept as it is (shown once, when created).
    secret = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint, with every attempt's outcome. The body and the
    `webhook-id` are fixed when it is created: each retry sends the same bytes."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=32, choices=WebhookEvent.choices)
    # The ticket event it reports; null for pings.
    ticket_event = models.ForeignKey(
        TicketEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message_id = models.CharField(max_length=64, unique=True)
    payload = models.TextField()
    attempts = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # When the next attempt is due; null once delivered or given up.
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["endpoint", "-created_at", "-id"], name="delivery_endpoint_newest_idx"
            ),
            models.Index(fields=["created_at"], name="delivery_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "ticket_event", "event"], name="delivery_once_per_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint_id} ({self.message_id})"
