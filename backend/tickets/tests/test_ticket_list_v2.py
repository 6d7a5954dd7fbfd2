"""The list's wave-2 options (CONTRACT §9): sort, ticket numbers in search, date and
override filters, requester fields; counts stay honest for every filter."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from core.testing import assert_error_shape
from tickets.models import Ticket

from .factories import TicketFactory

pytestmark = pytest.mark.django_db

URL = "/api/tickets/"


def _ids(client, **query) -> list[int]:
    return [t["id"] for t in client.get(URL, query).json()["results"]]


def _aged(days: float, **fields) -> Ticket:
    ticket = TicketFactory(**fields)
    Ticket.objects.filter(pk=ticket.pk).update(created_at=timezone.now() - timedelta(days=days))
    return ticket


def test_sort_newest_oldest_and_by_priority(api_client):
    old_low = _aged(5, priority="low")
    mid_critical = _aged(3, priority="critical")
    new_high = _aged(1, priority="high")
    newest_critical = _aged(0.5, priority="critical")

    assert _ids(api_client) == [newest_critical.pk, new_high.pk, mid_critical.pk, old_low.pk]
    assert _ids(api_client, sort="oldest") == [
        old_low.pk,
        mid_critical.pk,
        new_high.pk,
        newest_critical.pk,
    ]
    assert _ids(api_client, sort="priority") == [
        newest_critical.pk,
        mid_critical.pk,
        new_high.pk,
        old_low.pk,
    ]


def test_sorting_by_priority_follows_a_changed_priority(api_client):
    first = _aged(2, priority="low")
    second = _aged(1, priority="medium")

    api_client.patch(f"{URL}{first.pk}/", {"priority": "critical"}, format="json")

    assert _ids(api_client, sort="priority") == [first.pk, second.pk]


@pytest.mark.parametrize("value", ["priority,newest", "random", "-created_at"])
def test_an_unknown_sort_is_400(api_client, value):
    assert_error_shape(api_client.get(URL, {"sort": value}), 400, "sort")


@pytest.mark.parametrize("typed", ["{id}", "#{id}", " #{id} "])
def test_a_ticket_number_puts_that_ticket_first(api_client, typed):
    wanted = _aged(30, title="Old ticket")
    mentions = _aged(1, title="Related", description=f"Same as ticket {wanted.pk} last month")
    _aged(0, title="Unrelated")

    body = api_client.get(URL, {"search": typed.format(id=wanted.pk)}).json()

    assert [t["id"] for t in body["results"]] == [wanted.pk, mentions.pk]
    assert body["count"] == 2


def test_the_numbered_ticket_first_still_obeys_the_filters_and_paging(api_client):
    wanted = _aged(30, status="closed")
    others = [_aged(n, description=f"see {wanted.pk}") for n in range(1, 4)]

    filtered = _ids(api_client, search=str(wanted.pk), status="open")
    page_1 = api_client.get(URL, {"search": str(wanted.pk), "page_size": 2}).json()
    page_2 = api_client.get(URL, {"search": str(wanted.pk), "page_size": 2, "page": 2}).json()

    assert wanted.pk not in filtered
    assert [t["id"] for t in page_1["results"]] == [wanted.pk, others[0].pk]
    assert [t["id"] for t in page_2["results"]] == [others[1].pk, others[2].pk]
    assert page_1["count"] == page_2["count"] == 4


def test_created_from_and_to_are_inclusive_utc_days(api_client):
    today = timezone.now().date()
    three_days_ago = _aged(3)
    yesterday = _aged(1)
    _aged(0)

    ids = _ids(
        api_client,
        created_from=(today - timedelta(days=3)).isoformat(),
        created_to=(today - timedelta(days=1)).isoformat(),
    )

    assert set(ids) == {three_days_ago.pk, yesterday.pk}


def _created_at(when: datetime) -> Ticket:
    ticket = TicketFactory()
    Ticket.objects.filter(pk=ticket.pk).update(created_at=when)
    return ticket


def test_created_days_follow_the_requested_time_zone(api_client):
    # given: 14 June in New York runs from 04:00 UTC on the 14th to 04:00 UTC on the 15th
    late_in_new_york = _created_at(datetime(2026, 6, 15, 2, 0, tzinfo=UTC))
    early_in_new_york = _created_at(datetime(2026, 6, 14, 4, 30, tzinfo=UTC))
    before_in_new_york = _created_at(datetime(2026, 6, 14, 3, 30, tzinfo=UTC))
    day = {"created_from": "2026-06-14", "created_to": "2026-06-14"}

    # when / then
    in_new_york = api_client.get(URL, {**day, "tz": "America/New_York"}).json()
    assert [t["id"] for t in in_new_york["results"]] == [late_in_new_york.pk, early_in_new_york.pk]
    assert in_new_york["count"] == 2
    assert set(_ids(api_client, **day)) == {early_in_new_york.pk, before_in_new_york.pk}
    assert set(_ids(api_client, **day, tz="")) == {early_in_new_york.pk, before_in_new_york.pk}


def test_the_last_day_a_date_can_name_bounds_nothing_on_the_list_and_the_export(api_client):
    tickets = {TicketFactory().pk, TicketFactory().pk}

    for zone in ("", "Pacific/Kiritimati", "America/New_York"):
        query = {"created_to": "9999-12-31", "tz": zone}
        assert set(_ids(api_client, **query)) == tickets
        export = api_client.get("/api/tickets/export.csv", query)
        assert export.status_code == 200
        assert len(b"".join(export.streaming_content).decode().splitlines()) == 1 + len(tickets)


def test_an_unknown_time_zone_is_400_on_the_list_and_the_export(api_client):
    for url in (URL, "/api/tickets/export.csv"):
        response = api_client.get(url, {"created_from": "2026-06-14", "tz": "Mars/Olympus"})
        assert_error_shape(response, 400, "tz")


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "2026-02-30"])
def test_bad_dates_are_400(api_client, value):
    assert_error_shape(api_client.get(URL, {"created_from": value}), 400, "created_from")


def test_empty_filter_values_mean_no_filter(api_client):
    ticket = TicketFactory()

    ids = _ids(
        api_client,
        created_from="",
        created_to="",
        ai_overridden="",
        assignee="",
        sort="",
        search="",
    )

    assert ids == [ticket.pk]


def test_ai_overridden_finds_tickets_whose_labels_differ_from_the_suggestion(api_client):
    kept = TicketFactory(
        category="billing", priority="high", ai_category="billing", ai_priority="high"
    )
    other_category = TicketFactory(
        category="account", priority="high", ai_category="billing", ai_priority="high"
    )
    other_priority = TicketFactory(
        category="billing", priority="low", ai_category="billing", ai_priority="high"
    )
    TicketFactory(category="general", priority="low")  # no suggestion at all

    assert _ids(api_client, ai_overridden="category") == [other_category.pk]
    assert _ids(api_client, ai_overridden="priority") == [other_priority.pk]
    assert set(_ids(api_client, ai_overridden="any")) == {other_category.pk, other_priority.pk}
    assert kept.pk not in _ids(api_client, ai_overridden="any")


def test_counts_of_every_filter_combination_are_exact_or_flagged(api_client, agent):
    # A filter the counters do not know must not get a counter's answer.
    for days in range(6):
        _aged(days, priority="high" if days % 2 else "low", assignee=agent if days < 3 else None)
    combinations = [
        {"priority": "high"},
        {"assignee": "me"},
        {"assignee": "me", "priority": "high"},
        {"created_from": (timezone.now() - timedelta(days=2.5)).date().isoformat()},
        {"ai_overridden": "any"},
        {"search": "ticket", "assignee": "none"},
    ]
    for query in combinations:
        body = api_client.get(URL, {**query, "page_size": 1}).json()
        full = api_client.get(URL, {**query, "page_size": 100}).json()
        assert body["count"] == len(full["results"]), query
        assert not body.get("count_is_estimate"), query


def test_requester_name_and_email_are_kept_and_shown(api_client):
    response = api_client.post(
        URL,
        {
            "title": "Hi",
            "description": "Help",
            "requester_name": "  Ana Lima ",
            "requester_email": "Ana.Lima@Example.COM",
        },
        format="json",
    )

    assert response.json()["requester"] == {"name": "Ana Lima", "email": "Ana.Lima@example.com"}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"requester_email": "not an address"}, "requester_email"),
        ({"requester_email": 7}, "requester_email"),
        ({"requester_name": "x" * 201}, "requester_name"),
        ({"requester_name": "Ana\nLima"}, "requester_name"),
        ({"requester_name": "Ana\u0085Lima"}, "requester_name"),
    ],
)
def test_bad_requester_fields_are_400(anonymous_client, fields, field):
    body = {"title": "Hi", "description": "Help", **fields}

    assert_error_shape(anonymous_client.post(URL, body, format="json"), 400, field)


def test_requester_fields_cannot_be_changed_by_patch(api_client):
    ticket = TicketFactory()

    response = api_client.patch(f"{URL}{ticket.pk}/", {"requester_email": "x@y.z"}, format="json")

    assert_error_shape(response, 400, "requester_email")
