"""Live updates (CONTRACT §8, §9) through a real stream process."""

import json
import time

import httpx
import pytest

from accounts.services import token_create
from tickets.tests.factories import TicketFactory

from .conftest import Stream

pytestmark = pytest.mark.slow


@pytest.fixture
def token(agent) -> str:
    return token_create(user=agent, name="stream tests")[1]


def _ticket_messages(stream: Stream, ticket_id: int):
    return lambda m: m.get("event") == "ticket" and json.loads(m["data"])["id"] == ticket_id


def test_a_change_reaches_an_open_stream_within_two_seconds(stream_server, token, api_client):
    ticket = TicketFactory(priority="low")
    stream = Stream(f"{stream_server}/api/stream/", {"Authorization": f"Bearer {token}"})
    try:
        assert stream.status == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        assert stream.headers["x-accel-buffering"] == "no"
        assert stream.headers["cache-control"] == "no-store"
        time.sleep(0.3)  # the listener's connection is up

        started = time.monotonic()
        api_client.patch(f"/api/tickets/{ticket.pk}/", {"priority": "high"}, format="json")
        message = stream.wait_for(_ticket_messages(stream, ticket.pk))

        assert time.monotonic() - started < 2
        assert json.loads(message["data"]) == {"id": ticket.pk, "version": 2, "kind": "updated"}
        assert message["id"].isdigit()
    finally:
        stream.close()


def test_comments_are_announced_as_commented(stream_server, token, api_client):
    ticket = TicketFactory()
    stream = Stream(f"{stream_server}/api/stream/", {"Authorization": f"Bearer {token}"})
    try:
        time.sleep(0.3)
        api_client.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Hi"}, format="json")

        message = stream.wait_for(_ticket_messages(stream, ticket.pk))

        assert json.loads(message["data"])["kind"] == "commented"
    finally:
        stream.close()


def test_idle_streams_get_a_comment_line_to_stay_open(stream_server, token):
    stream = Stream(f"{stream_server}/api/stream/", {"Authorization": f"Bearer {token}"})
    try:
        time.sleep(1.6)  # STREAM_HEARTBEAT_SECONDS is 0.5 here

        assert stream.comments >= 3  # ": connected" and at least two keep-alives
    finally:
        stream.close()


def test_a_reconnect_with_last_event_id_gets_what_it_missed(stream_server, token, api_client):
    ticket = TicketFactory(priority="low")
    url = f"/api/tickets/{ticket.pk}/"
    api_client.patch(url, {"priority": "medium"}, format="json")
    from tickets.models import TicketEvent

    last_seen = TicketEvent.objects.filter(ticket=ticket).latest("id").id
    api_client.patch(url, {"priority": "high"}, format="json")
    api_client.patch(url, {"status": "in_progress"}, format="json")

    stream = Stream(
        f"{stream_server}/api/stream/",
        {"Authorization": f"Bearer {token}", "Last-Event-ID": str(last_seen)},
    )
    try:
        stream.wait_for(lambda m: json.loads(m.get("data", "{}")).get("version") == 4)
        versions = [json.loads(m["data"])["version"] for m in stream.messages if m.get("event")]
        assert versions == [3, 4]
    finally:
        stream.close()


def test_a_reconnect_after_too_much_is_told_to_resync(stream_server, token, api_client):
    ticket = TicketFactory(priority="low")
    from tickets.models import TicketEvent

    api_client.patch(f"/api/tickets/{ticket.pk}/", {"priority": "medium"}, format="json")
    last_seen = TicketEvent.objects.latest("id").id
    for number in range(6):  # STREAM_REPLAY_LIMIT is 5 here
        api_client.post(
            f"/api/tickets/{ticket.pk}/comments/", {"body": f"#{number}"}, format="json"
        )

    stream = Stream(
        f"{stream_server}/api/stream/",
        {"Authorization": f"Bearer {token}", "Last-Event-ID": str(last_seen)},
    )
    try:
        stream.wait_for(lambda m: m.get("event") == "resync")
    finally:
        stream.close()


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer st_nope"}, {"Cookie": "sessionid=made-up"}]
)
def test_no_or_failed_credentials_are_401(stream_server, headers):
    response = httpx.get(f"{stream_server}/api/stream/", headers=headers, timeout=5)

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.django_db
def test_the_wsgi_server_refuses_to_hold_a_stream(client, token):
    # The API's WSGI server would keep a request thread for the stream's whole life.
    response = client.get("/api/stream/", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 503
    assert "stream process" in response.json()["detail"]


def _connections_to_this_database() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_open_streams_hold_no_database_connection_each(stream_server, token, api_client):
    # given: one stream open (the listener's own connection is up)
    headers = {"Authorization": f"Bearer {token}"}
    streams = [Stream(f"{stream_server}/api/stream/", headers)]
    try:
        time.sleep(0.5)
        before = _connections_to_this_database()

        # when: eight more streams open
        streams += [Stream(f"{stream_server}/api/stream/", headers) for _ in range(8)]
        time.sleep(0.5)

        # then: PostgreSQL sees no connection per stream, and every stream still gets changes
        assert _connections_to_this_database() - before <= 1
        ticket = TicketFactory()
        api_client.patch(f"/api/tickets/{ticket.pk}/", {"status": "closed"}, format="json")
        for stream in streams:
            stream.wait_for(_ticket_messages(stream, ticket.pk))
    finally:
        for stream in streams:
            stream.close()
