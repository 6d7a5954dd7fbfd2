"""The ticket workspace: requester, assignee, versions, portal keys, comments and events.

Written for a table of a million tickets: new columns are added without a default that
would rewrite the table, one UPDATE fills what existing tickets need (portal salt and
key hash, resolved_at, priority_rank), the events are inserted with INSERT ... SELECT
before their indexes are built, and the search document becomes a column kept by a
trigger, so that comments can join it (its stored values are kept as they are).

Existing tickets get (CONTRACT §9): version 1, no requester, a portal salt, resolved_at =
updated_at when resolved or closed, a `created` event by the system, and an
`ai_suggested` event by the AI where a suggestion is stored. Their override flags say what
wave 1's statistics said: a label that differs from the suggestion was overridden.
"""

import django.contrib.postgres.search
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from tickets.portal import sql_key_hash

SEARCH_EXPRESSION = (
    "to_tsvector('english', coalesce(title, '') || ' ' || coalesce(description, ''))"
    " || to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, ''))"
)

# From the generated column of 0001 to a plain one whose values stay as they are.
SEARCH_DOCUMENT_TO_PLAIN = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_name = 'tickets_ticket' AND column_name = 'search_document'
                 AND table_schema = current_schema() AND is_generated = 'ALWAYS') THEN
        ALTER TABLE tickets_ticket ALTER COLUMN search_document DROP EXPRESSION;
    END IF;
END;
$$;
"""

SEARCH_DOCUMENT_TO_GENERATED = f"""
DROP INDEX IF EXISTS ticket_search_idx;
ALTER TABLE tickets_ticket DROP COLUMN search_document;
ALTER TABLE tickets_ticket ADD COLUMN search_document tsvector
    GENERATED ALWAYS AS ({SEARCH_EXPRESSION}) STORED;
CREATE INDEX ticket_search_idx ON tickets_ticket USING gin (search_document);
ALTER TABLE tickets_ticket ALTER COLUMN search_document SET STATISTICS 1000;
"""

DERIVED_COLUMNS = """
CREATE FUNCTION tickets_ticket_derived_columns() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.priority_rank := CASE NEW.priority
        WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END;
    IF TG_OP = 'INSERT'
        OR NEW.title IS DISTINCT FROM OLD.title
        OR NEW.description IS DISTINCT FROM OLD.description
        OR NEW.comment_document IS DISTINCT FROM OLD.comment_document
    THEN
        NEW.search_document :=
            to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(NEW.description, ''))
            || to_tsvector('simple', coalesce(NEW.title, '') || ' ' || coalesce(NEW.description, ''))
            || coalesce(NEW.comment_document, ''::tsvector);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER tickets_ticket_derived
    BEFORE INSERT OR UPDATE OF title, description, priority, comment_document
    ON tickets_ticket FOR EACH ROW EXECUTE FUNCTION tickets_ticket_derived_columns();
"""

DROP_DERIVED_COLUMNS = """
DROP TRIGGER IF EXISTS tickets_ticket_derived ON tickets_ticket;
DROP FUNCTION IF EXISTS tickets_ticket_derived_columns();
"""

EVENTS_BACKFILL = """
INSERT INTO tickets_ticketevent (ticket_id, version, at, actor_type, actor_id, actor_name,
                                 kind, changes, comment_id)
SELECT id, 1, created_at, 'system', NULL, 'System', 'created', '{}'::jsonb, NULL
FROM tickets_ticket ORDER BY id;

INSERT INTO tickets_ticketevent (ticket_id, version, at, actor_type, actor_id, actor_name,
                                 kind, changes, comment_id)
SELECT id, 1, created_at, 'ai', NULL, 'AI', 'ai_suggested',
       jsonb_build_object('ai_suggestion', jsonb_build_array(NULL, jsonb_build_object(
           'category', ai_category, 'priority', ai_priority,
           'category_confidence', ai_category_confidence,
           'priority_confidence', ai_priority_confidence,
           'provider', ai_provider, 'language', NULL))),
       NULL
FROM tickets_ticket WHERE ai_category IS NOT NULL ORDER BY id;
"""


def fill_existing_tickets(apps, schema_editor):
    key_hash_sql, params = sql_key_hash("t.id", "s.salt")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE tickets_ticket t
            SET portal_salt = s.salt,
                portal_key_hash = {key_hash_sql},
                priority_rank = CASE t.priority WHEN 'critical' THEN 0 WHEN 'high' THEN 1
                                                WHEN 'medium' THEN 2 ELSE 3 END,
                resolved_at = CASE WHEN t.status IN ('resolved', 'closed')
                                   THEN t.updated_at END,
                -- Wave 1 kept no actors: a label that differs from the suggestion counted
                -- as overridden there, and keeps counting so.
                ai_category_overridden = coalesce(t.ai_category <> t.category, false),
                ai_priority_overridden = coalesce(t.ai_priority <> t.priority, false)
            FROM (SELECT id, replace(gen_random_uuid()::text, '-', '') AS salt
                  FROM tickets_ticket) s
            WHERE s.id = t.id
            """,
            params,
        )
        cursor.execute(EVENTS_BACKFILL)


