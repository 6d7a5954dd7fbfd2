"""A covering index for the dashboard's last 30 days, built without locking out writes."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("tickets", "0005_assignee_counters")]

    operations = [
        AddIndexConcurrently(
            model_name="ticket",
            index=models.Index(
                fields=["created_at"],
                include=["first_response_at", "resolved_at"],
                name="ticket_created_times_idx",
            ),
        ),
    ]
