"""`manage.py refresh_portal_links`: portal links that work with the current SECRET_KEY.

Rotating SECRET_KEY ends every portal link (CONTRACT §10); run this afterwards so that
the links agents copy and e-mails carry from now on work. One UPDATE, seconds at a
million tickets; the salts stay, so each ticket's new link is its old one re-signed.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from tickets.portal import sql_key_hash


class Command(BaseCommand):
    help = "Recompute every ticket's portal key hash with the current SECRET_KEY."

    def handle(self, *args, **options):
        key_hash_sql, params = sql_key_hash("id", "portal_salt")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE tickets_ticket SET portal_key_hash = {key_hash_sql} "  # noqa: S608
                f"WHERE portal_key_hash IS DISTINCT FROM {key_hash_sql}",
                params,
            )
            self.stdout.write(f"Refreshed the portal links of {cursor.rowcount} tickets.")
