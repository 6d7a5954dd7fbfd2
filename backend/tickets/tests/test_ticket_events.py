"""The audit trail (CONTRACT §9): exactly one event per change, by any path."""

import pytest

from core.testing import assert_error_shape
from tickets.models import Ticket, TicketEvent

from .factories import TicketFactory

pytestmark = pytest.mark.django_db


def _events(client, ticket, **query) -> list[dict]:
    return client.get(f"/api/tickets/{ticket.pk}/events/", query).json()["results"]


def test_creating_writes_created_then_ai_suggested_both_at_version_1(api_client, agent):
    response = api_client.post(
        "/api/tickets/",
        {"title": "Charged twice", "description": "My card was charged twice this month."},
        format="json",
    )
    ticket = Ticket.objects.get(pk=response.json()["id"])

    events = _events(api_client, ticket)

    assert [(e["kind"], e["version"]) for e in events] == [("created", 1), ("ai_suggested", 1)]
    assert events[0]["actor"] == {"type": "agent", "id": agent.pk, "name": "Priya Raman"}
    assert events[1]["actor"] == {"type": "ai", "id": None, "name": "AI"}
    suggestion = events[1]["changes"]["ai_suggestion"]
    assert suggestion[0] is None
    assert suggestion[1]["provider"] == "local"
    assert set(events[0]) == {"id", "version", "at", "actor", "kind", "changes", "comment_id"}


def test_an_anonymous_submission_is_created_by_the_requester(anonymous_client, api_client):
    response = anonymous_client.post(
        "/api/tickets/",
        {"title": "Hi", "description": "Help please", "requester_name": "Ana Lima"},
        format="json",
    )
    ticket = Ticket.objects.get(pk=response.json()["id"])

    created = _events(api_client, ticket)[0]

    assert created["actor"] == {"type": "requester", "id": None, "name": "Ana Lima"}


def test_one_patch_of_several_fields_is_one_event_with_each_change(api_client):
    ticket = TicketFactory(priority="low", status="open", category="general")

    api_client.patch(
        f"/api/tickets/{ticket.pk}/",
        {"priority": "high", "status": "in_progress", "category": "general"},
        format="json",
    )

    (event,) = _events(api_client, ticket)
    assert event["kind"] == "updated"
    assert event["version"] == 2
    assert event["changes"] == {"priority": ["low", "high"], "status": ["open", "in_progress"]}


def test_resolving_sets_resolved_at_and_reopening_clears_it(api_client):
    ticket = TicketFactory(status="in_progress")
    url = f"/api/tickets/{ticket.pk}/"

    resolved = api_client.patch(url, {"status": "resolved"}, format="json").json()
    closed = api_client.patch(url, {"status": "closed"}, format="json").json()
    reopened = api_client.patch(url, {"status": "open"}, format="json").json()

    assert resolved["resolved_at"] is not None
    assert closed["resolved_at"] == resolved["resolved_at"]
    assert reopened["resolved_at"] is None


def test_events_since_a_version_say_what_changed_meanwhile(api_client):
    ticket = TicketFactory(priority="low")
    url = f"/api/tickets/{ticket.pk}/"
    api_client.patch(url, {"priority": "medium"}, format="json")
    api_client.patch(url, {"priority": "high"}, format="json")
    api_client.patch(url, {"status": "in_progress"}, format="json")

    since = _events(api_client, ticket, since_version=2)

    assert [e["version"] for e in since] == [3, 4]
    assert since[0]["changes"] == {"priority": ["medium", "high"]}


def test_bad_event_queries_are_400_and_unknown_tickets_404(api_client):
    ticket = TicketFactory()

    assert_error_shape(
        api_client.get(f"/api/tickets/{ticket.pk}/events/", {"since_version": "x"}),
        400,
        "since_version",
    )
    assert_error_shape(api_client.get("/api/tickets/123456789/events/"), 404)


def test_every_path_leaves_versions_in_step_with_events(api_client, anonymous_client):
    # given a ticket worked through the API, comments, a portal reply and a link rotation
    created = api_client.post(
        "/api/tickets/", {"title": "Printer", "description": "Broken"}, format="json"
    ).json()
    ticket_id = created["id"]
    url = f"/api/tickets/{ticket_id}/"
    api_client.patch(url, {"status": "resolved"}, format="json")
    api_client.post(f"{url}comments/", {"body": "Fixed?"}, format="json")
    key = created["portal_url"].rsplit("/", 1)[1]
    anonymous_client.post(f"/api/portal/{key}/replies/", {"body": "No!"}, format="json")
    api_client.post(f"{url}portal-link/")

    # then the version counts the changes, each event has its own version
    ticket = Ticket.objects.get(pk=ticket_id)
    versions = list(TicketEvent.objects.filter(ticket=ticket).values_list("version", flat=True))
    assert ticket.version == 5
    assert versions[-4:] == [2, 3, 4, 5]
