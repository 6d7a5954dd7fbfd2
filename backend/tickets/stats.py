"""The statistics of the dashboard (CONTRACT §5 and §9).

Totals and breakdowns come from the counters PostgreSQL keeps (tickets/counters.py): a
few thousand rows, whatever the number of tickets. The last 30 days (created and resolved
per day, median response and resolution times) come from the tickets of those days only,
read from two indexes without visiting the tickets (index-only scans): created_at with
first_response_at and resolved_at included, and the partial index on resolved_at.
"""

import functools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

from django.db import connection

from core.exceptions import InvalidInput

from .counters import counted_totals
from .models import Category, Priority, Status

DAYS = 30


@functools.cache
def _known_zones() -> frozenset[str]:
    """Zones both Python and PostgreSQL know (day boundaries are computed by both)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_timezone_names")
        in_database = {row[0] for row in cursor.fetchall()}
    return frozenset(available_timezones() & in_database | {"UTC"})


def time_zone(name: str | None) -> ZoneInfo:
    """The IANA zone `name` (default UTC); InvalidInput naming `tz` when unknown."""
    if not name:
        return ZoneInfo("UTC")
    if name not in _known_zones():
        raise InvalidInput("", {"tz": [f"Unknown time zone {name[:64]!r}; use an IANA name."]})
    return ZoneInfo(name)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _last_days(zone: ZoneInfo, today: date) -> dict:
    """The 30 days ending `today` in `zone`, and the median times of their tickets."""
    start_day = today - timedelta(days=DAYS - 1)
    # Each day's first moment in the zone (DST included): a ticket's day is the bucket its
    # time falls in, so no time stamp is converted to the zone row by row.
    bounds = [
        datetime.combine(start_day + timedelta(days=n), time.min, tzinfo=zone)
        for n in range(DAYS + 1)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH created AS (
                SELECT width_bucket(created_at, %(bounds)s::timestamptz[]) AS day,
                       count(*) AS tickets
                FROM tickets_ticket
                WHERE created_at >= %(start)s AND created_at < %(end)s
                GROUP BY 1
            ), resolved AS (
                SELECT width_bucket(resolved_at, %(bounds)s::timestamptz[]) AS day,
                       count(*) AS tickets
                FROM tickets_ticket
                WHERE resolved_at >= %(start)s AND resolved_at < %(end)s
                GROUP BY 1
            ), medians AS (
                SELECT
                    percentile_cont(0.5) WITHIN GROUP (
                        ORDER BY date_part('epoch', first_response_at - created_at)
                    ) FILTER (WHERE first_response_at IS NOT NULL) AS first_response,
                    percentile_cont(0.5) WITHIN GROUP (
                        ORDER BY date_part('epoch', resolved_at - created_at)
                    ) FILTER (WHERE resolved_at IS NOT NULL) AS resolution
                FROM tickets_ticket WHERE created_at >= %(start)s
            )
            SELECT days.day, coalesce(created.tickets, 0), coalesce(resolved.tickets, 0),
                   medians.first_response, medians.resolution
            FROM generate_series(1, %(days)s) AS days (day)
            CROSS JOIN medians
            LEFT JOIN created ON created.day = days.day
            LEFT JOIN resolved ON resolved.day = days.day
            ORDER BY days.day
            """,
            {"bounds": bounds, "start": bounds[0], "end": bounds[-1], "days": DAYS},
        )
        rows = cursor.fetchall()
    first_response, resolution = rows[0][3], rows[0][4]
    return {
        "tickets_per_day": [
            {
                "date": (start_day + timedelta(days=day - 1)).isoformat(),
                "created": created,
                "resolved": resolved,
            }
            for day, created, resolved, *_ in rows
        ],
        "median_first_response_seconds": None if first_response is None else round(first_response),
        "median_resolution_seconds": None if resolution is None else round(resolution),
    }


def totals_from_counts(row: dict, *, now: datetime) -> dict:
    """The statistics the counters answer (counted_totals() gives `row`)."""
    total = row["total"]
    avg_per_day = 0.0
    if total:
        first_day = row["first_created_at"].astimezone(UTC).date()
        days = max(1, (now.astimezone(UTC).date() - first_day).days + 1)
        avg_per_day = round(total / days, 1)
    suggested = row["ai_suggested"]
    return {
        "total_tickets": total,
        "open_tickets": row["open"],
        "avg_tickets_per_day": avg_per_day,
        "status_breakdown": {s: row[f"status_{s}"] for s in Status.values},
        "priority_breakdown": {p: row[f"priority_{p}"] for p in Priority.values},
        "category_breakdown": {c: row[f"category_{c}"] for c in Category.values},
        "ai": {
            "suggested": suggested,
            "category_kept": _share(row["ai_category_kept"], suggested),
            "priority_kept": _share(row["ai_priority_kept"], suggested),
        },
    }


def ticket_stats(*, zone: ZoneInfo | None = None, now: datetime | None = None) -> dict:
    """Everything the dashboard shows; days are calendar days in `zone` (default UTC)."""
    zone = zone or ZoneInfo("UTC")
    now = now or datetime.now(UTC)
    return {
        **totals_from_counts(counted_totals(), now=now),
        **_last_days(zone, now.astimezone(zone).date()),
    }
