"""The requester portal (CONTRACT §10)."""

import io
import logging

import pytest

from core.logging import RedactSecretsFilter
from core.testing import assert_error_shape
from tickets.models import Ticket, TicketEvent
from tickets.portal import portal_key

from .factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(anonymous_client) -> dict:
    response = anonymous_client.post(
        "/api/tickets/",
        {
            "title": "Cannot export",
            "description": "The export button does nothing.",
            "requester_name": "Ana Lima",
            "requester_email": "ana@example.com",
        },
        format="json",
    )
    assert response.status_code == 201
    return response.json()


def _key(body: dict) -> str:
    return body["portal_url"].removeprefix("/portal/")


def test_the_submitter_gets_the_public_fields_and_a_private_link(submitted):
    assert set(submitted) == {
        "id",
        "title",
        "description",
        "category",
        "priority",
        "status",
        "created_at",
        "updated_at",
        "ai_suggestion",
        "requester",
        "portal_url",
    }
    assert submitted["requester"] == {"name": "Ana Lima", "email": "ana@example.com"}
    assert submitted["portal_url"].startswith("/portal/")
    assert len(_key(submitted)) == 43


def test_portal_urls_are_absolute_with_a_public_base_url(settings, anonymous_client):
    settings.PUBLIC_BASE_URL = "https://help.example.com"

    body = anonymous_client.post(
        "/api/tickets/", {"title": "Hi", "description": "Help"}, format="json"
    ).json()

    assert body["portal_url"].startswith("https://help.example.com/portal/")


def test_the_portal_shows_public_replies_only(submitted, api_client, anonymous_client):
    url = f"/api/tickets/{submitted['id']}/comments/"
    api_client.post(url, {"body": "Customer is VIP", "visibility": "internal"}, format="json")
    api_client.post(url, {"body": "We fixed the export."}, format="json")

    response = anonymous_client.get(f"/api/portal/{_key(submitted)}/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "id",
        "title",
        "description",
        "status",
        "created_at",
        "updated_at",
        "replies",
    }
    assert [r["body"] for r in body["replies"]] == ["We fixed the export."]
    assert body["replies"][0]["author"] == {"type": "agent", "name": "Priya Raman"}
    text = response.content.decode()
    for secret in ("VIP", "ana@example.com", "priya@support.example", "ai_suggestion"):
        assert secret not in text


def test_the_requester_replies_and_the_agent_sees_it(submitted, api_client, anonymous_client):
    response = anonymous_client.post(
        f"/api/portal/{_key(submitted)}/replies/",
        {"body": "Still broken on Firefox."},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["author"] == {"type": "requester", "name": "Ana Lima"}
    comments = api_client.get(f"/api/tickets/{submitted['id']}/comments/").json()["results"]
    assert comments[-1]["author"] == {"type": "requester", "id": None, "name": "Ana Lima"}


def test_a_reply_reopens_a_resolved_ticket_in_one_event(submitted, api_client, anonymous_client):
    api_client.patch(f"/api/tickets/{submitted['id']}/", {"status": "resolved"}, format="json")

    anonymous_client.post(f"/api/portal/{_key(submitted)}/replies/", {"body": "No"}, format="json")

    ticket = Ticket.objects.get(pk=submitted["id"])
    assert (ticket.status, ticket.resolved_at) == ("open", None)
    last = TicketEvent.objects.filter(ticket=ticket).last()
    assert last.kind == "commented"
    assert last.changes == {"status": ["resolved", "open"]}
    assert last.comment_id is not None


def test_a_closed_ticket_takes_no_reply(submitted, api_client, anonymous_client):
    api_client.patch(f"/api/tickets/{submitted['id']}/", {"status": "closed"}, format="json")

    response = anonymous_client.post(
        f"/api/portal/{_key(submitted)}/replies/", {"body": "Hello?"}, format="json"
    )

    assert_error_shape(response, 409)
    assert anonymous_client.get(f"/api/portal/{_key(submitted)}/").json()["status"] == "closed"


@pytest.mark.parametrize(
    "key",
    ["A" * 43, "short", "A" * 44, "%00" * 5, "a/b"],
)
def test_wrong_keys_are_404_with_nothing_learned(anonymous_client, key):
    TicketFactory()

    response = anonymous_client.get(f"/api/portal/{key}/")

    assert response.status_code == 404


def test_a_key_for_an_existing_id_with_the_wrong_salt_is_a_plain_404(anonymous_client):
    ticket = TicketFactory()

    guessed = anonymous_client.get(f"/api/portal/{portal_key(ticket.pk, 'guess')}/")
    missing = anonymous_client.get(f"/api/portal/{portal_key(999_999, 'guess')}/")

    assert guessed.status_code == missing.status_code == 404
    assert guessed.json() == missing.json()


def test_rotating_the_link_ends_the_old_one(submitted, api_client, anonymous_client):
    response = api_client.post(f"/api/tickets/{submitted['id']}/portal-link/")

    assert response.status_code == 201
    new_key = response.json()["portal_url"].removeprefix("/portal/")
    assert new_key != _key(submitted)
    assert anonymous_client.get(f"/api/portal/{_key(submitted)}/").status_code == 404
    assert anonymous_client.get(f"/api/portal/{new_key}/").status_code == 200


def test_a_new_secret_key_ends_every_link(submitted, anonymous_client, settings):
    settings.SECRET_KEY = "a-rotated-secret-key-for-this-test-only"

    assert anonymous_client.get(f"/api/portal/{_key(submitted)}/").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "x" * 10_001}, "body"),
        ({"body": "a\x00b"}, "body"),
        ({"body": "ok", "visibility": "internal"}, "visibility"),
    ],
)
def test_bad_portal_replies_are_400(submitted, anonymous_client, body, field):
    response = anonymous_client.post(f"/api/portal/{_key(submitted)}/replies/", body, format="json")

    assert_error_shape(response, 400, field)


