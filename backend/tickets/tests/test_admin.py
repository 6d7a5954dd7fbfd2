import pytest

pytestmark = pytest.mark.django_db

URL = "/admin/tickets/ticket/"


def test_admin_search_uses_the_api_search(admin_client, make_ticket, plain_static_files):
    make_ticket(title="Billing question", description="Charged twice.")
    make_ticket(title="Catalog slow", description="The catalog page takes ages.")
    make_ticket(title="Refund please", description="The invoice charges are wrong.")

    half_typed = admin_client.get(URL, {"q": "billi"})
    two_words = admin_client.get(URL, {"q": "charges wrong"})

    assert half_typed.status_code == 200
    assert [t.title for t in half_typed.context["cl"].result_list] == ["Billing question"]
    assert [t.title for t in two_words.context["cl"].result_list] == ["Refund please"]


def test_an_edit_in_the_admin_is_one_event_like_an_edit_from_the_api(admin_client, admin_user):
    from tickets.models import TicketEvent
    from tickets.tests.factories import TicketFactory

    ticket = TicketFactory(priority="low", status="open")

    response = admin_client.post(
        f"{URL}{ticket.pk}/change/",
        {
            "title": ticket.title,
            "description": ticket.description,
            "category": ticket.category,
            "priority": "critical",
            "status": "in_progress",
            "assignee": "",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content[:500]
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.status, ticket.version) == ("critical", "in_progress", 2)
    event = TicketEvent.objects.get(ticket=ticket)
    assert event.kind == "updated"
    assert event.changes == {"priority": ["low", "critical"], "status": ["open", "in_progress"]}
    assert (event.actor_type, event.actor_id) == ("agent", admin_user.pk)


def test_the_admins_list_edits_go_through_the_service_too(admin_client):
    from tickets.models import TicketEvent
    from tickets.tests.factories import TicketFactory

    first, second = TicketFactory(status="open"), TicketFactory(status="open")
    rows = sorted([first, second], key=lambda t: t.created_at, reverse=True)
    form = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "_save": "Save"}
    for index, ticket in enumerate(rows):
        form[f"form-{index}-id"] = str(ticket.pk)
        form[f"form-{index}-status"] = "resolved" if ticket is first else ticket.status
        form[f"form-{index}-priority"] = ticket.priority

    admin_client.post(URL, form)

    assert TicketEvent.objects.filter(ticket=first).count() == 1
    assert TicketEvent.objects.filter(ticket=second).count() == 0
    first.refresh_from_db()
    assert (first.status, first.version) == ("resolved", 2)
    assert first.resolved_at is not None


def test_tickets_cannot_be_added_or_deleted_in_the_admin(admin_client):
    from tickets.tests.factories import TicketFactory

    ticket = TicketFactory()

    assert admin_client.get(f"{URL}add/").status_code == 403
    assert admin_client.get(f"{URL}{ticket.pk}/delete/").status_code == 403
