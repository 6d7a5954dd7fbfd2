"""The counters behind the statistics stay exact through every kind of write."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, connections, transaction
from django.db.models import Count, Min, Q

from tickets.models import Category, Priority, Status, Ticket, TicketEvent
from tickets.stats import totals_from_counts

from .factories import TicketFactory, portal_fields

URL = "/api/tickets/stats/"
TODAY = datetime(2026, 6, 1, 12, tzinfo=UTC)
COUNTER_KEY = "status, priority, category, ai_suggested, ai_category_kept, ai_priority_kept"


def stats_by_full_scan() -> dict:
    """The statistics computed the slow way: every ticket row read and grouped."""
    aggregates = {
        "total": Count("id"),
        "open": Count("id", filter=Q(status=Status.OPEN)),
        "first_created_at": Min("created_at"),
        "ai_suggested": Count("id", filter=Q(ai_category__isnull=False)),
        "ai_category_kept": Count(
            "id", filter=Q(ai_category__isnull=False, ai_category_overridden=False)
        ),
        "ai_priority_kept": Count(
            "id", filter=Q(ai_priority__isnull=False, ai_priority_overridden=False)
        ),
    }
    for status in Status.values:
        aggregates[f"status_{status}"] = Count("id", filter=Q(status=status))
    for priority in Priority.values:
        aggregates[f"priority_{priority}"] = Count("id", filter=Q(priority=priority))
    for category in Category.values:
        aggregates[f"category_{category}"] = Count("id", filter=Q(category=category))
    return totals_from_counts(Ticket.objects.aggregate(**aggregates), now=TODAY)


def counter_rows() -> set[tuple]:
    """Counter totals per key (shards summed, zeros left out)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {COUNTER_KEY}, sum(tickets) FROM tickets_ticket_counter "  # noqa: S608
            f"GROUP BY {COUNTER_KEY} HAVING sum(tickets) <> 0"
        )
        return set(cursor.fetchall())


