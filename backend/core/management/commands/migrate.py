"""Django's `migrate`, one process at a time (see core/management/setup_lock.py)."""

from django.core.management.commands.migrate import Command as MigrateCommand

from core.management.setup_lock import setup_lock


class Command(MigrateCommand):
    def handle(self, *args, **options):
        with setup_lock(options["database"]):
            return super().handle(*args, **options)
