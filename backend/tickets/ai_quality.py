"""How good the AI's suggestions are in this deployment (CONTRACT §12's quality endpoint).

Suggestions are compared with the tickets' final labels: accuracy, precision and recall per
category, the confusion matrices, and week by week how often agents kept them (a label the
submitter chose is no override, tickets.services). All counting is SQL over the tickets
created in the period.
"""

from datetime import UTC, datetime, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncWeek

from triage.models import ClassifierVersion

from .models import PRIORITY_RANK, Category, Priority, Ticket

WITHIN_ONE = [
    (a, b) for a in Priority.values for b in Priority.values
    if abs(PRIORITY_RANK[a] - PRIORITY_RANK[b]) <= 1
]  # fmt: skip


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _suggested(since: datetime) -> QuerySet[Ticket]:
    return Ticket.objects.filter(created_at__gte=since, ai_category__isnull=False)


def _confusion(tickets: QuerySet[Ticket], field: str, labels: list[str]) -> dict:
    matrix = {truth: dict.fromkeys(labels, 0) for truth in labels}
    for row in tickets.values(field, f"ai_{field}").annotate(n=Count("id")):
        matrix[row[field]][row[f"ai_{field}"]] = row["n"]
    return matrix


def _by_category(matrix: dict) -> dict:
    result = {}
    for label in Category.values:
        suggested = sum(matrix[truth][label] for truth in Category.values)
        actual = sum(matrix[label].values())
        kept = matrix[label][label]
        result[label] = {
            "suggested": suggested,
            "kept": kept,
            "precision": _share(kept, suggested),
            "recall": _share(kept, actual),
        }
    return result


def _weekly(tickets: QuerySet[Ticket]) -> list[dict]:
    weeks = (
        tickets.annotate(week=TruncWeek("created_at", tzinfo=UTC))
        .values("week")
        .annotate(
            n=Count("id"),
            category_kept=Count("id", filter=Q(ai_category_overridden=False)),
            priority_kept=Count("id", filter=Q(ai_priority_overridden=False)),
        )
        .order_by("week")
    )
    return [
        {
            "week": week["week"].date().isoformat(),
            "suggested": week["n"],
            "category_kept": _share(week["category_kept"], week["n"]),
            "priority_kept": _share(week["priority_kept"], week["n"]),
        }
        for week in weeks
    ]


def _model() -> dict:
    active = ClassifierVersion.objects.filter(active=True).first()
    if active is None:
        return {"version": None, "trained_at": None, "examples": None, "corrections": 0}
    return {
        "version": active.version,
        "trained_at": active.trained_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "examples": active.examples,
        "corrections": active.corrections,
    }


def ai_quality(*, days: int, now: datetime | None = None) -> dict:
    since = (now or datetime.now(UTC)) - timedelta(days=days)
    tickets = _suggested(since)
    totals = tickets.aggregate(
        n=Count("id"),
        category_right=Count("id", filter=Q(category=F("ai_category"))),
        priority_right=Count("id", filter=Q(priority=F("ai_priority"))),
        priority_within_one=Count("id", filter=_within_one()),
    )
    category_matrix = _confusion(tickets, "category", Category.values)
    return {
        "suggested": totals["n"],
        "category_accuracy": _share(totals["category_right"], totals["n"]),
        "priority_accuracy": _share(totals["priority_right"], totals["n"]),
        "priority_within_one": _share(totals["priority_within_one"], totals["n"]),
        "by_category": _by_category(category_matrix),
        "confusion": {
            "category": category_matrix,
            "priority": _confusion(tickets, "priority", Priority.values),
        },
        "weekly": _weekly(tickets),
        "model": _model(),
    }


def _within_one() -> Q:
    condition = Q()
    for final, suggested in WITHIN_ONE:
        condition |= Q(priority=final, ai_priority=suggested)
    return condition
