"""Reads of tickets: the list, one ticket, and the statistics."""

from datetime import UTC, datetime

from django.db.models import Count, F, Min, Q, QuerySet
from rest_framework.exceptions import NotFound, ValidationError

from .filters import TicketFilter
from .models import Category, Priority, Status, Ticket

# Largest id the database can hold; anything above cannot exist.
MAX_TICKET_ID = 2**63 - 1


def ticket_list(*, filters: dict | None = None) -> QuerySet[Ticket]:
    """Tickets matching `filters` (query-string values), newest first.

    Raises ValidationError naming the filter when a value is not allowed.
    """
    filter_set = TicketFilter(filters or {}, queryset=Ticket.objects.all())
    if not filter_set.is_valid():
        raise ValidationError(filter_set.errors)
    return filter_set.qs.order_by("-created_at", "-id")


def ticket_get(*, ticket_id: int) -> Ticket:
    if ticket_id > MAX_TICKET_ID:
        raise NotFound("No ticket has this id.")
    try:
        return Ticket.objects.get(pk=ticket_id)
    except Ticket.DoesNotExist:
        raise NotFound("No ticket has this id.") from None


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def ticket_stats(*, today: datetime | None = None) -> dict:
    """Counts and breakdowns of all tickets, computed by the database in one query."""
    aggregates = {
        "total": Count("id"),
        "open": Count("id", filter=Q(status=Status.OPEN)),
        "first_created_at": Min("created_at"),
        "ai_suggested": Count("id", filter=Q(ai_category__isnull=False)),
        "ai_category_kept": Count("id", filter=Q(ai_category=F("category"))),
        "ai_priority_kept": Count("id", filter=Q(ai_priority=F("priority"))),
    }
    for priority in Priority.values:
        aggregates[f"priority_{priority}"] = Count("id", filter=Q(priority=priority))
    for category in Category.values:
        aggregates[f"category_{category}"] = Count("id", filter=Q(category=category))
    row = Ticket.objects.aggregate(**aggregates)
    return stats_from_counts(row, today=today)


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
