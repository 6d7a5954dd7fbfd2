from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jobs import worker


class Command(BaseCommand):
    help = (
        "Run a background job worker (e-mail, webhooks, upkeep) until SIGTERM or Ctrl+C. "
        "Run as many as you like, on any machine that reaches the database."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--concurrency",
            type=int,
            default=settings.WORKER_CONCURRENCY,
            help="Jobs run at once (default WORKER_CONCURRENCY, %(default)s).",
        )

    def handle(self, *args: Any, concurrency: int, **options: Any) -> None:
        if concurrency < 1:
            raise CommandError("--concurrency must be at least 1.")
        worker.say_how_email_goes()
        try:
            worker.run(concurrency=concurrency, heartbeat_seconds=settings.WORKER_HEARTBEAT_SECONDS)
        except worker.WorkerCrashed as crash:
            raise CommandError(str(crash)) from None
