"""Deferring a job inside the caller's transaction, in web requests and in jobs alike.

The job's row is written on Django's connection, so it is part of the open transaction: it
exists if and only if the change that caused it was committed. (The worker swaps the
procrastinate app's connector for a pool of its own, which would put a job deferred by a
task outside the task's transaction; `defer` never uses the app's connector.)

The row is written with one call of procrastinate's own SQL function,
`procrastinate_defer_jobs_v1`, as procrastinate's Django connector does, but with plain
query parameters: the connector passes an array of composite values, which psycopg quotes
character by character in Python. For a ticket's snapshot that made a submission's
deferral cost 0.65 ms of CPU against 0.3 ms this way (measured in-process on the bench
machine); a submission costs about 5 ms in all.
"""

import json
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from procrastinate.tasks import Task

_DEFER = (
    "SELECT unnest(procrastinate_defer_jobs_v1(ARRAY["
    "ROW(%s, %s, %s, %s, %s, %s::jsonb, %s)::procrastinate_job_to_defer_v1]))"
)


def defer(
    task: Task[Any, Any, Any], /, *, schedule_at: datetime | None = None, **kwargs: Any
) -> int:
    """Queue `task(**kwargs)` in the current transaction (at `schedule_at`, else now) with
    the task's queue, priority and locks, and return the job's id. Outside a transaction
    the job is committed at once."""
    job = task.configure(schedule_at=schedule_at).job
    arguments = json.dumps(kwargs, cls=DjangoJSONEncoder, separators=(",", ":"))
    with connection.cursor() as cursor:
        cursor.execute(
            _DEFER,
            [
                job.queue,
                job.task_name,
                job.priority,
                job.lock,
                job.queueing_lock,
                arguments,
                job.scheduled_at,
            ],
        )
        return int(cursor.fetchone()[0])
