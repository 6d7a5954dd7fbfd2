"""The conversation (CONTRACT §9): public replies and internal notes, each one event."""

import pytest

from core.testing import assert_error_shape
from tickets.models import TicketEvent

from .factories import TicketFactory

pytestmark = pytest.mark.django_db


def _comments_url(ticket) -> str:
    return f"/api/tickets/{ticket.pk}/comments/"


def _post(client, ticket, body="We are looking into it.", **extra):
    return client.post(_comments_url(ticket), {"body": body, **extra}, format="json")


def test_a_reply_is_public_by_default_and_is_one_event(api_client, agent):
    ticket = TicketFactory()

    response = _post(api_client, ticket, "  Thanks, we are on it.\n\nPriya  ")

    assert response.status_code == 201
    comment = response.json()
    assert comment == {
        "id": comment["id"],
        "body": "Thanks, we are on it.\n\nPriya",
        "visibility": "public",
        "author": {"type": "agent", "id": agent.pk, "name": "Priya Raman"},
        "created_at": comment["created_at"],
    }
    event = TicketEvent.objects.get(ticket=ticket)
    assert (event.kind, event.comment_id, event.version) == ("commented", comment["id"], 2)
    ticket.refresh_from_db()
    assert ticket.version == 2


def test_the_first_public_reply_is_the_first_response(api_client):
    ticket = TicketFactory()

    _post(api_client, ticket, "Internal: checking logs", visibility="internal")
    after_note = api_client.get(f"/api/tickets/{ticket.pk}/").json()["first_response_at"]
    first = _post(api_client, ticket).json()
    _post(api_client, ticket, "Another reply")
    ticket_json = api_client.get(f"/api/tickets/{ticket.pk}/").json()

    assert after_note is None
    assert ticket_json["first_response_at"] == first["created_at"]


def test_comments_are_listed_oldest_first_in_pages_of_fifty(api_client):
    ticket = TicketFactory()
    for number in range(52):
        _post(
            api_client, ticket, f"Reply {number}", visibility="internal" if number % 2 else "public"
        )

    first_page = api_client.get(_comments_url(ticket)).json()
    second_page = api_client.get(_comments_url(ticket), {"page": 2}).json()

    assert first_page["count"] == 52
    assert [c["body"] for c in first_page["results"]][:3] == ["Reply 0", "Reply 1", "Reply 2"]
    assert len(first_page["results"]) == 50
    assert [c["body"] for c in second_page["results"]] == ["Reply 50", "Reply 51"]
    assert {c["visibility"] for c in first_page["results"]} == {"public", "internal"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   \n\t "}, "body"),
        ({"body": "x" * 10_001}, "body"),
        ({"body": "bell \x07 character"}, "body"),
        ({"body": 42}, "body"),
        ({"body": "ok", "visibility": "private"}, "visibility"),
        ({"body": "ok", "visibility": None}, "visibility"),
        ({"body": "ok", "author": "someone"}, "author"),
    ],
)
def test_bad_comments_are_400_and_write_nothing(api_client, body, field):
    ticket = TicketFactory()

    response = api_client.post(_comments_url(ticket), body, format="json")

    assert_error_shape(response, 400, field)
    assert not TicketEvent.objects.filter(ticket=ticket).exists()


def test_newlines_and_tabs_are_kept_in_a_comment(api_client):
    ticket = TicketFactory()

    response = _post(api_client, ticket, "Steps:\r\n\t1. Open\r\n\t2. Click")

    assert response.json()["body"] == "Steps:\n\t1. Open\n\t2. Click"


def test_a_comment_of_ten_thousand_characters_is_accepted(api_client):
    ticket = TicketFactory()

    assert _post(api_client, ticket, "y" * 10_000).status_code == 201


def test_comments_on_an_unknown_ticket_are_404(api_client):
    class Missing:
        pk = 987_654_321

    assert_error_shape(_post(api_client, Missing()), 404)
    assert_error_shape(api_client.get(_comments_url(Missing())), 404)


def test_search_finds_words_of_comments_internal_notes_included(api_client):
    replied = TicketFactory(title="Printer jam", description="It jams.")
    noted = TicketFactory(title="Login", description="Cannot sign in.")
    TicketFactory(title="Other", description="Nothing here.")
    _post(api_client, replied, "Replaced the zeppelinix cartridge for you.")
    _post(api_client, noted, "Escalated to the quasarine team.", visibility="internal")

    by_reply = api_client.get("/api/tickets/", {"search": "zeppelin"}).json()["results"]
    by_note = api_client.get("/api/tickets/", {"search": "quasarine login"}).json()["results"]

    assert [t["id"] for t in by_reply] == [replied.pk]
    assert [t["id"] for t in by_note] == [noted.pk]


def test_editing_the_title_keeps_the_comments_searchable(api_client):
    ticket = TicketFactory(title="Printer jam")
    _post(api_client, ticket, "Sent a new vortexium roller.")

    api_client.patch(f"/api/tickets/{ticket.pk}/", {"title": "Printer jams daily"}, format="json")

    assert api_client.get("/api/tickets/", {"search": "vortexium"}).json()["count"] == 1
    assert api_client.get("/api/tickets/", {"search": "daily"}).json()["count"] == 1
