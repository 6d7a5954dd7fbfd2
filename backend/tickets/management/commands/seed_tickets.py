"""`manage.py seed_tickets --count N [--clear] [--seed S]`: load realistic fake tickets."""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tickets.seeding import seed_tickets


class Command(BaseCommand):
    help = "Insert N realistic generated tickets with PostgreSQL COPY (same seed, same tickets)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many tickets to add.")
        parser.add_argument(
            "--clear", action="store_true", help="Delete every ticket first (ids restart)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, count, clear, seed, no_progress, **options):
        if count < 0:
            raise CommandError("--count must be 0 or more.")
        started = time.monotonic()
        with tqdm(
            total=count, unit="ticket", unit_scale=True, disable=no_progress, file=self.stderr
        ) as bar:
            seed_tickets(count=count, seed=seed, clear=clear, progress=bar.update)
        elapsed = time.monotonic() - started
        self.stdout.write(f"Added {count} tickets in {elapsed:.1f} s.")