def grouped_rows() -> set[tuple]:
    """The same totals from a plain GROUP BY over the tickets."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, priority, category, ai_category IS NOT NULL, "
            "(ai_category IS NOT NULL AND NOT ai_category_overridden), "
            "(ai_priority IS NOT NULL AND NOT ai_priority_overridden), "
            "count(*) FROM tickets_ticket GROUP BY 1, 2, 3, 4, 5, 6"
        )
        return set(cursor.fetchall())


def counted_stats() -> dict:
    from tickets.counters import counted_totals

    return totals_from_counts(counted_totals(), now=TODAY)


def assert_counters_exact():
    assert counter_rows() == grouped_rows()
    assert counted_stats() == stats_by_full_scan()


def suggested(**fields) -> Ticket:
    """A ticket whose AI suggestion equals its labels unless `fields` change them."""
    values = {
        "category": Category.BILLING,
        "priority": Priority.HIGH,
        "ai_category": Category.BILLING,
        "ai_priority": Priority.HIGH,
        "ai_category_confidence": 0.9,
        "ai_priority_confidence": 0.7,
        "ai_provider": "local",
    }
    return Ticket(
        title="Charged twice",
        description="Refund please.",
        **portal_fields(),
        **{**values, **fields},
    )


@pytest.mark.django_db
def test_creates_updates_and_deletes_through_the_api_keep_stats_exact(api_client):
    # given tickets created through the API (with AI suggestions) and by factories
    ids = []
    for description in ["I was charged twice.", "The app crashes on start.", "Reset password"]:
        response = api_client.post(
            "/api/tickets/", {"title": "Help", "description": description}, format="json"
        )
        ids.append(response.json()["id"])
    TicketFactory.create_batch(3, category=Category.ACCOUNT, status=Status.CLOSED)
    assert_counters_exact()

    # when one is overridden, one edited without changing labels, one deleted
    api_client.patch(f"/api/tickets/{ids[0]}/", {"category": "general"}, format="json")
    api_client.patch(f"/api/tickets/{ids[1]}/", {"title": "Crash"}, format="json")
    api_client.patch(f"/api/tickets/{ids[2]}/", {"status": "resolved"}, format="json")
    TicketEvent.objects.filter(ticket_id=ids[1]).delete()  # the product never deletes
    Ticket.objects.filter(pk=ids[1]).delete()

    # then
    assert_counters_exact()
    body = api_client.get(URL).json()
    assert body["total_tickets"] == 5
    assert body["ai"]["suggested"] == 2


@pytest.mark.django_db
def test_bulk_create_bulk_update_and_bulk_delete_keep_stats_exact():
    # given
    Ticket.objects.bulk_create(
        [suggested() for _ in range(40)]
        + [suggested(priority=Priority.LOW) for _ in range(10)]
        + [suggested(ai_category=None, ai_priority=None) for _ in range(5)]
    )
    assert counted_stats()["total_tickets"] == 55
    assert_counters_exact()

    # when several statements change many rows at once, as the admin's bulk actions do
    Ticket.objects.filter(priority=Priority.LOW).update(priority=Priority.HIGH)
    Ticket.objects.filter(pk__in=Ticket.objects.values("pk")[:15]).update(
        status=Status.CLOSED, category=Category.GENERAL
    )
    Ticket.objects.update(created_at=datetime(2026, 5, 1, tzinfo=UTC))
    Ticket.objects.filter(status=Status.CLOSED).delete()

    # then
    assert_counters_exact()
    stats = counted_stats()
    assert stats["total_tickets"] == 40
    assert stats["avg_tickets_per_day"] == round(40 / 32, 1)


@pytest.mark.django_db
def test_copy_keeps_stats_exact():
    # given rows loaded with COPY, the way seed_tickets loads them
    columns = (
        "title",
        "description",
        "category",
        "priority",
        "status",
        "created_at",
        "updated_at",
        "ai_category",
        "ai_priority",
        "id",
        "portal_salt",
        "portal_key_hash",
    )
    created = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        (
            "Copy",
            "Loaded in bulk.",
            Category.TECHNICAL,
            priority,
            Status.OPEN,
            created,
            created,
            *((Category.TECHNICAL, Priority.MEDIUM) if index % 2 else (None, None)),
            *portal_fields().values(),
        )
        for index, priority in enumerate(Priority.values * 5)
    ]

    # when
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY tickets_ticket ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    # then
    assert_counters_exact()
    stats = counted_stats()
    assert stats["total_tickets"] == 20
    # nobody overrode anything: a label that differs from the suggestion was the
    # submitter's, and "kept" counts agents' changes only (CONTRACT §12)
    assert stats["ai"] == {"suggested": 10, "category_kept": 1.0, "priority_kept": 1.0}


@pytest.mark.django_db
def test_truncate_empties_the_counters():
    Ticket.objects.bulk_create([suggested() for _ in range(5)])

    with connection.cursor() as cursor:
        # The foreign keys' checks are deferred to the commit; TRUNCATE wants none pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # CASCADE: other apps' rows about tickets (e-mails, deliveries) go with them.
        cursor.execute("TRUNCATE tickets_ticket, tickets_comment, tickets_ticketevent CASCADE")

    assert counter_rows() == set()
    assert counted_stats()["total_tickets"] == 0


@pytest.mark.django_db
def test_a_rolled_back_write_leaves_the_counters_unchanged():
    Ticket.objects.bulk_create([suggested() for _ in range(3)])

    def abort():
        with transaction.atomic():
            Ticket.objects.bulk_create([suggested() for _ in range(4)])
            Ticket.objects.update(status=Status.CLOSED)
            raise RuntimeError("abort")

    with pytest.raises(RuntimeError):
        abort()

    assert_counters_exact()
    assert counted_stats()["open_tickets"] == 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_stats_exact():
    # given tickets that writers will update and delete
    existing = Ticket.objects.bulk_create([suggested() for _ in range(48)])
    errors = []
    start = threading.Barrier(8)

    def writer(index: int):
        try:
            start.wait()
            mine = [ticket.pk for ticket in existing[index * 6 : index * 6 + 6]]
            for round_ in range(5):
                Ticket.objects.create(
                    title=f"Writer {index}",
                    description="Concurrent create.",
                    category=Category.values[(index + round_) % 4],
                    priority=Priority.values[round_ % 4],
                    ai_category=Category.ACCOUNT,
                    ai_priority=Priority.values[index % 4],
                    **portal_fields(),
                )
            with transaction.atomic():
                Ticket.objects.bulk_create([suggested(status=Status.IN_PROGRESS) for _ in range(3)])
                Ticket.objects.filter(pk__in=mine[:3]).update(priority=Priority.CRITICAL)
            Ticket.objects.filter(pk__in=mine[3:5]).delete()
            Ticket.objects.filter(pk=mine[5]).update(status=Status.RESOLVED)
        except Exception as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    # when 8 connections write at the same time
    threads = [threading.Thread(target=writer, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then
    assert errors == []
    assert_counters_exact()
    assert counted_stats()["total_tickets"] == 48 + 8 * (5 + 3 - 2)


@pytest.mark.django_db
def test_first_ticket_day_comes_from_the_oldest_ticket():
    Ticket.objects.bulk_create([suggested() for _ in range(4)])
    oldest = Ticket.objects.order_by("id").first()
    Ticket.objects.filter(pk=oldest.pk).update(created_at=TODAY - timedelta(days=9))

    assert counted_stats()["avg_tickets_per_day"] == 0.4
    assert_counters_exact()
