from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Q

from tickets.models import Category, Comment, Priority, Status, Ticket, TicketEvent
from tickets.seeding import SPAN, TicketRows

pytestmark = pytest.mark.django_db

END = datetime(2026, 6, 1, tzinfo=UTC)


def test_seed_tickets_adds_varied_tickets_of_every_label(api_client):
    # when
    call_command("seed_tickets", count=600, seed=3, no_progress=True)

    # then every label appears, with varied text and suggestions, some overridden
    assert Ticket.objects.count() == 600
    for field, values in [
        ("category", Category.values),
        ("priority", Priority.values),
        ("status", Status.values),
    ]:
        assert set(Ticket.objects.values_list(field, flat=True).distinct()) == set(values)
    assert Ticket.objects.values("title").distinct().count() > 300
    words = {
        word
        for text in Ticket.objects.values_list("description", flat=True)
        for word in text.split()
    }
    assert len(words) > 1000
    ai = Ticket.objects.aggregate(
        suggested=Count("id", filter=Q(ai_category__isnull=False)),
        overridden=Count("id", filter=Q(ai_category__isnull=False) & ~Q(ai_category=F("category"))),
    )
    assert 300 < ai["suggested"] < 550
    assert ai["overridden"] > 10
    # the stats endpoint (counters) agrees with the rows loaded by COPY
    assert api_client.get("/api/tickets/stats/").json()["total_tickets"] == 600


def test_seed_tickets_spreads_creation_dates_over_two_years():
    call_command("seed_tickets", count=300, seed=1, no_progress=True)

    dates = Ticket.objects.order_by("created_at").values_list("created_at", flat=True)
    first, last = dates.first(), dates.last()
    assert SPAN.days - 10 < (last - first).days <= SPAN.days
    # full-text search works on the loaded rows (the trigger fills the search document)
    assert Ticket.objects.filter(search_document="invoice").exists()


def test_same_seed_gives_the_same_tickets_and_another_seed_others():
    def rows(seed):
        return list(TicketRows(seed=seed, end=END).tickets(50))

    assert rows(7) == rows(7)
    assert rows(7) != rows(8)


def test_clear_replaces_existing_tickets_and_restarts_ids():
    call_command("seed_tickets", count=20, no_progress=True)
    call_command("seed_tickets", count=5, clear=True, no_progress=True)

    assert sorted(Ticket.objects.values_list("id", flat=True)) == [1, 2, 3, 4, 5]
    assert Comment.objects.filter(ticket_id__gt=5).count() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(tickets) FROM tickets_ticket_counter")
        assert cursor.fetchone()[0] == 5


def test_negative_count_is_refused():
    with pytest.raises(CommandError):
        call_command("seed_tickets", count=-1, no_progress=True)


def test_seeded_tickets_have_conversations_history_and_working_portal_links(
    api_client, anonymous_client
):
    # when
    call_command("seed_tickets", count=200, seed=5, no_progress=True)

    # then about two comments a ticket, one event per change, versions that match them
    assert 300 < Comment.objects.count() < 500
    ticket = Ticket.objects.filter(comments__visibility="public").first()
    events = TicketEvent.objects.filter(ticket=ticket)
    assert events.filter(kind="commented").count() == ticket.comments.count()
    assert max(events.values_list("version", flat=True)) == ticket.version
    # comments are searchable, and the portal opens with the ticket's link
    word = ticket.comments.first().body.split()[-1].strip(".!?,")
    assert api_client.get("/api/tickets/", {"search": word}).json()["count"] >= 1
    link = api_client.get(f"/api/tickets/{ticket.id}/").json()["portal_url"]
    portal = anonymous_client.get(f"/api/portal/{link.rsplit('/', 1)[1]}/")
    assert portal.status_code == 200
    assert portal.json()["id"] == ticket.id
