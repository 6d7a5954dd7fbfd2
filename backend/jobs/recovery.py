"""Stalled jobs: a worker killed mid-job (SIGKILL, a lost machine) leaves its jobs in
`doing` forever. Workers send heartbeats; once a worker has been silent for three of them,
its jobs are put back in the queue, unchanged, and another worker runs them again. Every
task is idempotent, so the second run finishes what the first began.
"""

import logging

from django.conf import settings
from procrastinate import App, exceptions

logger = logging.getLogger(__name__)


def stalled_after_seconds() -> float:
    return 3 * settings.WORKER_HEARTBEAT_SECONDS


async def retry_stalled_jobs(app: App) -> list[int]:
    """Queue again every job of a worker that stopped sending heartbeats; their ids."""
    stalled = await app.job_manager.get_stalled_jobs(
        seconds_since_heartbeat=stalled_after_seconds()
    )
    retried = []
    for job in stalled:
        try:
            await app.job_manager.retry_job(job)
        except exceptions.ConnectorException:
            continue  # finished or retried meanwhile (another worker ran this too)
        if job.id is not None:
            retried.append(job.id)
        logger.warning("Job %s (%s) of a stalled worker queued again.", job.id, job.task_name)
    return retried
