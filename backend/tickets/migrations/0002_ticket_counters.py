"""Exact ticket counters kept by PostgreSQL itself, so the statistics never scan tickets.

`tickets_ticket_counter` holds how many tickets have each (status, priority, category,
AI-suggested, AI category kept, AI priority kept) combination. Statement-level triggers
with transition tables keep it exact for every INSERT (COPY and bulk_create included),
UPDATE (bulk `update()` and the admin's bulk actions included), DELETE and TRUNCATE of
tickets_ticket, in the same transaction as the change.

Concurrent writers would all add to the same few rows (most new tickets are open with
the same labels), so rows are also keyed by a shard: the writing connection's backend
pid modulo 16. Two connections only wait on each other when their pids share a shard.
Shard rows are summed on read (at most 16 x 64 x 5 rows). Within a statement, rows are
upserted in key order so that concurrent bulk changes cannot deadlock on them.
"""

from django.db import migrations

SHARDS = 16
KEY = "status, priority, category, ai_suggested, ai_category_kept, ai_priority_kept"
# The counter key of a ticket row `t`.
ROW_KEY = (
    "t.status, t.priority, t.category, t.ai_category IS NOT NULL, "
    "coalesce(t.ai_category = t.category, false), coalesce(t.ai_priority = t.priority, false)"
)


def _upsert(select_deltas: str) -> str:
    """Add (KEY..., delta) rows from `select_deltas` into this connection's shard."""
    return f"""
        INSERT INTO tickets_ticket_counter AS c (shard, {KEY}, tickets)
        SELECT (pg_backend_pid() % {SHARDS})::smallint, {KEY}, delta
        FROM ({select_deltas}) AS d ({KEY}, delta)
        WHERE delta <> 0
        ORDER BY {KEY}
        ON CONFLICT (shard, {KEY}) DO UPDATE SET tickets = c.tickets + EXCLUDED.tickets;
    """


FORWARD = f"""
LOCK TABLE tickets_ticket IN SHARE MODE;

CREATE TABLE tickets_ticket_counter (
    shard smallint NOT NULL,
    status varchar(16) NOT NULL,
    priority varchar(16) NOT NULL,
    category varchar(16) NOT NULL,
    ai_suggested boolean NOT NULL,
    ai_category_kept boolean NOT NULL,
    ai_priority_kept boolean NOT NULL,
    tickets bigint NOT NULL,
    PRIMARY KEY (shard, {KEY})
);

CREATE FUNCTION tickets_ticket_count_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_upsert(f"SELECT {ROW_KEY}, count(*) FROM new_rows t GROUP BY {ROW_KEY}")}
    ELSIF TG_OP = 'DELETE' THEN
        {_upsert(f"SELECT {ROW_KEY}, -count(*) FROM old_rows t GROUP BY {ROW_KEY}")}
    ELSIF TG_OP = 'UPDATE' THEN
        {
    _upsert(
        f"SELECT {KEY}, sum(delta) FROM ("
        f"SELECT {ROW_KEY}, 1 FROM new_rows t "
        f"UNION ALL SELECT {ROW_KEY}, -1 FROM old_rows t"
        f") AS changes ({KEY}, delta) GROUP BY {KEY}"
    )
}
    ELSIF TG_OP = 'TRUNCATE' THEN
        DELETE FROM tickets_ticket_counter;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER tickets_ticket_count_insert AFTER INSERT ON tickets_ticket
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_ticket_count_changes();
CREATE TRIGGER tickets_ticket_count_update AFTER UPDATE ON tickets_ticket
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_ticket_count_changes();
CREATE TRIGGER tickets_ticket_count_delete AFTER DELETE ON tickets_ticket
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_ticket_count_changes();
CREATE TRIGGER tickets_ticket_count_truncate AFTER TRUNCATE ON tickets_ticket
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_ticket_count_changes();

INSERT INTO tickets_ticket_counter (shard, {KEY}, tickets)
SELECT 0, {ROW_KEY}, count(*) FROM tickets_ticket t GROUP BY {ROW_KEY};
"""

REVERSE = """
DROP TRIGGER IF EXISTS tickets_ticket_count_truncate ON tickets_ticket;
DROP TRIGGER IF EXISTS tickets_ticket_count_delete ON tickets_ticket;
DROP TRIGGER IF EXISTS tickets_ticket_count_update ON tickets_ticket;
DROP TRIGGER IF EXISTS tickets_ticket_count_insert ON tickets_ticket;
DROP FUNCTION IF EXISTS tickets_ticket_count_changes();
DROP TABLE IF EXISTS tickets_ticket_counter;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, REVERSE),
    ]
