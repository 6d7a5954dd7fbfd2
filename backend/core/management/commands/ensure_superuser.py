"""Create the configured superuser when missing (and admin/admin in debug mode)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEBUG_USERNAME = "admin"
DEBUG_PASSWORD = "admin"  # noqa: S105 - local debug mode only, printed on the console


class Command(BaseCommand):
    help = (
        "Create the superuser named by DJANGO_SUPERUSER_USERNAME/PASSWORD if missing; "
        "in debug mode with none configured, create admin/admin when no superuser exists."
    )

    def handle(self, *args, **options):
        users = get_user_model()
        username = settings.DJANGO_SUPERUSER_USERNAME
        password = settings.DJANGO_SUPERUSER_PASSWORD
        if username or password:
            if not (username and password):
                raise CommandError(
                    "Set both DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD."
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
        if users.objects.filter(is_superuser=True).exists():
            return
        users.objects.create_superuser(username=DEBUG_USERNAME, password=DEBUG_PASSWORD, email="")
        self.stdout.write(
            self.style.WARNING(
                f"Debug mode: created superuser {DEBUG_USERNAME}/{DEBUG_PASSWORD} "
                "for /admin/. Never use it outside local development."
            )
        )
