from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 10_000


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


def _search_document():
    # Both configurations: 'english' finds words by stem ("charges" finds "charged"),
    # 'simple' keeps each word as written so a half-typed word still matches by prefix
    # ("billi" finds "billing", whose English stem is "bill").
    return SearchVector("title", "description", config="english") + SearchVector(
        "title", "description", config="simple"
    )


class Ticket(models.Model):
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    description = models.TextField(max_length=DESCRIPTION_MAX_LENGTH)
    category = models.CharField(max_length=16, choices=Category.choices)
    priority = models.CharField(max_length=16, choices=Priority.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What the AI suggested for the submitted text (all null when no suggestion was made).
    ai_category = models.CharField(max_length=16, choices=Category.choices, null=True, blank=True)
    ai_priority = models.CharField(max_length=16, choices=Priority.choices, null=True, blank=True)
    ai_category_confidence = models.FloatField(null=True, blank=True)
    ai_priority_confidence = models.FloatField(null=True, blank=True)
    ai_provider = models.CharField(max_length=32, null=True, blank=True)

    search_document = models.GeneratedField(
        expression=_search_document(),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="ticket_newest_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="ticket_status_newest_idx"),
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
        }
