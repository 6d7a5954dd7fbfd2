"""A covering index for the dashboard's last 30 days.

A plain CREATE INDEX (about 7 s at a million tickets, writes wait meanwhile), not
CONCURRENTLY: that would wait for every other open transaction, including a second
replica's migrate queued on the setup lock this one holds, and the two would deadlock.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tickets", "0005_assignee_counters")]

    operations = [
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                fields=["created_at"],
                include=["first_response_at", "resolved_at"],
                name="ticket_created_times_idx",
            ),
        ),
    ]
