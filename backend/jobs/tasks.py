"""The jobs of the jobs app itself: the fan-out of ticket events, and periodic upkeep."""

from django.db import transaction
from procrastinate import JobContext
from procrastinate.contrib.django import app

from tickets.models import TicketEvent

from . import recovery
from .consumers import TicketSnapshot, consumers
from .retry import QUICK_DELAYS, ScheduledRetry

# Finished jobs are kept this long for the admin, then deleted.
KEEP_FINISHED_JOBS_HOURS = 30 * 24


@app.task(name="jobs.fan_out_ticket_event", queue="events", retry=ScheduledRetry(QUICK_DELAYS))
def fan_out_ticket_event(*, event_id: int, ticket: TicketSnapshot) -> None:
    """Each consumer plans its work for one committed event (jobs/consumers.py)."""
    with transaction.atomic():
        event = TicketEvent.objects.select_related("comment").get(pk=event_id)
        for consumer in consumers():
            consumer.plan(event, ticket)


@app.periodic(cron="* * * * *", periodic_id="every-minute")
@app.task(
    name="jobs.retry_stalled_jobs",
    queue="upkeep",
    queueing_lock="jobs.retry_stalled_jobs",
    pass_context=True,
)
async def retry_stalled_jobs(context: JobContext, timestamp: int) -> None:
    await recovery.retry_stalled_jobs(context.app)


@app.periodic(cron="17 3 * * *", periodic_id="daily")
@app.task(
    name="jobs.remove_old_jobs",
    queue="upkeep",
    queueing_lock="jobs.remove_old_jobs",
    pass_context=True,
)
async def remove_old_jobs(context: JobContext, timestamp: int) -> None:
    await context.app.job_manager.delete_old_jobs(
        nb_hours=KEEP_FINISHED_JOBS_HOURS,
        include_failed=True,
        include_cancelled=True,
        include_aborted=True,
    )
