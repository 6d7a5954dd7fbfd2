"""Assignment (CONTRACT §9): to an active agent or nobody; filters me, none and an id."""

import pytest

from accounts.services import user_update
from accounts.tests.factories import UserFactory
from core.testing import assert_error_shape
from tickets.models import TicketEvent

from .factories import TicketFactory

pytestmark = pytest.mark.django_db


def _assign(client, ticket, assignee):
    return client.patch(f"/api/tickets/{ticket.pk}/", {"assignee": assignee}, format="json")


def test_assign_to_an_agent_and_back_to_nobody(api_client, agent):
    ticket = TicketFactory()
    colleague = UserFactory(username="sam", first_name="Sam Okafor")

    to_me = _assign(api_client, ticket, agent.pk)
    to_sam = _assign(api_client, ticket, colleague.pk)
    to_nobody = _assign(api_client, ticket, None)

    assert to_me.json()["assignee"] == {"id": agent.pk, "name": "Priya Raman"}
    assert to_sam.json()["assignee"] == {"id": colleague.pk, "name": "Sam Okafor"}
    assert to_nobody.json()["assignee"] is None
    changes = [e.changes["assignee"] for e in TicketEvent.objects.filter(ticket=ticket)]
    assert changes == [
        [None, {"id": agent.pk, "name": "Priya Raman"}],
        [{"id": agent.pk, "name": "Priya Raman"}, {"id": colleague.pk, "name": "Sam Okafor"}],
        [{"id": colleague.pk, "name": "Sam Okafor"}, None],
    ]


@pytest.mark.parametrize("assignee", [999_999, 10**17, "5", True, {"id": 1}])
def test_unknown_or_malformed_assignees_are_400(api_client, assignee):
    ticket = TicketFactory()

    assert_error_shape(_assign(api_client, ticket, assignee), 400, "assignee")


def test_an_inactive_agent_cannot_be_assigned(api_client):
    ticket = TicketFactory()
    gone = UserFactory(username="gone", is_active=False)

    assert_error_shape(_assign(api_client, ticket, gone.pk), 400, "assignee")


def test_agents_may_assign_when_creating_anonymous_callers_may_not(
    api_client, anonymous_client, agent
):
    body = {"title": "Hi", "description": "Help", "assignee": agent.pk}

    by_agent = api_client.post("/api/tickets/", body, format="json")
    by_anonymous = anonymous_client.post("/api/tickets/", body, format="json")

    assert by_agent.json()["assignee"]["id"] == agent.pk
    errors = assert_error_shape(by_anonymous, 400, "assignee")["errors"]
    assert errors["assignee"] == ["Unknown field."]


def test_filters_me_none_and_an_id_with_exact_counts(api_client, agent):
    colleague = UserFactory(username="sam")
    mine = [TicketFactory(assignee=agent) for _ in range(3)]
    theirs = [TicketFactory(assignee=colleague) for _ in range(2)]
    nobodys = [TicketFactory() for _ in range(4)]

    def ids(**query):
        body = api_client.get("/api/tickets/", {**query, "page_size": 2}).json()
        return body["count"], body.get("count_is_estimate", False)

    assert ids(assignee="me") == (3, False)
    assert ids(assignee="none") == (4, False)
    assert ids(assignee=str(colleague.pk)) == (2, False)
    assert ids(assignee="none", status="open") == (4, False)
    listed = api_client.get("/api/tickets/", {"assignee": "me"}).json()["results"]
    assert {t["id"] for t in listed} == {t.pk for t in mine}
    assert not {t.pk for t in theirs + nobodys} & {t["id"] for t in listed}


@pytest.mark.parametrize("value", ["someone", "-1", "1.5", "me,none"])
def test_a_bad_assignee_filter_is_400(api_client, value):
    assert_error_shape(api_client.get("/api/tickets/", {"assignee": value}), 400, "assignee")


def test_deactivating_an_agent_unassigns_their_open_work_with_an_event_each(agent, admin_user):
    open_ticket = TicketFactory(assignee=agent, status="open")
    working = TicketFactory(assignee=agent, status="in_progress")
    done = TicketFactory(assignee=agent, status="resolved")

    user_update(user=agent, actor=admin_user, is_active=False)

    for ticket in (open_ticket, working):
        ticket.refresh_from_db()
        assert ticket.assignee is None
        event = TicketEvent.objects.get(ticket=ticket)
        assert (event.actor_name, event.changes["assignee"][1]) == ("Ada Admin", None)
    done.refresh_from_db()
    assert done.assignee == agent


def test_events_keep_the_actors_name_after_deactivation(api_client, agent, admin_user):
    ticket = TicketFactory()
    api_client.patch(f"/api/tickets/{ticket.pk}/", {"priority": "high"}, format="json")

    user_update(user=agent, actor=admin_user, is_active=False, name="Someone Else")

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user=admin)
    events = client.get(f"/api/tickets/{ticket.pk}/events/").json()["results"]
    assert events[0]["actor"] == {"type": "agent", "id": agent.pk, "name": "Priya Raman"}
