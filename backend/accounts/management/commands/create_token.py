"""Print a new API token for a user: `manage.py create_token <username> --name <name>`."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import TOKEN_NAME_MAX_LENGTH
from accounts.services import token_create


class Command(BaseCommand):
    help = "Create an API token for an active user and print it (it is stored only hashed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for.")
        parser.add_argument(
            "--expires-in-days", type=int, default=None, help="Days until it stops working."
        )
        parser.add_argument(
            "--export",
            action="store_true",
            help="Print `export TOKEN=...` for a shell's eval instead of the bare token.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model()
        name = options["name"].strip()
        if not name or len(name) > TOKEN_NAME_MAX_LENGTH:
            raise CommandError(f"--name must be 1 to {TOKEN_NAME_MAX_LENGTH} characters.")
        days = options["expires_in_days"]
        if days is not None and not 1 <= days <= 3650:
            raise CommandError("--expires-in-days must be from 1 to 3650.")
        try:
            user = users.objects.get(username=options["username"], is_active=True)
        except users.DoesNotExist:
            raise CommandError(f"No active user {options['username']!r}.") from None
        _, secret = token_create(user=user, name=name, expires_in_days=days)
        self.stdout.write(f"export TOKEN={secret}" if options["export"] else secret)
