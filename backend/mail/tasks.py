"""Jobs of the mail app: sending one e-mail, and forgetting old ones."""

from datetime import timedelta

from procrastinate.contrib.django import app

from jobs.retry import EMAIL_DELAYS, ScheduledRetry

from . import services

# How long the records of sent e-mails are kept (the hourly cap needs one hour).
KEEP_EMAILS = timedelta(days=30)


@app.task(name="mail.send_email", queue="email", retry=ScheduledRetry(EMAIL_DELAYS))
def send_email(*, email_id: int) -> None:
    services.email_send(email_id=email_id)


@app.periodic(cron="27 3 * * *", periodic_id="daily")
@app.task(name="mail.prune_emails", queue="upkeep", queueing_lock="mail.prune_emails")
def prune_emails(timestamp: int) -> None:
    services.emails_prune(older_than=KEEP_EMAILS)
