"""Reads of tickets: the list, one ticket, its conversation and history, the statistics."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db.models import F, Q, QuerySet

from core.exceptions import NotFoundError
from core.pagination import Count, capped_count

from .counters import counted_tickets
from .models import Comment, Ticket, TicketEvent, Visibility
from .search import search_words
from .search_plan import search_condition

# Largest id the database can hold; anything above cannot exist.
MAX_TICKET_ID = 2**63 - 1
# Columns no answer shows: the search vectors are several times the size of the text.
NOT_SHOWN = ("search_document", "comment_document")
# A search for a ticket number: "123" or "#123".
TICKET_NUMBER = re.compile(r"#?([0-9]{1,18})")

ORDERINGS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "priority": ("priority_rank", "-created_at", "-id"),
}
UTC_ZONE = ZoneInfo("UTC")

# Filters the counters answer exactly (tickets/counters.py); any other makes the count
# capped (exact up to core.pagination.COUNT_EXACT_LIMIT, then estimated).
COUNTED_FILTERS = frozenset({"status", "priority", "category", "assignee"})


@dataclass(frozen=True)
class TicketListQuery:
    """A validated list request (tickets/serializers.py's TicketListQuerySerializer)."""

    category: str = ""
    priority: str = ""
    status: str = ""
    # "me", "none", an agent's id as text, or "" for anyone.
    assignee: str = ""
    created_from: date | None = None
    created_to: date | None = None
    # The zone whose calendar days created_from and created_to name (UTC by default).
    zone: ZoneInfo = UTC_ZONE
    # "category", "priority", "any" or "".
    ai_overridden: str = ""
    search: str = ""
    sort: str = "newest"


@dataclass(frozen=True)
class TicketSelection:
    """The rows of a list, how to count them, and a ticket to show first (number search)."""

    rows: QuerySet[Ticket]
    count: Count
    first: Ticket | None = None


def _assignee_filter(value: str, viewer: User | None) -> tuple[Q, int | None]:
    """(condition, counter key: 0 for nobody) for `assignee=me|none|<id>`."""
    if value == "none":
        return Q(assignee__isnull=True), 0
    user_id = viewer.pk if value == "me" and viewer is not None else int(value or 0)
    return Q(assignee_id=user_id), user_id


def _overridden(value: str) -> Q:
    category = Q(ai_category__isnull=False) & ~Q(ai_category=F("category"))
    priority = Q(ai_priority__isnull=False) & ~Q(ai_priority=F("priority"))
    return {"category": category, "priority": priority, "any": category | priority}[value]


def _day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def ticket_list(*, query: TicketListQuery, viewer: User | None = None) -> TicketSelection:
    """Tickets matching `query`, in its order, with the right way to count them.

    Filters combine with AND. A search that is a ticket number ("123", "#123") puts that
    ticket first (when it passes the other filters), then the tickets whose text holds
    the number.
    """
    condition = Q()
    used: set[str] = set()
    equal = {}
    for field in ("status", "priority", "category"):
        value = getattr(query, field)
        if value:
            equal[field] = value
            condition &= Q(**{field: value})
            used.add(field)
    assignee_key = None
    if query.assignee:
        assignee_condition, assignee_key = _assignee_filter(query.assignee, viewer)
        condition &= assignee_condition
        used.add("assignee")
    if query.created_from:
        condition &= Q(created_at__gte=_day_start(query.created_from, query.zone))
        used.add("created_from")
    # The last day a date can name ends after every ticket: no bound, and no day after it.
    if query.created_to and query.created_to < date.max:
        condition &= Q(created_at__lt=_day_start(query.created_to + timedelta(days=1), query.zone))
        used.add("created_to")
    if query.ai_overridden:
        condition &= _overridden(query.ai_overridden)
        used.add("ai_overridden")

    base = Ticket.objects.defer(*NOT_SHOWN).select_related("assignee").filter(condition)
    first = None
    rows = base
    words = search_words(query.search)
    if words:
        used.add("search")
        number = TICKET_NUMBER.fullmatch(query.search.strip())
        if number and int(number[1]) <= MAX_TICKET_ID:
            first = base.filter(pk=int(number[1])).first()
            if first is not None:
                rows = rows.exclude(pk=first.pk)
        rows = rows.filter(search_condition(words))
    rows = rows.order_by(*ORDERINGS[query.sort or "newest"])

    if used <= COUNTED_FILTERS:
        count: Count = lambda: (counted_tickets(assignee=assignee_key, **equal), False)  # noqa: E731
    else:
        count = lambda: capped_count(rows)  # noqa: E731
    return TicketSelection(rows=rows, count=count, first=first)


def ticket_get(*, ticket_id: int) -> Ticket:
    if ticket_id > MAX_TICKET_ID:
        raise NotFoundError("No ticket has this id.")
    try:
        return Ticket.objects.defer(*NOT_SHOWN).select_related("assignee").get(pk=ticket_id)
    except Ticket.DoesNotExist:
        raise NotFoundError("No ticket has this id.") from None


def comment_list(*, ticket: Ticket, public_only: bool = False) -> QuerySet[Comment]:
    """The ticket's comments, oldest first; only public replies for the requester."""
    comments = Comment.objects.filter(ticket=ticket)
    if public_only:
        comments = comments.filter(visibility=Visibility.PUBLIC)
    return comments.order_by("created_at", "id")


def event_list(*, ticket: Ticket, since_version: int | None = None) -> QuerySet[TicketEvent]:
    """The ticket's history, oldest first; with `since_version`, only what came after."""
    events = TicketEvent.objects.filter(ticket=ticket)
    if since_version is not None:
        events = events.filter(version__gt=since_version)
    return events.order_by("id")
