import itertools
from datetime import timedelta

import pytest
from procrastinate.jobs import Job

from jobs.retry import EMAIL_DELAYS, WEBHOOK_DELAYS, ScheduledRetry


def _job(attempts: int) -> Job:
    return Job(
        id=1, queue="webhooks", lock=None, queueing_lock=None, task_name="t", attempts=attempts
    )


@pytest.mark.parametrize("delays", [WEBHOOK_DELAYS, EMAIL_DELAYS])
def test_retries_start_within_a_minute_grow_and_last_over_a_day(delays):
    assert delays[0] <= timedelta(minutes=1)
    assert all(later >= earlier for earlier, later in itertools.pairwise(delays))
    assert sum(delays, timedelta()) >= timedelta(hours=24)


def test_the_schedule_is_followed_then_the_job_fails_for_good():
    strategy = ScheduledRetry(WEBHOOK_DELAYS)

    first = strategy.get_retry_decision(exception=Exception(), job=_job(0))
    last = strategy.get_retry_decision(exception=Exception(), job=_job(len(WEBHOOK_DELAYS) - 1))
    over = strategy.get_retry_decision(exception=Exception(), job=_job(len(WEBHOOK_DELAYS)))

    assert first is not None
    assert first.retry_at is not None
    assert last is not None
    assert last.retry_at is not None
    assert last.retry_at - first.retry_at > WEBHOOK_DELAYS[-1] - WEBHOOK_DELAYS[0] - timedelta(
        seconds=5
    )
    assert over is None
