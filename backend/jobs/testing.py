"""Running the queued jobs inside a test, with procrastinate's real worker.

The worker reads the queue over its own connections, so tests that use it commit their
data (`django_db(transaction=True)`). Future retries stay queued; `make_due` brings them
forward.
"""

import asyncio
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connection, connections
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector

THREADS = 4
JOB_TABLES = (
    "procrastinate_periodic_defers",
    "procrastinate_events",
    "procrastinate_jobs",
    "procrastinate_workers",
)


def run_jobs(*, rounds: int = 10) -> None:
    """Run every job that is due, and the jobs those defer, then return."""
    django_connector = app.connector
    assert isinstance(django_connector, DjangoConnector)
    with app.replace_connector(django_connector.get_worker_connector()):
        for _ in range(rounds):
            asyncio.run(_work_once())
            if not _due_jobs():
                return
    raise AssertionError(f"Jobs still due after {rounds} rounds of the worker.")


async def _work_once() -> None:
    # The worker stops once it finds no job to start, even while the jobs it runs are
    # deferring more: run_jobs calls it again until none is due.
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=THREADS))
    async with app.open_async():
        await app.run_worker_async(
            wait=False, listen_notify=False, install_signal_handlers=False, concurrency=THREADS
        )
    # Each job thread kept a Django connection; the test database can only be dropped
    # once they are closed. One call per thread, held at a barrier so that each lands on
    # a different one.
    barrier = threading.Barrier(THREADS)

    def close() -> None:
        barrier.wait(timeout=10)
        connections.close_all()

    await asyncio.gather(*(loop.run_in_executor(None, close) for _ in range(THREADS)))


def _due_jobs() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing') "
            "AND (scheduled_at IS NULL OR scheduled_at <= now())"
        )
        return int(cursor.fetchone()[0])


def make_due() -> None:
    """Bring every waiting job (retries) forward to now."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_jobs SET scheduled_at = now() WHERE status = 'todo'")


def jobs_of(task_name: str) -> list[tuple[str, dict[str, Any]]]:
    """(status, args) of the queued jobs of `task_name`, oldest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, args FROM procrastinate_jobs WHERE task_name = %s ORDER BY id",
            [task_name],
        )
        rows = cursor.fetchall()
    # Django reads jsonb as text and decodes it in its fields; here it is a plain column.
    return [
        (str(status), json.loads(args) if isinstance(args, str) else args) for status, args in rows
    ]


def empty_job_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(JOB_TABLES)} RESTART IDENTITY CASCADE")
