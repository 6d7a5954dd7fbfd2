"""Reads of tickets: the list, one ticket, and the statistics."""

import functools
from datetime import UTC, datetime

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound, ValidationError

from core.pagination import capped_count

from .counters import COUNTED_FIELDS, counted_tickets, counted_totals
from .filters import TicketFilter
from .models import Category, Priority, Ticket
from .search import search_words
from .search_plan import search_condition

# Largest id the database can hold; anything above cannot exist.
MAX_TICKET_ID = 2**63 - 1
# Columns no answer shows: the search vector is several times the size of the text.
NOT_SHOWN = ("search_document",)


class TicketListQuerySet(QuerySet):
    """Tickets of a list page; `page_count()` counts them without reading a million rows.

    Lists filtered only by status, priority and category are counted exactly from the
    counters (see counters.py). A search is counted exactly up to
    core.pagination.COUNT_EXACT_LIMIT matches and estimated beyond.
    """

    # Set by ticket_list when the counters can answer; lost on clone on purpose, since a
    # further filter would make them wrong.
    counted_filters: dict | None = None

    def page_count(self) -> tuple[int, bool]:
        """(number of tickets, whether it is an estimate)."""
        if self.counted_filters is not None:
            return counted_tickets(**self.counted_filters), False
        return capped_count(self)


@functools.cache
def _filter_form_class():
    """TicketFilter's form class, built once: a FilterSet deep-copies its filters each time."""
    return TicketFilter(queryset=Ticket.objects.none()).get_form_class()


def ticket_list(*, filters: dict | None = None) -> TicketListQuerySet:
    """Tickets matching `filters` (query-string values), newest first.

    TicketFilter validates the values; the search is shaped by search_plan (same meaning
    as TicketFilter's, faster SQL). Raises ValidationError naming the filter when a value
    is not allowed.
    """
    form = _filter_form_class()(filters or {})
    if not form.is_valid():
        raise ValidationError(form.errors)
    values = form.cleaned_data
    equal = {field: values[field] for field in COUNTED_FIELDS if values.get(field)}
    tickets = TicketListQuerySet(model=Ticket).defer(*NOT_SHOWN).filter(**equal)
    words = search_words(values.get("search") or "")
    if words:
        tickets = tickets.filter(search_condition(words))
    tickets = tickets.order_by("-created_at", "-id")
    if not words:
        tickets.counted_filters = equal
    return tickets


def ticket_get(*, ticket_id: int) -> Ticket:
    if ticket_id > MAX_TICKET_ID:
        raise NotFound("No ticket has this id.")
    try:
        return Ticket.objects.defer(*NOT_SHOWN).get(pk=ticket_id)
    except Ticket.DoesNotExist:
        raise NotFound("No ticket has this id.") from None


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def ticket_stats(*, today: datetime | None = None) -> dict:
    """Counts and breakdowns of all tickets, in one query that reads no ticket rows.

    The counters are kept exact by database triggers (migration 0002_ticket_counters).
    """
    return stats_from_counts(counted_totals(), today=today)


def stats_from_counts(row: dict, *, today: datetime | None = None) -> dict:
    total = row["total"]
    avg_per_day = 0.0
    if total:
        today_utc = (today or datetime.now(UTC)).astimezone(UTC).date()
        first_day = row["first_created_at"].astimezone(UTC).date()
        days = max(1, (today_utc - first_day).days + 1)
        avg_per_day = round(total / days, 1)
    suggested = row["ai_suggested"]
    return {
        "total_tickets": total,
        "open_tickets": row["open"],
        "avg_tickets_per_day": avg_per_day,
        "priority_breakdown": {p: row[f"priority_{p}"] for p in Priority.values},
        "category_breakdown": {c: row[f"category_{c}"] for c in Category.values},
        "ai": {
            "suggested": suggested,
            "category_kept": _share(row["ai_category_kept"], suggested),
            "priority_kept": _share(row["ai_priority_kept"], suggested),
        },
    }
