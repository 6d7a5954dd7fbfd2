"""Django's `createcachetable`, one process at a time (see core/management/setup_lock.py)."""

from django.core.management.commands.createcachetable import Command as CreateCacheTableCommand

from core.management.setup_lock import setup_lock


class Command(CreateCacheTableCommand):
    def handle(self, *args, **options):
        with setup_lock(options["database"]):
            return super().handle(*args, **options)
