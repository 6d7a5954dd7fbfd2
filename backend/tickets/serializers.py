from datetime import UTC, datetime

from rest_framework import serializers

from core.serializers import RejectUnknownFieldsMixin, StrictCharField, StrictChoiceField

from .models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, Category, Priority, Status, Ticket

OUTPUT_ONLY_FIELDS = ("id", "created_at", "updated_at", "ai_suggestion")


class AiSuggestionSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices)
    priority = serializers.ChoiceField(choices=Priority.choices)
    category_confidence = serializers.FloatField(min_value=0, max_value=1)
    priority_confidence = serializers.FloatField(min_value=0, max_value=1)
    provider = serializers.CharField()


class TicketSerializer(serializers.ModelSerializer):
    """A ticket as the API shows it.

    The fields document the shape (OpenAPI); `to_representation` builds the same dict
    directly, because DRF's field-by-field rendering was most of a list page's time.
    """

    ai_suggestion = AiSuggestionSerializer(
        read_only=True,
        allow_null=True,
        help_text="What the AI suggested for the submitted text; null when none was made.",
    )

    class Meta:
        model = Ticket
        fields = [
            "id",
            "title",
            "description",
            "category",
            "priority",
            "status",
            "created_at",
            "updated_at",
            "ai_suggestion",
        ]
        read_only_fields = fields

    def to_representation(self, ticket: Ticket) -> dict:
        return {
            "id": ticket.id,
            "title": ticket.title,
            "description": ticket.description,
            "category": ticket.category,
            "priority": ticket.priority,
            "status": ticket.status,
            "created_at": _iso_utc(ticket.created_at),
            "updated_at": _iso_utc(ticket.updated_at),
            "ai_suggestion": ticket.ai_suggestion,
        }


def _iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, as DRF's DateTimeField renders it with USE_TZ."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _title(**kwargs):
    return StrictCharField(max_length=TITLE_MAX_LENGTH, **kwargs)


def _description(**kwargs):
    return StrictCharField(max_length=DESCRIPTION_MAX_LENGTH, allow_newlines=True, **kwargs)


class TicketCreateSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    read_only_fields = (*OUTPUT_ONLY_FIELDS, "status")

    title = _title()
    description = _description()
    category = StrictChoiceField(
        choices=Category.choices,
        required=False,
        help_text="Left out: the AI's suggestion is used.",
    )
    priority = StrictChoiceField(
        choices=Priority.choices,
        required=False,
        help_text="Left out: the AI's suggestion is used.",
    )


class TicketUpdateSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    read_only_fields = OUTPUT_ONLY_FIELDS

    title = _title(required=False)
    description = _description(required=False)
    category = StrictChoiceField(choices=Category.choices, required=False)
    priority = StrictChoiceField(choices=Priority.choices, required=False)
    status = StrictChoiceField(choices=Status.choices, required=False)


class ClassifyRequestSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    title = _title(required=False, allow_blank=True, default="")
    description = _description()


class ClassifyQuerySerializer(serializers.Serializer):
    instant = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Answer at once: the cached answer of the configured LLM if any, else the "
        "local model's, with `pending: true` while the LLM's answer is computed in the "
        "background (ask again shortly). Without it the LLM is awaited within the time budget.",
    )


class ClassifyResponseSerializer(serializers.Serializer):
    suggested_category = serializers.ChoiceField(choices=Category.choices)
    suggested_priority = serializers.ChoiceField(choices=Priority.choices)
    category_confidence = serializers.FloatField(min_value=0, max_value=1)
    priority_confidence = serializers.FloatField(min_value=0, max_value=1)
    confidence_band = serializers.ChoiceField(choices=["high", "medium", "low"])
    provider = serializers.ChoiceField(
        choices=["openai", "anthropic", "openai-compatible", "local", "default"],
        help_text="Who answered; 'default' means every classifier failed.",
    )
    pending = serializers.BooleanField(
        help_text="Only with `instant`: true when a better answer (the configured LLM's) is "
        "being computed; ask again shortly to get it."
    )


class _PriorityBreakdownSerializer(serializers.Serializer):
    low = serializers.IntegerField(min_value=0)
    medium = serializers.IntegerField(min_value=0)
    high = serializers.IntegerField(min_value=0)
    critical = serializers.IntegerField(min_value=0)


class _CategoryBreakdownSerializer(serializers.Serializer):
    billing = serializers.IntegerField(min_value=0)
    technical = serializers.IntegerField(min_value=0)
    account = serializers.IntegerField(min_value=0)
    general = serializers.IntegerField(min_value=0)


class _AiStatsSerializer(serializers.Serializer):
    suggested = serializers.IntegerField(
        min_value=0, help_text="Tickets that have an AI suggestion."
    )
    category_kept = serializers.FloatField(
        min_value=0,
        max_value=1,
        allow_null=True,
        help_text="Share of those whose category is still the suggested one; null when none.",
    )
    priority_kept = serializers.FloatField(
        min_value=0,
        max_value=1,
        allow_null=True,
        help_text="Share of those whose priority is still the suggested one; null when none.",
    )


class StatsSerializer(serializers.Serializer):
    """Documentation of GET /api/tickets/stats/."""

    total_tickets = serializers.IntegerField(min_value=0)
    open_tickets = serializers.IntegerField(min_value=0)
    avg_tickets_per_day = serializers.FloatField(
        min_value=0,
        help_text="Tickets per UTC calendar day from the first ticket's day to today, both "
        "counted; one decimal; 0 without tickets.",
    )
    priority_breakdown = _PriorityBreakdownSerializer()
    category_breakdown = _CategoryBreakdownSerializer()
    ai = _AiStatsSerializer()
