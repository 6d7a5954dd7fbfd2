"""Upgrading a wave-1 database (migration 0004, CONTRACT §9's last bullet)."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tickets.models import Ticket, TicketEvent
from tickets.portal import key_hash, portal_key

BEFORE = [("tickets", "0003_search_statistics"), ("accounts", "0001_initial")]
MOMENT = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_existing_tickets_get_versions_portal_keys_resolved_at_and_events():
    # given wave-1 tickets, as its schema stored them
    _migrate(BEFORE)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO tickets_ticket (title, description, category, priority, status,
                created_at, updated_at, ai_category, ai_priority, ai_category_confidence,
                ai_priority_confidence, ai_provider)
            VALUES
                ('Charged twice', 'Refund please', 'billing', 'high', 'resolved',
                 %(at)s, %(at)s, 'billing', 'high', 0.9, 0.8, 'local'),
                ('App crashes', 'On start', 'technical', 'critical', 'open',
                 %(at)s, %(at)s, NULL, NULL, NULL, NULL, NULL)
            """,
            {"at": MOMENT},
        )

    # when the workspace migrations run
    try:
        _migrate([("tickets", leaf) for leaf in _tickets_leaf()])
    finally:
        call_command("migrate", verbosity=0)

    # then
    resolved = Ticket.objects.get(title="Charged twice")
    working = Ticket.objects.get(title="App crashes")
    assert (resolved.version, working.version) == (1, 1)
    assert resolved.resolved_at == MOMENT
    assert working.resolved_at is None
    assert (resolved.requester_name, resolved.assignee_id) == (None, None)
    assert (resolved.priority_rank, working.priority_rank) == (1, 0)
    for ticket in (resolved, working):
        assert len(ticket.portal_salt) == 32
        assert ticket.portal_key_hash == key_hash(portal_key(ticket.pk, ticket.portal_salt))
    assert list(
        TicketEvent.objects.filter(ticket=resolved).values_list("kind", "version", "actor_type")
    ) == [("created", 1, "system"), ("ai_suggested", 1, "ai")]
    assert list(TicketEvent.objects.filter(ticket=working).values_list("kind", flat=True)) == [
        "created"
    ]
    suggestion = TicketEvent.objects.get(ticket=resolved, kind="ai_suggested").changes
    assert suggestion["ai_suggestion"][1]["category"] == "billing"
    # and the old search document still finds them, with the trigger in charge from now on
    assert Ticket.objects.filter(search_document="refund").get() == resolved


def _tickets_leaf() -> list[str]:
    executor = MigrationExecutor(connection)
    return [name for app, name in executor.loader.graph.leaf_nodes() if app == "tickets"]
