"""A ticket change queues its follow-up work in its own transaction (CONTRACT §11)."""

import pytest
from django.db import connection, transaction

from jobs.testing import jobs_of
from tickets.actors import Actor
from tickets.services import comment_create, ticket_create
from webhooks.models import WebhookEndpoint
from webhooks.signing import new_secret

FAN_OUT = "jobs.fan_out_ticket_event"


def _queued() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM procrastinate_jobs")
        return cursor.fetchone()[0]


@pytest.fixture
def webhook(db):
    return WebhookEndpoint.objects.create(
        url="https://203.0.113.10/hooks",
        events=["ticket.created", "ticket.updated", "comment.created"],
        secret=new_secret(),
    )


def test_a_submission_queues_one_job_for_its_two_events(webhook, anonymous_client):
    response = anonymous_client.post(
        "/api/tickets/",
        {"title": "Printer on fire", "description": "It burns.", "requester_email": "a@b.example"},
        format="json",
    )

    assert response.status_code == 201
    # `created` and `ai_suggested` are both recorded; only the creation is reported.
    (job,) = jobs_of(FAN_OUT)
    status, args = job
    assert status == "todo"
    assert args["ticket"]["id"] == response.json()["id"]
    assert args["ticket"]["ai_suggestion"] is not None  # the snapshot is the full ticket


def test_a_rolled_back_change_leaves_no_job(webhook, agent):
    before = _queued()

    def change_that_fails() -> None:
        with transaction.atomic():
            ticket = ticket_create(title="Lost", description="Never was.", actor=Actor.agent(agent))
            comment_create(
                ticket_id=ticket.pk, body="Gone too.", visibility="public", actor=Actor.agent(agent)
            )
            assert _queued() == before + 2  # deferred inside the transaction...
            raise RuntimeError("the change fails after its events were recorded")

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert _queued() == before  # ...and gone with it


def test_no_job_when_no_one_listens(db, agent):
    # No webhook, and e-mail is off (EMAIL_URL unset with debug off, as in tests).
    ticket_create(title="Quiet", description="Nobody hears this.", actor=Actor.agent(agent))

    assert _queued() == 0


def test_e_mail_alone_is_a_listener(email_on, db, agent):
    ticket_create(
        title="Help",
        description="Please.",
        actor=Actor.requester("Ann"),
        requester_email="ann@example.com",
    )

    assert len(jobs_of(FAN_OUT)) == 1
