"""Exact counts of lists filtered by assignee, kept like the other counters (0002).

`tickets_assignee_counter` holds how many tickets each (assignee, status, priority,
category) has; 0 stands for "nobody". The counting trigger of 0002 is replaced by one that
keeps both tables, so "My tickets" and "Unassigned" are counted without reading tickets.

"Kept" now means "not overridden by an agent" (CONTRACT §12): the counters read the
override flags of 0004 instead of comparing labels. The flags were filled to match what
the counters held, so no count changes.
"""

from django.db import migrations

SHARDS = 16
KEY = "status, priority, category, ai_suggested, ai_category_kept, ai_priority_kept"
ROW_KEY = (
    "t.status, t.priority, t.category, t.ai_category IS NOT NULL, "
    "(t.ai_category IS NOT NULL AND NOT t.ai_category_overridden), "
    "(t.ai_priority IS NOT NULL AND NOT t.ai_priority_overridden)"
)
OLD_ROW_KEY = (
    "t.status, t.priority, t.category, t.ai_category IS NOT NULL, "
    "coalesce(t.ai_category = t.category, false), coalesce(t.ai_priority = t.priority, false)"
)
ASSIGNEE_KEY = "assignee_id, status, priority, category"
ASSIGNEE_ROW_KEY = "coalesce(t.assignee_id, 0), t.status, t.priority, t.category"


def _upsert(table: str, key: str, select_deltas: str) -> str:
    """Add (key..., delta) rows from `select_deltas` into this connection's shard of `table`."""
    return f"""
        INSERT INTO {table} AS c (shard, {key}, tickets)
        SELECT (pg_backend_pid() % {SHARDS})::smallint, {key}, delta
        FROM ({select_deltas}) AS d ({key}, delta)
        WHERE delta <> 0
        ORDER BY {key}
        ON CONFLICT (shard, {key}) DO UPDATE SET tickets = c.tickets + EXCLUDED.tickets;
    """


def _changes(table: str, key: str, row_key: str) -> dict[str, str]:
    return {
        "INSERT": _upsert(
            table, key, f"SELECT {row_key}, count(*) FROM new_rows t GROUP BY {row_key}"
        ),
        "DELETE": _upsert(
            table, key, f"SELECT {row_key}, -count(*) FROM old_rows t GROUP BY {row_key}"
        ),
        "UPDATE": _upsert(
            table,
            key,
            f"SELECT {key}, sum(delta) FROM ("
            f"SELECT {row_key}, 1 FROM new_rows t "
            f"UNION ALL SELECT {row_key}, -1 FROM old_rows t"
            f") AS changes ({key}, delta) GROUP BY {key}",
        ),
    }


def _function(with_assignees: bool) -> str:
    row_key = ROW_KEY if with_assignees else OLD_ROW_KEY
    tables = [_changes("tickets_ticket_counter", KEY, row_key)]
    if with_assignees:
        tables.append(_changes("tickets_assignee_counter", ASSIGNEE_KEY, ASSIGNEE_ROW_KEY))
    truncate = "DELETE FROM tickets_ticket_counter;"
    if with_assignees:
        truncate += " DELETE FROM tickets_assignee_counter;"
    return f"""
CREATE OR REPLACE FUNCTION tickets_ticket_count_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {"".join(t["INSERT"] for t in tables)}
    ELSIF TG_OP = 'DELETE' THEN
        {"".join(t["DELETE"] for t in tables)}
    ELSIF TG_OP = 'UPDATE' THEN
        {"".join(t["UPDATE"] for t in tables)}
    ELSIF TG_OP = 'TRUNCATE' THEN
        {truncate}
    END IF;
    RETURN NULL;
END;
$$;
"""


FORWARD = f"""
LOCK TABLE tickets_ticket IN SHARE MODE;

CREATE TABLE tickets_assignee_counter (
    shard smallint NOT NULL,
    assignee_id bigint NOT NULL,
    status varchar(16) NOT NULL,
    priority varchar(16) NOT NULL,
    category varchar(16) NOT NULL,
    tickets bigint NOT NULL,
    PRIMARY KEY (shard, {ASSIGNEE_KEY})
);

INSERT INTO tickets_assignee_counter (shard, {ASSIGNEE_KEY}, tickets)
SELECT 0, {ASSIGNEE_ROW_KEY}, count(*) FROM tickets_ticket t GROUP BY {ASSIGNEE_ROW_KEY};

{_function(with_assignees=True)}
"""

REVERSE = f"""
{_function(with_assignees=False)}
DROP TABLE IF EXISTS tickets_assignee_counter;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0004_workspace"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, REVERSE),
    ]
