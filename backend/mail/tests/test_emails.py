"""Every e-mail of CONTRACT §11, sent by the real worker to a real SMTP server on 127.0.0.1."""

import logging

import pytest

from accounts.tests.factories import UserFactory
from jobs.testing import jobs_of, make_due, run_jobs
from mail.models import EmailStatus, OutgoingEmail
from mail.services import email_send

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("job_queue")]

ROOT = "<ticket-{id}@help.example.com>"


@pytest.fixture
def agent(db):
    return UserFactory(username="priya", first_name="Priya Raman", email="priya@help.example.com")


def _submit(client, **extra) -> dict:
    body = {
        "title": "BUY CHEAP WATCHES http://spam.example",
        "description": "Visit http://spam.example for deals.",
        "requester_name": "Win a prize at spam.example",
        "requester_email": "ana@example.com",
        **extra,
    }
    response = client.post("/api/tickets/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def _with_subject(messages, subject: str):
    """The one message with `subject` (jobs run concurrently: arrival order is not fixed)."""
    (message,) = [m for m in messages if m["Subject"] == subject]
    return message


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


def _html(message) -> str:
    return message.get_body(("html",)).get_content()


def test_the_submission_e_mail_has_a_fixed_subject_the_portal_link_and_no_customer_text(
    email_on, anonymous_client
):
    ticket = _submit(anonymous_client)
    assert email_on.messages == []  # never sent from the request
    run_jobs()

    (message,) = email_on.to("ana@example.com")
    assert message["Subject"] == f"[#{ticket['id']}] We received your request"
    assert message["From"] == "support@help.example.com"
    assert message["Message-ID"] == ROOT.format(id=ticket["id"])
    text, html = _text(message), _html(message)
    assert ticket["portal_url"].startswith("https://help.example.com/portal/")
    for part in (text, html):
        assert ticket["portal_url"] in part
        assert "spam.example" not in part  # not the title, description or name
    assert "To answer, follow your private link" in text
    assert "spam.example" not in message["Subject"]


def test_at_most_three_submission_e_mails_per_address_and_hour(email_on, anonymous_client, caplog):
    for address in ("ana@example.com", "Ana@Example.com", "ana@example.com", "ANA@example.com"):
        _submit(anonymous_client, requester_email=address)
    with caplog.at_level(logging.WARNING, logger="mail.services"):
        run_jobs()

    assert len(email_on.messages) == 3
    assert OutgoingEmail.objects.filter(status=EmailStatus.SKIPPED).count() == 1
    assert "skipped" in caplog.text
    assert "ana@example.com" not in caplog.text.lower()  # the log names no address


def test_a_public_reply_e_mails_the_requester_in_the_thread_and_a_note_does_not(
    email_on, anonymous_client, api_client
):
    ticket = _submit(anonymous_client, title="Cannot export", requester_name="Ana")
    url = f"/api/tickets/{ticket['id']}/comments/"

    api_client.post(
        url, {"body": "Internal: check the logs.", "visibility": "internal"}, format="json"
    )
    api_client.post(
        url, {"body": "Fixed: please try again.", "visibility": "public"}, format="json"
    )
    run_jobs()

    messages = email_on.to("ana@example.com")
    assert len(messages) == 2
    received = _with_subject(messages, f"[#{ticket['id']}] We received your request")
    reply = _with_subject(messages, f"Re: [#{ticket['id']}] Cannot export")
    assert reply["In-Reply-To"] == reply["References"] == ROOT.format(id=ticket["id"])
    assert reply["Message-ID"] != received["Message-ID"]
    text = _text(reply)
    assert "Fixed: please try again." in text
    assert "check the logs" not in text
    assert ticket["portal_url"] in text
    assert "To answer" in text


def test_resolving_e_mails_the_requester(email_on, anonymous_client, api_client):
    ticket = _submit(anonymous_client, title="Cannot export")

    api_client.patch(f"/api/tickets/{ticket['id']}/", {"status": "resolved"}, format="json")
    run_jobs()

    resolved = _with_subject(
        email_on.to("ana@example.com"), f"[#{ticket['id']}] Resolved: Cannot export"
    )
    assert ticket["portal_url"] in _text(resolved)


def test_assignment_e_mails_the_assignee_unless_they_took_it_themselves(
    email_on, agent, api_client, anonymous_client
):
    boss = UserFactory(username="kim", first_name="Kim", email="kim@help.example.com")
    ticket = _submit(anonymous_client, title="Cannot export")
    api_client.force_authenticate(boss)
    api_client.patch(f"/api/tickets/{ticket['id']}/", {"assignee": agent.pk}, format="json")
    api_client.force_authenticate(agent)
    api_client.patch(f"/api/tickets/{ticket['id']}/", {"assignee": None}, format="json")
    api_client.patch(f"/api/tickets/{ticket['id']}/", {"assignee": agent.pk}, format="json")
    run_jobs()

    (assigned,) = email_on.to("priya@help.example.com")
    assert assigned["Subject"] == f"[#{ticket['id']}] Assigned to you: Cannot export"
    text = _text(assigned)
    assert f"https://help.example.com/tickets/{ticket['id']}" in text
    assert "Kim assigned" in text
    assert "/portal/" not in text  # agents get the ticket page, not the requester's key


def test_a_requester_reply_e_mails_the_assignee(email_on, agent, api_client, anonymous_client):
    ticket = _submit(anonymous_client, title="Cannot export", requester_name="Ana")
    api_client.patch(f"/api/tickets/{ticket['id']}/", {"assignee": agent.pk}, format="json")
    key = ticket["portal_url"].rsplit("/", 1)[1]

    response = anonymous_client.post(
        f"/api/portal/{key}/replies/", {"body": "Still broken here."}, format="json"
    )
    assert response.status_code == 201
    run_jobs()

    (reply,) = email_on.to("priya@help.example.com")
    assert reply["Subject"] == f"[#{ticket['id']}] The requester replied: Cannot export"
    assert "Still broken here." in _text(reply)
    assert reply["References"] == ROOT.format(id=ticket["id"])


def test_e_mails_wait_while_the_smtp_server_refuses_then_go_once(email_on, anonymous_client):
    email_on.refuse = True
    ticket = _submit(anonymous_client)  # the request does not notice
    run_jobs()

    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (EmailStatus.PENDING, 1)
    assert "451" in email.last_error
    ((status, _),) = jobs_of("mail.send_email")
    assert status == "todo"  # waiting for its retry

    email_on.refuse = False
    make_due()
    run_jobs()
    email_send(email_id=email.pk)  # a stray second run of the job sends nothing

    (message,) = email_on.messages
    assert message["Message-ID"] == ROOT.format(id=ticket["id"])
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 2)


def test_a_stopped_smtp_server_is_waited_out_too(email_on, anonymous_client):
    email_on.stop()  # nothing listens on the port any more
    response = anonymous_client.post(
        "/api/tickets/",
        {"title": "Hi", "description": "Hello", "requester_email": "ana@example.com"},
        format="json",
    )
    run_jobs()

    assert response.status_code == 201
    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.PENDING
    assert "ConnectionRefused" in email.last_error


def test_no_e_mail_without_email_url(anonymous_client, smtp_sink):
    # Tests run with debug off and EMAIL_URL unset: e-mail is off.
    _submit(anonymous_client)
    run_jobs()

    assert smtp_sink.messages == []
    assert not OutgoingEmail.objects.exists()
