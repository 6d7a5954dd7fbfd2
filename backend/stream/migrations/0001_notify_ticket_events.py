"""Every ticket event is announced on the channel `ticket_events` when its transaction
commits (PostgreSQL NOTIFY): the stream process listens there (stream/listener.py)."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION tickets_ticketevent_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ticket_events', json_build_object(
        'event', NEW.id, 'id', NEW.ticket_id, 'version', NEW.version, 'kind', NEW.kind
    )::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER tickets_ticketevent_notify AFTER INSERT ON tickets_ticketevent
    FOR EACH ROW EXECUTE FUNCTION tickets_ticketevent_notify();
"""

REVERSE = """
DROP TRIGGER IF EXISTS tickets_ticketevent_notify ON tickets_ticketevent;
DROP FUNCTION IF EXISTS tickets_ticketevent_notify();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0005_assignee_counters"),
    ]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
