"""One worker process: procrastinate's worker with this project's defaults (CONTRACT §11).

- Jobs run in threads (every task touches the database through Django's ORM), at most
  WORKER_CONCURRENCY at once.
- Heartbeats every WORKER_HEARTBEAT_SECONDS; jobs of workers silent for three heartbeats
  are queued again, at start and every minute (jobs/recovery.py).
- SIGTERM or SIGINT stops it gracefully: no new jobs, running ones get GRACEFUL_SECONDS
  to finish and are retried later if they do not.
- It exits non-zero when it stops for any other reason (say, the database went away), so
  that whatever supervises it sees the crash and starts it again.
- While the database has its heartbeat, it keeps jobs/health.py's file fresh.
"""

import asyncio
import logging
import signal
import socket
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from procrastinate import App
from procrastinate.app import WorkerOptions
from procrastinate.contrib.django import app as django_app
from procrastinate.contrib.django.django_connector import DjangoConnector
from procrastinate.worker import Worker

from . import health, recovery

logger = logging.getLogger(__name__)

# Below Compose's stop_grace_period for the worker (25 s), so jobs end before a SIGKILL.
GRACEFUL_SECONDS = 20.0
_ALIVE_QUERY = (
    "SELECT count(*) AS alive FROM procrastinate_workers "
    "WHERE id = %(worker_id)s AND last_heartbeat > now() - make_interval(secs => %(seconds)s)"
)


class WorkerCrashed(Exception):
    """The worker stopped without being asked to."""


def say_how_email_goes() -> None:
    if not settings.EMAIL_ENABLED:
        logger.warning("E-mail is off: EMAIL_URL is not set, so no e-mail will be sent.")


def run(*, concurrency: int, heartbeat_seconds: float) -> None:
    """Run a worker until SIGTERM/SIGINT; WorkerCrashed if it stops otherwise."""
    connector = django_app.connector
    if not isinstance(connector, DjangoConnector):
        raise TypeError("The procrastinate app must use Django's connector.")
    # The worker listens for new jobs and polls with a pool of its own connections.
    with django_app.replace_connector(connector.get_worker_connector()):
        asyncio.run(_run(django_app, concurrency=concurrency, heartbeat_seconds=heartbeat_seconds))


async def _run(app: App, *, concurrency: int, heartbeat_seconds: float) -> None:
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="job")
    )
    async with app.open_async():
        await recovery.retry_stalled_jobs(app)
        options: WorkerOptions = {
            **app.worker_defaults,  # Django's connection clean-up around each task
            "name": socket.gethostname(),
            "concurrency": concurrency,
            "update_heartbeat_interval": heartbeat_seconds,
            "stalled_worker_timeout": recovery.stalled_after_seconds(),
            "shutdown_graceful_timeout": GRACEFUL_SECONDS,
            "install_signal_handlers": False,
        }
        worker = Worker(app=app, **options)
        asked_to_stop = _stop_on_signals(worker)
        liveness = asyncio.create_task(_keep_health_file_fresh(app, worker, heartbeat_seconds))
        try:
            await worker.run()
        finally:
            liveness.cancel()
            health.clear()
    if not asked_to_stop.is_set():
        raise WorkerCrashed("The worker stopped by itself; the log above says why.")


def _stop_on_signals(worker: Worker) -> asyncio.Event:
    asked = asyncio.Event()

    def stop(*_: Any) -> None:
        asked.set()
        worker.stop()

    loop = asyncio.get_running_loop()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stop)
    return asked


async def _keep_health_file_fresh(app: App, worker: Worker, heartbeat_seconds: float) -> None:
    stalled_after = recovery.stalled_after_seconds()
    while True:
        if worker.worker_id is not None:
            try:
                row = await app.connector.execute_query_one_async(
                    _ALIVE_QUERY, worker_id=worker.worker_id, seconds=stalled_after
                )
            except Exception:
                logger.exception("The worker could not read its heartbeat.")
            else:
                if row["alive"]:
                    health.write_deadline(stalled_after)
        # Until the worker has registered, look again soon: the health check should pass
        # as soon as the worker runs, not a whole heartbeat later (a slow start on a busy
        # machine already eats into the container's health-check grace period).
        registered = worker.worker_id is not None
        await asyncio.sleep(heartbeat_seconds if registered else min(heartbeat_seconds, 0.2))
