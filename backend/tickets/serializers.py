"""Shapes of the ticket API: what comes in (validated strictly) and what goes out."""

from datetime import UTC, datetime

from rest_framework import serializers

from core.serializers import (
    QueryFlagField,
    RejectUnknownFieldsMixin,
    StrictCharField,
    StrictChoiceField,
    StrictEmailField,
    StrictIntegerField,
)

from .events import assignee_json
from .models import (
    DESCRIPTION_MAX_LENGTH,
    REQUESTER_NAME_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Category,
    Priority,
    Status,
    Ticket,
)
from .portal import portal_url
from .search import SEARCH_MAX_LENGTH
from .selectors import ORDERINGS, TicketListQuery
from .stats import time_zone

OUTPUT_ONLY_FIELDS = (
    "id",
    "created_at",
    "updated_at",
    "ai_suggestion",
    "requester",
    "version",
    "first_response_at",
    "resolved_at",
    "portal_url",
)


class AiSuggestionSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices)
    priority = serializers.ChoiceField(choices=Priority.choices)
    category_confidence = serializers.FloatField(min_value=0, max_value=1)
    priority_confidence = serializers.FloatField(min_value=0, max_value=1)
    provider = serializers.CharField()
    language = serializers.CharField(
        allow_null=True, help_text="ISO 639-1 code of the ticket's language; null if unknown."
    )


class RequesterSerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True)
    email = serializers.EmailField(allow_null=True)


class AssigneeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PublicTicketSerializer(serializers.Serializer):
    """A ticket as its anonymous submitter gets it back: CONTRACT §2's fields, the
    requester and the private portal link, nothing else."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    category = serializers.ChoiceField(choices=Category.choices)
    priority = serializers.ChoiceField(choices=Priority.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    ai_suggestion = AiSuggestionSerializer(
        allow_null=True,
        help_text="What the AI suggested for the submitted text; null when none was made.",
    )
    requester = RequesterSerializer()
    portal_url = serializers.CharField(
        help_text="The requester's private page: status, public replies and a reply box."
    )

    def to_representation(self, ticket: Ticket) -> dict:
        return {
            "id": ticket.id,
            "title": ticket.title,
            "description": ticket.description,
            "category": ticket.category,
            "priority": ticket.priority,
            "status": ticket.status,
            "created_at": iso_utc(ticket.created_at),
            "updated_at": iso_utc(ticket.updated_at),
            "ai_suggestion": ticket.ai_suggestion,
            "requester": {"name": ticket.requester_name, "email": ticket.requester_email},
            "portal_url": portal_url(ticket.id, ticket.portal_salt),
        }


class TicketSerializer(PublicTicketSerializer):
    """A ticket as agents see it.

    The fields document the shape (OpenAPI); `to_representation` builds the same dict
    directly, because DRF's field-by-field rendering was most of a list page's time.
    """

    assignee = AssigneeSerializer(allow_null=True)
    version = serializers.IntegerField(
        min_value=1, help_text="Grows by one with every event of the ticket; its ETag."
    )
    first_response_at = serializers.DateTimeField(
        allow_null=True, help_text="When an agent first replied publicly."
    )
    resolved_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When the ticket was resolved or closed; cleared when it is reopened.",
    )

    def to_representation(self, ticket: Ticket) -> dict:
        body = super().to_representation(ticket)
        body["assignee"] = assignee_json(ticket.assignee)
        body["version"] = ticket.version
        body["first_response_at"] = iso_utc(ticket.first_response_at)
        body["resolved_at"] = iso_utc(ticket.resolved_at)
        return body


def iso_utc(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, as DRF's DateTimeField renders it with USE_TZ."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _title(**kwargs):
    return StrictCharField(max_length=TITLE_MAX_LENGTH, **kwargs)


def _description(**kwargs):
    return StrictCharField(max_length=DESCRIPTION_MAX_LENGTH, allow_newlines=True, **kwargs)


class TicketCreateSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """A submission. `assignee` only from agents: the view drops the field for anonymous
    callers, so that it is refused like any unknown field (CONTRACT §9)."""

    read_only_fields = (*OUTPUT_ONLY_FIELDS, "status")

    title = _title()
    description = _description()
    requester_name = StrictCharField(
        max_length=REQUESTER_NAME_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Who is asking; shown to agents.",
    )
    requester_email = StrictEmailField(
        required=False,
        allow_blank=True,
        help_text="Where the requester gets replies (e-mails carry the portal link).",
    )
    assignee = StrictIntegerField(
        required=False, allow_null=True, help_text="An active agent's id (agents only)."
    )
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
    read_only_fields = (*OUTPUT_ONLY_FIELDS, "requester_name", "requester_email")

    title = _title(required=False)
    description = _description(required=False)
    category = StrictChoiceField(choices=Category.choices, required=False)
    priority = StrictChoiceField(choices=Priority.choices, required=False)
    status = StrictChoiceField(choices=Status.choices, required=False)
    assignee = StrictIntegerField(
        required=False, allow_null=True, help_text="An active agent's id, or null for nobody."
    )


ASSIGNEE_FILTER = r"^(me|none|[0-9]{1,18})$"


class TicketListQuerySerializer(serializers.Serializer):
    """The list's query string; an empty value means no filter (CONTRACT §3, §9)."""

    category = serializers.ChoiceField(
        choices=Category.choices, required=False, allow_blank=True, help_text="Only this category."
    )
    priority = serializers.ChoiceField(
        choices=Priority.choices, required=False, allow_blank=True, help_text="Only this priority."
    )
    status = serializers.ChoiceField(
        choices=Status.choices, required=False, allow_blank=True, help_text="Only this status."
    )
    assignee = serializers.RegexField(
        ASSIGNEE_FILTER,
        required=False,
        allow_blank=True,
        help_text="`me`, `none` (unassigned) or an agent's id.",
        error_messages={"invalid": "Must be me, none or an agent's id."},
    )
    created_from = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Created on or after this day (in `tz`, default UTC).",
    )
    created_to = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Created on or before this day (in `tz`, default UTC).",
    )
    ai_overridden = serializers.ChoiceField(
        choices=["category", "priority", "any"],
        required=False,
        allow_blank=True,
        help_text="Tickets whose category, priority or either differs from the AI's suggestion.",
    )
    tz = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="IANA time zone whose calendar days created_from and created_to name, "
        "e.g. Europe/Berlin; default UTC.",
    )
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=SEARCH_MAX_LENGTH,
        trim_whitespace=False,
        help_text="Words that must all appear in the title, description or comments, each "
        "matched as a prefix of a word as typed or by its English stem; a ticket number "
        "(`123` or `#123`) puts that ticket first.",
    )
    sort = serializers.ChoiceField(
        choices=list(ORDERINGS),
        required=False,
        allow_blank=True,
        help_text="newest (default), oldest, or priority (critical first, then newest).",
    )

    def to_internal_value(self, data):
        # Empty dates mean no filter, like every other empty value.
        data = {key: value for key, value in data.items() if key in self.fields}
        for name in ("created_from", "created_to"):
            if data.get(name) == "":
                data[name] = None
        return super().to_internal_value(data)

    def query(self) -> TicketListQuery:
        values = {key: value for key, value in self.validated_data.items() if value is not None}
        values["zone"] = time_zone(values.pop("tz", None))
        return TicketListQuery(**values)


class ClassifyRequestSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    title = _title(required=False, allow_blank=True, default="")
    description = _description()


class ClassifyQuerySerializer(serializers.Serializer):
    instant = QueryFlagField(
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
        help_text="Share of those whose category no agent changed away from the suggestion "
        "(labels chosen by the submitter are not overrides); null when none.",
    )
    priority_kept = serializers.FloatField(
        min_value=0,
        max_value=1,
        allow_null=True,
        help_text="The same for the priority.",
    )


class _StatusBreakdownSerializer(serializers.Serializer):
    open = serializers.IntegerField(min_value=0)
    in_progress = serializers.IntegerField(min_value=0)
    resolved = serializers.IntegerField(min_value=0)
    closed = serializers.IntegerField(min_value=0)


class _DaySerializer(serializers.Serializer):
    date = serializers.DateField(help_text="A calendar day in the requested time zone.")
    created = serializers.IntegerField(min_value=0, help_text="Tickets created that day.")
    resolved = serializers.IntegerField(
        min_value=0, help_text="Tickets resolved or closed that day (by resolved_at)."
    )


class StatsQuerySerializer(serializers.Serializer):
    tz = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="IANA time zone for day boundaries, e.g. Europe/Berlin; default UTC.",
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
    status_breakdown = _StatusBreakdownSerializer()
    priority_breakdown = _PriorityBreakdownSerializer()
    category_breakdown = _CategoryBreakdownSerializer()
    ai = _AiStatsSerializer()
    tickets_per_day = _DaySerializer(
        many=True, help_text="The last 30 days, oldest first, ending today."
    )
    median_first_response_seconds = serializers.IntegerField(
        allow_null=True,
        help_text="Median time from creation to an agent's first public reply, over "
        "tickets created in the last 30 days that have one; null when none.",
    )
    median_resolution_seconds = serializers.IntegerField(
        allow_null=True,
        help_text="Median time from creation to resolution, over tickets created in the "
        "last 30 days that are resolved or closed; null when none.",
    )