def test_the_portal_ignores_cookies_and_needs_no_csrf(submitted, agent):
    from rest_framework.test import APIClient

    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(agent)

    response = browser.post(
        f"/api/portal/{_key(submitted)}/replies/", {"body": "From a browser"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["author"]["type"] == "requester"


def test_the_portal_accepts_json_only(submitted, anonymous_client):
    response = anonymous_client.post(
        f"/api/portal/{_key(submitted)}/replies/", {"body": "form"}, format="multipart"
    )

    assert_error_shape(response, 415)


def test_the_portal_is_rate_limited_per_client(submitted, anonymous_client, settings):
    settings.RATE_LIMIT_PORTAL = "3/minute"
    from django.core.cache import cache

    cache.clear()
    statuses = [
        anonymous_client.get(f"/api/portal/{_key(submitted)}/").status_code for _ in range(4)
    ]

    assert statuses == [200, 200, 200, 429]


def test_portal_keys_never_reach_the_logs(submitted, anonymous_client):
    # What the configured console handler writes (JSON lines, the production format).
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactSecretsFilter) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        anonymous_client.get(f"/api/portal/{_key(submitted)}/")  # answered
        anonymous_client.get(f"/api/portal/{'B' * 43}/")  # a 404, logged with its path
    finally:
        handler.setStream(previous)

    written = stream.getvalue()
    assert "/api/portal/<key>/" in written
    assert _key(submitted) not in written
    assert "B" * 43 not in written


def test_after_a_secret_rotation_the_refresh_command_makes_new_links_work(
    submitted, anonymous_client, api_client, settings
):
    from django.core.management import call_command

    settings.SECRET_KEY = "a-rotated-secret-key-for-this-test-only"
    shown = api_client.get(f"/api/tickets/{submitted['id']}/").json()["portal_url"]
    before = anonymous_client.get(f"/api/portal/{shown.removeprefix('/portal/')}/")

    call_command("refresh_portal_links", stdout=io.StringIO())
    after = anonymous_client.get(f"/api/portal/{shown.removeprefix('/portal/')}/")

    assert before.status_code == 404
    assert after.status_code == 200
    assert anonymous_client.get(f"/api/portal/{_key(submitted)}/").status_code == 404


def test_the_sql_key_hash_of_the_migration_equals_pythons(settings):
    from django.db import connection

    from tickets.portal import key_hash, sql_key_hash

    for secret in ("short", "k" * 64, "a much longer secret key than one block " * 3, "ключ"):
        settings.SECRET_KEY = secret
        sql, params = sql_key_hash("%(id)s", "%(salt)s")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {sql}", {**params, "id": 4711, "salt": "0f1e2d"})
            assert cursor.fetchone()[0] == key_hash(portal_key(4711, "0f1e2d")), secret
