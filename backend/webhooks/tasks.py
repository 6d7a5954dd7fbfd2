"""Jobs of the webhooks app: one delivery attempt, and forgetting old deliveries."""

from datetime import timedelta

from procrastinate import JobContext
from procrastinate.contrib.django import app

from jobs.retry import WEBHOOK_DELAYS, ScheduledRetry

from . import services

KEEP_DELIVERIES = timedelta(days=30)


@app.task(
    name="webhooks.deliver",
    queue="webhooks",
    retry=ScheduledRetry(WEBHOOK_DELAYS),
    pass_context=True,
)
def deliver(context: JobContext, *, delivery_id: int) -> None:
    services.delivery_attempt(delivery_id=delivery_id, failed_attempts_before=context.job.attempts)


@app.periodic(cron="37 3 * * *", periodic_id="daily")
@app.task(name="webhooks.prune_deliveries", queue="upkeep", queueing_lock="webhooks.prune")
def prune_deliveries(timestamp: int) -> None:
    services.deliveries_prune(older_than=KEEP_DELIVERIES)
