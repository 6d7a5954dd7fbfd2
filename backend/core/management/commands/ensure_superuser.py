"""Create the configured superuser when missing (and admin/admin in debug mode)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.management.setup_lock import setup_lock

DEFAULT_USERNAME = "admin"
DEBUG_PASSWORD = "admin"  # noqa: S105 - local debug mode only, printed on the console


class Command(BaseCommand):
    help = (
        "Create the superuser named by DJANGO_SUPERUSER_USERNAME (default admin) with "
        "DJANGO_SUPERUSER_PASSWORD if missing; "
        "in debug mode with none configured, create admin/admin when no user exists."
    )

    def handle(self, *args, **options):
        # Two servers starting at once must not both find the user missing.
        with setup_lock():
            self._ensure_superuser()

    def _ensure_superuser(self):
        users = get_user_model()
        password = settings.DJANGO_SUPERUSER_PASSWORD
        # A password alone names the usual account, as docker compose does.
        username = settings.DJANGO_SUPERUSER_USERNAME or (DEFAULT_USERNAME if password else "")
        if username or password:
            if not password:
                raise CommandError(
                    "DJANGO_SUPERUSER_USERNAME is set without DJANGO_SUPERUSER_PASSWORD."
                )
            if users.objects.filter(username=username).exists():
                self.stdout.write(f"Superuser {username!r} exists.")
                return
            users.objects.create_superuser(
                username=username, password=password, email=settings.DJANGO_SUPERUSER_EMAIL
            )
            self.stdout.write(self.style.SUCCESS(f"Created superuser {username!r}."))
            return
        if not settings.DEBUG:
            return
        if users.objects.exists():
            return
        # The one password shorter than the validators allow (CONTRACT §7): local use only,
        # created only when the database has no user at all.
        users.objects.create_superuser(username=DEFAULT_USERNAME, password=DEBUG_PASSWORD, email="")
        self.stdout.write(
            self.style.WARNING(
                f"Debug mode: created the admin {DEFAULT_USERNAME} with password "
                f"{DEBUG_PASSWORD!r} to sign in. Never use it outside local development."
            )
        )
