"""Reads of the job queue, for the admin."""

from django.db.models import Count
from procrastinate.contrib.django.models import ProcrastinateJob

# The admin's three numbers, from procrastinate's statuses.
GROUPS = {
    "pending": ("todo", "doing"),
    "failed": ("failed",),
    "done": ("succeeded",),
}


def job_counts() -> dict[str, int]:
    """Jobs waiting or running (`pending`), failed for good, and done: one query."""
    per_status = dict(
        ProcrastinateJob.objects.order_by()
        .values_list("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    return {
        group: sum(per_status.get(s, 0) for s in statuses) for group, statuses in GROUPS.items()
    }
