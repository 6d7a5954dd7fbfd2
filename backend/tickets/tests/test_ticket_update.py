import pytest

from tickets.models import Ticket

from .conftest import assert_error_shape

pytestmark = pytest.mark.django_db


def _url(ticket_id) -> str:
    return f"/api/tickets/{ticket_id}/"


def test_get_one_ticket(api_client, make_ticket):
    ticket = make_ticket(title="Printer on fire")

    response = api_client.get(_url(ticket.id))

    assert response.status_code == 200
    assert response.json()["title"] == "Printer on fire"
    assert response.json()["ai_suggestion"] is None


def test_seed_example_patch_changes_status_and_priority(api_client, make_ticket):
    ticket = make_ticket(status="open", priority="medium")

    response = api_client.patch(
        _url(ticket.id), {"status": "in_progress", "priority": "critical"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    assert response.json()["priority"] == "critical"
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority) == ("in_progress", "critical")


def test_patch_moves_updated_at_but_not_created_at(api_client, make_ticket):
    ticket = make_ticket(days_ago=2)

    body = api_client.patch(_url(ticket.id), {"status": "resolved"}, format="json").json()

    assert body["updated_at"] > body["created_at"]
    assert body["created_at"] == api_client.get(_url(ticket.id)).json()["created_at"]


def test_patch_every_writable_field(api_client, make_ticket):
    ticket = make_ticket()
    change = {
        "title": "New title",
        "description": "New description",
        "category": "account",
        "priority": "low",
        "status": "closed",
    }

    body = api_client.patch(_url(ticket.id), change, format="json").json()

    assert {key: body[key] for key in change} == change


def test_patch_keeps_the_ai_suggestion(api_client):
    created = api_client.post(
        "/api/tickets/",
        {"title": "Refund", "description": "I was charged twice on my invoice."},
        format="json",
    ).json()

    body = api_client.patch(_url(created["id"]), {"category": "general"}, format="json").json()

    assert body["category"] == "general"
    assert body["ai_suggestion"] == created["ai_suggestion"]


def test_empty_patch_changes_nothing(api_client, make_ticket):
    ticket = make_ticket(status="open")

    response = api_client.patch(_url(ticket.id), {}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "open"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "done"),
        ("priority", "urgent"),
        ("category", "sales"),
        ("status", 1),
        ("status", None),
        ("priority", ["high"]),
        ("title", ""),
        ("title", "   "),
        ("title", "x" * 201),
        ("title", 42),
        ("title", None),
        ("description", ""),
        ("description", "x" * 10_001),
        ("description", {"text": "hi"}),
        ("description", True),
    ],
)
def test_invalid_values_are_refused_and_nothing_changes(api_client, make_ticket, field, value):
    ticket = make_ticket(title="Original", status="open")

    response = api_client.patch(_url(ticket.id), {field: value}, format="json")

    assert_error_shape(response, 400, field)
    ticket.refresh_from_db()
    assert (ticket.title, ticket.status) == ("Original", "open")


@pytest.mark.parametrize("field", ["id", "created_at", "updated_at", "ai_suggestion"])
def test_read_only_fields_are_refused(api_client, make_ticket, field):
    ticket = make_ticket()

    response = api_client.patch(_url(ticket.id), {field: None, "status": "closed"}, format="json")

    body = assert_error_shape(response, 400, field)
    assert body["errors"][field] == ["This field is read-only."]
    ticket.refresh_from_db()
    assert ticket.status == "open"


def test_unknown_fields_are_refused(api_client, make_ticket):
    ticket = make_ticket()

    response = api_client.patch(_url(ticket.id), {"owner": "bob"}, format="json")

    body = assert_error_shape(response, 400, "owner")
    assert body["errors"]["owner"] == ["Unknown field."]


@pytest.mark.parametrize("method", ["put", "delete"])
def test_put_and_delete_are_not_allowed(api_client, make_ticket, method):
    ticket = make_ticket()

    response = getattr(api_client, method)(_url(ticket.id), {"status": "closed"}, format="json")

    assert_error_shape(response, 405)
    assert Ticket.objects.filter(pk=ticket.pk, status="open").exists()


@pytest.mark.parametrize("ticket_id", ["999999", "999999999999999999", "9" * 30, "abc", "-1"])
def test_unknown_ids_are_404_in_the_error_shape(api_client, ticket_id):
    assert_error_shape(api_client.get(_url(ticket_id)), 404)
    assert_error_shape(api_client.patch(_url(ticket_id), {}, format="json"), 404)


def test_patch_to_a_missing_ticket_with_bad_body_is_404(api_client):
    assert_error_shape(api_client.patch(_url(12345), {"status": "bogus"}, format="json"), 404)
