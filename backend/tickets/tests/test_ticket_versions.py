"""Versions, ETags and If-Match (CONTRACT §9): a stale edit is refused, nothing changes."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from core.testing import assert_error_shape
from tickets.models import Ticket, TicketEvent

from .factories import TicketFactory

pytestmark = pytest.mark.django_db


def _url(ticket) -> str:
    return f"/api/tickets/{ticket.pk}/"


def test_every_ticket_answer_carries_its_version_as_etag(api_client):
    created = api_client.post(
        "/api/tickets/", {"title": "Hi", "description": "Help", "priority": "low"}, format="json"
    )
    ticket_id = created.json()["id"]

    fetched = api_client.get(f"/api/tickets/{ticket_id}/")
    patched = api_client.patch(f"/api/tickets/{ticket_id}/", {"priority": "high"}, format="json")

    assert created["ETag"] == '"1"'
    assert fetched["ETag"] == '"1"'
    assert (patched["ETag"], patched.json()["version"]) == ('"2"', 2)


@pytest.mark.parametrize("header", ['"1"', 'W/"1"', "*"])
def test_if_match_with_the_current_version_applies_the_change(api_client, header):
    ticket = TicketFactory(priority="low")

    response = api_client.patch(
        _url(ticket), {"priority": "high"}, format="json", HTTP_IF_MATCH=header
    )

    assert response.status_code == 200
    assert response.json()["priority"] == "high"


def test_a_stale_if_match_is_412_and_nothing_changes(api_client):
    ticket = TicketFactory(priority="low")
    api_client.patch(_url(ticket), {"status": "in_progress"}, format="json")  # now version 2

    response = api_client.patch(
        _url(ticket), {"priority": "critical"}, format="json", HTTP_IF_MATCH='"1"'
    )

    body = assert_error_shape(response, 412)
    assert "version 2" in body["detail"]
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.version) == ("low", 2)
    assert TicketEvent.objects.filter(ticket=ticket).count() == 1


@pytest.mark.parametrize("header", ["1", '"one"', '"1", "2"', "W/1", '""', '"-1"'])
def test_a_malformed_if_match_is_400(api_client, header):
    ticket = TicketFactory()

    response = api_client.patch(
        _url(ticket), {"priority": "high"}, format="json", HTTP_IF_MATCH=header
    )

    assert_error_shape(response, 400, "If-Match")
    ticket.refresh_from_db()
    assert ticket.version == 1


def test_a_change_to_the_same_values_keeps_the_version(api_client):
    ticket = TicketFactory(priority="low")

    response = api_client.patch(_url(ticket), {"priority": "low"}, format="json")

    assert response.json()["version"] == 1
    assert not TicketEvent.objects.filter(ticket=ticket).exists()


@pytest.mark.django_db(transaction=True)
def test_two_agents_editing_at_once_one_gets_412(agent):
    # given two agents who loaded version 1
    ticket = TicketFactory(priority="low")
    statuses: list[int] = []
    barrier = threading.Barrier(2)

    def edit(priority: str) -> None:
        client = APIClient()
        client.force_authenticate(user=agent)
        barrier.wait()
        response = client.patch(
            _url(ticket), {"priority": priority}, format="json", HTTP_IF_MATCH='"1"'
        )
        statuses.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=edit, args=(p,)) for p in ("high", "critical")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then one change won, the other was refused, and the trail has one event
    assert sorted(statuses) == [200, 412]
    assert Ticket.objects.get(pk=ticket.pk).version == 2
    assert TicketEvent.objects.filter(ticket=ticket).count() == 1