class Migration(migrations.Migration):
    # One transaction would hold every row lock of the backfill to the end anyway; the
    # statements are few and large.
    atomic = True

    dependencies = [
        ("tickets", "0003_search_statistics"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The search document: from a generated column to one kept by a trigger.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="ticket",
                    name="search_document",
                    field=django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(SEARCH_DOCUMENT_TO_PLAIN, SEARCH_DOCUMENT_TO_GENERATED),
            ],
        ),
        migrations.AddField(
            model_name="ticket",
            name="comment_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="ticket",
            name="priority_rank",
            field=models.SmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="ticket",
            name="ai_language",
            field=models.CharField(blank=True, max_length=8, null=True),
        ),
        migrations.AddField(
            model_name="ticket",
            name="ai_category_overridden",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.AddField(
            model_name="ticket",
            name="ai_priority_overridden",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.AddField(
            model_name="ticket",
            name="assignee",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assigned_tickets",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="ticket",
            name="first_response_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="ticket",
            name="resolved_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="ticket",
            name="requester_email",
            field=models.EmailField(blank=True, max_length=254, null=True),
        ),
        migrations.AddField(
            model_name="ticket",
            name="requester_name",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="ticket",
            name="version",
            field=models.PositiveIntegerField(db_default=1, default=1),
        ),
        # Nullable while existing tickets get theirs; NOT NULL and unique below.
        migrations.AddField(
            model_name="ticket",
            name="portal_salt",
            field=models.CharField(max_length=32, null=True),
        ),
        migrations.AddField(
            model_name="ticket",
            name="portal_key_hash",
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.CreateModel(
            name="Comment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("body", models.TextField(max_length=10000)),
                ("visibility", models.CharField(choices=[("public", "Public reply"), ("internal", "Internal note")], max_length=16)),
                ("author_type", models.CharField(choices=[("agent", "Agent"), ("requester", "Requester")], max_length=16)),
                ("author_name", models.CharField(max_length=200)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("author", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("ticket", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="comments", to="tickets.ticket")),
            ],
            options={"ordering": ["created_at", "id"]},
        ),
        migrations.CreateModel(
            name="TicketEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveIntegerField()),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                ("actor_type", models.CharField(choices=[("agent", "Agent"), ("requester", "Requester"), ("ai", "AI"), ("system", "System")], max_length=16)),
                ("actor_name", models.CharField(max_length=200)),
                ("kind", models.CharField(choices=[("created", "Created"), ("updated", "Updated"), ("commented", "Commented"), ("ai_suggested", "AI suggested")], max_length=16)),
                ("changes", models.JSONField(default=dict)),
                ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("comment", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="tickets.comment")),
                ("ticket", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="events", to="tickets.ticket")),
            ],
            options={"ordering": ["id"]},
        ),
        migrations.RunSQL(DERIVED_COLUMNS, DROP_DERIVED_COLUMNS),
        migrations.RunPython(fill_existing_tickets, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="ticket",
            name="portal_salt",
            field=models.CharField(max_length=32),
        ),
        migrations.AlterField(
            model_name="ticket",
            name="portal_key_hash",
            field=models.CharField(max_length=64),
        ),
        migrations.AddConstraint(
            model_name="ticket",
            constraint=models.UniqueConstraint(fields=["portal_key_hash"], name="ticket_portal_key_unique"),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(fields=["priority_rank", "-created_at", "-id"], name="ticket_urgent_newest_idx"),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(fields=["status", "priority_rank", "-created_at", "-id"], name="ticket_status_urgent_idx"),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(fields=["assignee", "-created_at", "-id"], name="ticket_assignee_newest_idx"),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(condition=models.Q(("resolved_at__isnull", False)), fields=["resolved_at"], name="ticket_resolved_at_idx"),
        ),
        migrations.AddConstraint(
            model_name="ticket",
            constraint=models.CheckConstraint(condition=models.Q(("version__gte", 1)), name="ticket_version_valid"),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["ticket", "created_at", "id"], name="comment_ticket_oldest_idx"),
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.CheckConstraint(condition=models.Q(("visibility__in", ["public", "internal"])), name="comment_visibility_valid"),
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.CheckConstraint(condition=models.Q(("body__regex", "^\\s*$"), _negated=True), name="comment_body_not_blank"),
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length("body"), 10000), name="comment_body_max_length"),
        ),
        migrations.AddIndex(
            model_name="ticketevent",
            index=models.Index(fields=["ticket", "id"], name="event_ticket_oldest_idx"),
        ),
        migrations.AddConstraint(
            model_name="ticketevent",
            constraint=models.CheckConstraint(condition=models.Q(("actor_type__in", ["agent", "requester", "ai", "system"])), name="event_actor_type_valid"),
        ),
        migrations.AddConstraint(
            model_name="ticketevent",
            constraint=models.CheckConstraint(condition=models.Q(("kind__in", ["created", "updated", "commented", "ai_suggested"])), name="event_kind_valid"),
        ),
    ]
