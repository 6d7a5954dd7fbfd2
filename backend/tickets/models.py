"""Tickets, their conversation (comments) and their audit trail (events).

Changes go through tickets/services.py, which writes one event per change and bumps the
ticket's version in the same transaction; nothing here has behaviour of its own.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 10_000
REQUESTER_NAME_MAX_LENGTH = 200
COMMENT_MAX_LENGTH = 10_000
ACTOR_NAME_MAX_LENGTH = 200


class Category(models.TextChoices):
    BILLING = "billing", "Billing"
    TECHNICAL = "technical", "Technical"
    ACCOUNT = "account", "Account"
    GENERAL = "general", "General"


class Priority(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


# Priorities most urgent first, for sorting (the `priority_rank` column).
PRIORITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


class Ticket(models.Model):
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    description = models.TextField(max_length=DESCRIPTION_MAX_LENGTH)
    category = models.CharField(max_length=16, choices=Category.choices)
    priority = models.CharField(max_length=16, choices=Priority.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Who asked (optional in the API, asked for on the public form).
    requester_name = models.CharField(max_length=REQUESTER_NAME_MAX_LENGTH, null=True, blank=True)
    requester_email = models.EmailField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_tickets",
        db_index=False,  # ticket_assignee_newest_idx starts with it
    )
    # One more with every event of the ticket (CONTRACT §9): the ETag, for If-Match.
    version = models.PositiveIntegerField(default=1, db_default=1)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # The requester portal's key is derived from SECRET_KEY and this salt and never stored;
    # its SHA-256 finds the ticket (tickets/portal.py).
    portal_salt = models.CharField(max_length=32)
    portal_key_hash = models.CharField(max_length=64)

    # What the AI suggested for the submitted text (all null when no suggestion was made).
    ai_category = models.CharField(max_length=16, choices=Category.choices, null=True, blank=True)
    ai_priority = models.CharField(max_length=16, choices=Priority.choices, null=True, blank=True)
    ai_category_confidence = models.FloatField(null=True, blank=True)
    ai_priority_confidence = models.FloatField(null=True, blank=True)
    ai_provider = models.CharField(max_length=32, null=True, blank=True)
    ai_language = models.CharField(max_length=8, null=True, blank=True)
    # An agent changed the label away from the suggestion (CONTRACT §12: a correction). A
    # label the submitter chose is not an override; an agent changing it back clears it.
    ai_category_overridden = models.BooleanField(default=False, db_default=False)
    ai_priority_overridden = models.BooleanField(default=False, db_default=False)

    # Kept by a database trigger (migration 0004): 0 for critical to 3 for low.
    priority_rank = models.SmallIntegerField(null=True, editable=False)
    # Kept by the same trigger: the words of the title and description in two
    # configurations, 'english' (by stem: "charges" finds "charged") and 'simple' (as
    # written, so a half-typed word matches by prefix: "billi" finds "billing"), plus
    # comment_document, the words of the ticket's comments (tickets/services.py).
    search_document = SearchVectorField(null=True, editable=False)
    comment_document = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="ticket_newest_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="ticket_status_newest_idx"),
            models.Index(
                fields=["priority_rank", "-created_at", "-id"], name="ticket_urgent_newest_idx"
            ),
            models.Index(
                fields=["status", "priority_rank", "-created_at", "-id"],
                name="ticket_status_urgent_idx",
            ),
            models.Index(
                fields=["assignee", "-created_at", "-id"], name="ticket_assignee_newest_idx"
            ),
            # Resolved per day on the dashboard: only resolved and closed tickets have one.
            models.Index(
                fields=["resolved_at"],
                name="ticket_resolved_at_idx",
                condition=models.Q(resolved_at__isnull=False),
            ),
            # The dashboard's last 30 days (created per day, median response and resolution
            # times) read from the index alone: an index-only scan, no visit to each ticket.
            models.Index(
                fields=["created_at"],
                include=["first_response_at", "resolved_at"],
                name="ticket_created_times_idx",
            ),
            models.Index(
                fields=["category", "-created_at", "-id"], name="ticket_category_newest_idx"
            ),
            models.Index(
                fields=["priority", "-created_at", "-id"], name="ticket_priority_newest_idx"
            ),
            GinIndex(fields=["search_document"], name="ticket_search_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=Category.values), name="ticket_category_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(priority__in=Priority.values), name="ticket_priority_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="ticket_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(ai_category__isnull=True)
                | models.Q(ai_category__in=Category.values),
                name="ticket_ai_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ai_priority__isnull=True)
                | models.Q(ai_priority__in=Priority.values),
                name="ticket_ai_priority_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(title__regex=r"^\s*$"), name="ticket_title_not_blank"
            ),
            models.CheckConstraint(
                condition=~models.Q(description__regex=r"^\s*$"),
                name="ticket_description_not_blank",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), DESCRIPTION_MAX_LENGTH),
                name="ticket_description_max_length",
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="ticket_version_valid"),
            # A constraint rather than unique=True: no second, pattern-matching index.
            models.UniqueConstraint(fields=["portal_key_hash"], name="ticket_portal_key_unique"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def ai_suggestion(self) -> dict | None:
        if self.ai_category is None:
            return None
        return {
            "category": self.ai_category,
            "priority": self.ai_priority,
            "category_confidence": self.ai_category_confidence,
            "priority_confidence": self.ai_priority_confidence,
            "provider": self.ai_provider,
            "language": self.ai_language,
        }


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public reply"
    INTERNAL = "internal", "Internal note"


class ActorType(models.TextChoices):
    AGENT = "agent", "Agent"
    REQUESTER = "requester", "Requester"
    AI = "ai", "AI"
    SYSTEM = "system", "System"


class EventKind(models.TextChoices):
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    COMMENTED = "commented", "Commented"
    AI_SUGGESTED = "ai_suggested", "AI suggested"


class Comment(models.Model):
    """A public reply (the requester sees it) or an internal note; never edited or deleted."""

    ticket = models.ForeignKey(
        Ticket, on_delete=models.PROTECT, related_name="comments", db_index=False
    )
    body = models.TextField(max_length=COMMENT_MAX_LENGTH)
    visibility = models.CharField(max_length=16, choices=Visibility.choices)
    author_type = models.CharField(
        max_length=16,
        choices=[(ActorType.AGENT, "Agent"), (ActorType.REQUESTER, "Requester")],
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The name at the time of writing: it stays when the agent is renamed or deactivated.
    author_name = models.CharField(max_length=ACTOR_NAME_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at", "id"], name="comment_ticket_oldest_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values),
                name="comment_visibility_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(body__regex=r"^\s*$"), name="comment_body_not_blank"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), COMMENT_MAX_LENGTH),
                name="comment_body_max_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_visibility_display()} on #{self.ticket_id} by {self.author_name}"


class TicketEvent(models.Model):
    """One change of a ticket (CONTRACT §9): who, when, what changed from what to what."""

    ticket = models.ForeignKey(
        Ticket, on_delete=models.PROTECT, related_name="events", db_index=False
    )
    # The ticket's version after this change.
    version = models.PositiveIntegerField()
    at = models.DateTimeField(default=timezone.now)
    actor_type = models.CharField(max_length=16, choices=ActorType.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=ACTOR_NAME_MAX_LENGTH)
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    # {"field": [old, new], ...}; assignee values are {"id", "name"} or null.
    changes = models.JSONField(default=dict)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["ticket", "id"], name="event_ticket_oldest_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(actor_type__in=ActorType.values), name="event_actor_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=EventKind.values), name="event_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} v{self.version} {self.kind} by {self.actor_name}"
