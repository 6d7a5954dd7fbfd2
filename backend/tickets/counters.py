"""Reads of the ticket counters that PostgreSQL triggers keep exact.

The table `tickets_ticket_counter` and its triggers are created by migration
0002_ticket_counters: one row per (shard, status, priority, category, AI-suggested,
AI category kept, AI priority kept) with its number of tickets. Reading it costs a few
thousand rows at most, whatever the number of tickets.
"""

from django.db import connection

from .models import Category, Priority, Status

COUNTER_TABLE = "tickets_ticket_counter"
# Per assignee (0: nobody), kept by the same trigger (migration 0005_assignee_counters).
ASSIGNEE_COUNTER_TABLE = "tickets_assignee_counter"
COUNTED_FIELDS = ("status", "priority", "category")


def counted_totals() -> dict:
    """Totals for the statistics, plus the first ticket's creation time, in one query.

    Keys: total, open, ai_suggested, ai_category_kept, ai_priority_kept, status_<value>,
    priority_<value>, category_<value> (integers) and first_created_at (None without
    tickets).
    """
    columns: dict[str, tuple[str, list[str]]] = {
        "total": ("true", []),
        "open": ("status = %s", [Status.OPEN]),
        "ai_suggested": ("ai_suggested", []),
        "ai_category_kept": ("ai_category_kept", []),
        "ai_priority_kept": ("ai_priority_kept", []),
    }
    for status in Status.values:
        columns[f"status_{status}"] = ("status = %s", [status])
    for priority in Priority.values:
        columns[f"priority_{priority}"] = ("priority = %s", [priority])
    for category in Category.values:
        columns[f"category_{category}"] = ("category = %s", [category])
    selects, params = [], []
    for condition, condition_params in columns.values():
        selects.append(f"coalesce(sum(tickets) FILTER (WHERE {condition}), 0)::bigint")
        params.extend(condition_params)
    # min() over the newest-first index is a read of the index's last entry.
    sql = (
        f"SELECT {', '.join(selects)}, "  # noqa: S608 - no user input in the statement
        "(SELECT min(created_at) FROM tickets_ticket) "
        f"FROM {COUNTER_TABLE}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        values = cursor.fetchone()
    row = dict(zip(columns, values[:-1], strict=True))
    row["first_created_at"] = values[-1]
    return row


def counted_tickets(*, assignee: int | None = None, **filters: str) -> int:
    """Exact number of tickets whose status, priority and category equal `filters`, and
    whose assignee is the user with id `assignee` (0: nobody; None: anyone).

    Keys of `filters` are among COUNTED_FIELDS; a missing key means any value.
    """
    unknown = set(filters) - set(COUNTED_FIELDS)
    if unknown:
        raise ValueError(f"Not counted: {sorted(unknown)}")
    conditions = [f"{field} = %s" for field in filters]
    params: list = list(filters.values())
    table = COUNTER_TABLE
    if assignee is not None:
        table = ASSIGNEE_COUNTER_TABLE
        conditions.append("assignee_id = %s")
        params.append(assignee)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT coalesce(sum(tickets), 0)::bigint FROM {table} "  # noqa: S608
            f"WHERE {' AND '.join(conditions) or 'true'}",
            params,
        )
        return cursor.fetchone()[0]
