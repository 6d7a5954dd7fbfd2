"""Retries with growing delays, bounded: a failed job runs again after the next delay of
its schedule, and fails for good once the schedule is used up."""

from datetime import datetime, timedelta

from django.utils import timezone
from procrastinate.jobs import Job
from procrastinate.retry import BaseRetryStrategy, RetryDecision

# Standard Webhooks' schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the first
# attempt: eight attempts over 27.5 hours.
WEBHOOK_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
# E-mail waits out an SMTP server that is down for up to a day and a half.
EMAIL_DELAYS = (
    timedelta(seconds=10),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=30),
    timedelta(hours=1),
    timedelta(hours=2),
    timedelta(hours=4),
    timedelta(hours=8),
    timedelta(hours=8),
    timedelta(hours=12),
)
# Work on the database only (fan-out, clean-up): a few quick retries.
QUICK_DELAYS = (timedelta(seconds=2), timedelta(seconds=10), timedelta(minutes=1))


def next_attempt_at(delays: tuple[timedelta, ...], failed_attempts: int) -> datetime | None:
    """When to try again after `failed_attempts` failures; None once the schedule is over."""
    if failed_attempts < 1 or failed_attempts > len(delays):
        return None
    return timezone.now() + delays[failed_attempts - 1]


class ScheduledRetry(BaseRetryStrategy):
    """Retry after each delay of `delays` in turn, then give up (the job is `failed`)."""

    def __init__(self, delays: tuple[timedelta, ...]) -> None:
        self.delays = delays

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        # `attempts` counts the runs before this one, so this run's failure is number
        # attempts + 1.
        retry_at = next_attempt_at(self.delays, job.attempts + 1)
        return RetryDecision(retry_at=retry_at) if retry_at else None
