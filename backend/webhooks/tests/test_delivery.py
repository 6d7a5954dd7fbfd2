"""Webhook deliveries end to end: the API changes a ticket, the real worker posts to a real
receiver on 127.0.0.1, and the receiver checks what arrives (CONTRACT §11)."""

import json
import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.testing import make_due, run_jobs
from webhooks.models import WebhookDelivery

from .conftest import verify

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("job_queue")]


def _submit(client, **extra) -> dict:
    body = {"title": "Printer on fire", "description": "Flames everywhere.", **extra}
    response = client.post("/api/tickets/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def _bodies(receiver) -> list[dict]:
    return [json.loads(request.body) for request in receiver.requests]


def test_a_new_ticket_is_sent_once_signed_with_the_ticket_as_agents_see_it(
    subscribe, receiver, anonymous_client, api_client
):
    endpoint = subscribe()

    created = _submit(anonymous_client, requester_email="ana@example.com")
    assert receiver.requests == []  # nothing leaves in the request
    run_jobs()

    (request,) = receiver.requests
    verify(endpoint.secret, request)
    assert request.headers["content-type"] == "application/json"
    assert request.headers["webhook-id"].startswith("msg_")
    body = json.loads(request.body)
    assert set(body) == {"type", "timestamp", "data"}
    assert body["type"] == "ticket.created"
    assert body["data"] == api_client.get(f"/api/tickets/{created['id']}/").json()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.status_code, delivery.next_attempt_at) == (1, 200, None)
    assert delivery.delivered_at is not None


def test_changes_and_comments_are_sent_with_their_event_types(
    subscribe, receiver, api_client, anonymous_client
):
    subscribe()
    ticket = _submit(anonymous_client, requester_email="ana@example.com")
    key = ticket["portal_url"].rsplit("/", 1)[1]

    api_client.patch(f"/api/tickets/{ticket['id']}/", {"status": "resolved"}, format="json")
    api_client.post(
        f"/api/tickets/{ticket['id']}/comments/",
        {"body": "Checked the logs.", "visibility": "internal"},
        format="json",
    )
    # The requester answers on the resolved ticket: it reopens, in one event.
    anonymous_client.post(f"/api/portal/{key}/replies/", {"body": "Still broken."}, format="json")
    run_jobs()

    bodies = sorted(_bodies(receiver), key=lambda b: (b["data"]["version"], b["type"]))
    assert [(b["type"], b["data"]["version"]) for b in bodies] == [
        ("ticket.created", 1),
        ("ticket.updated", 2),
        ("comment.created", 3),
        ("comment.created", 4),
        ("ticket.updated", 4),
    ]
    assert bodies[1]["data"]["status"] == "resolved"
    internal, reply = bodies[2]["data"]["comment"], bodies[3]["data"]["comment"]
    assert (internal["visibility"], internal["body"]) == ("internal", "Checked the logs.")
    assert (reply["visibility"], reply["author"]["type"]) == ("public", "requester")
    assert bodies[4]["data"]["status"] == "open"


def test_an_endpoint_gets_only_the_events_it_subscribed_to(subscribe, receiver, api_client):
    subscribe(["comment.created"])
    ticket = _submit(api_client)

    api_client.post(f"/api/tickets/{ticket['id']}/comments/", {"body": "Hi"}, format="json")
    run_jobs()

    assert [b["type"] for b in _bodies(receiver)] == ["comment.created"]


def test_a_500_is_retried_within_a_minute_with_the_same_webhook_id(subscribe, receiver, api_client):
    endpoint = subscribe(["ticket.created"])
    receiver.answer = 500
    _submit(api_client)

    run_jobs()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.status_code, delivery.delivered_at) == (1, 500, None)
    assert timezone.now() < delivery.next_attempt_at < timezone.now() + timedelta(minutes=1)

    receiver.answer = 204
    make_due()
    run_jobs()

    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body
    verify(endpoint.secret, second)
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.status_code, delivery.next_attempt_at) == (2, 204, None)


def test_a_hanging_receiver_times_out_without_holding_up_other_work(
    settings, subscribe, receiver, api_client, email_on
):
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    subscribe(["ticket.created"])
    release = threading.Event()

    def hang(request):
        release.wait(10)
        return 200

    receiver.answer = hang
    try:
        _submit(api_client, requester_email="ana@example.com")
        run_jobs()
    finally:
        release.set()

    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is None
    assert delivery.status_code is None
    assert "No answer within 1 seconds" in delivery.last_error
    assert delivery.next_attempt_at is not None
    assert len(email_on.to("ana@example.com")) == 1  # the e-mail went all the same


def test_a_receiver_that_closes_the_connection_is_retried(subscribe, receiver, api_client):
    subscribe(["ticket.created"])

    def slam(request):
        raise ConnectionAbortedError  # the handler dies without answering

    receiver.answer = slam
    _submit(api_client)
    run_jobs()

    delivery = WebhookDelivery.objects.get()
    assert delivery.status_code is None
    assert delivery.last_error.startswith("Connection failed")
    assert delivery.next_attempt_at is not None


def test_redirects_are_not_followed(subscribe, receiver, api_client):
    subscribe(["ticket.created"])
    receiver.answer = 302  # (with no Location: following would need one anyway)
    _submit(api_client)
    run_jobs()

    assert len(receiver.requests) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status_code == 302
    assert delivery.delivered_at is None


def test_the_address_is_checked_again_when_delivering(settings, subscribe, receiver, api_client):
    subscribe(["ticket.created"])  # allowed when it was added...
    _submit(api_client)
    settings.WEBHOOK_ALLOW_PRIVATE = False  # ...refused by the time it is sent

    run_jobs()

    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert "127.0.0.1 is a loopback address" in delivery.last_error


def test_a_ping_is_sent_on_request(admin_api_client, subscribe, receiver):
    endpoint = subscribe(["ticket.created"])

    response = admin_api_client.post(f"/api/webhooks/{endpoint.pk}/test/")
    assert response.status_code == 202
    assert response.json()["event"] == "ping"
    run_jobs()

    (request,) = receiver.requests
    verify(endpoint.secret, request)
    assert json.loads(request.body)["type"] == "ping"
    (listed,) = admin_api_client.get(f"/api/webhooks/{endpoint.pk}/deliveries/").json()
    assert listed["status_code"] == 200
    assert listed["delivered_at"] is not None


def test_deleting_an_endpoint_drops_its_pending_deliveries(
    subscribe, receiver, api_client, admin_api_client
):
    endpoint = subscribe(["ticket.created"])
    receiver.answer = 500
    _submit(api_client)
    run_jobs()  # one failed attempt; a retry waits
    admin_api_client.delete(f"/api/webhooks/{endpoint.pk}/")

    make_due()
    run_jobs()

    assert len(receiver.requests) == 1  # the retry found nothing to send
    assert not WebhookDelivery.objects.exists()
