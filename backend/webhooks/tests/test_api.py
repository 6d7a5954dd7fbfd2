"""The webhooks API for admins (CONTRACT §11); who may call it is in the access matrix."""

import pytest
from django.utils import timezone

from core.testing import assert_error_shape
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://203.0.113.10/hooks"  # a public address: no name to resolve


def _create(client, **body):
    payload = {"url": PUBLIC_URL, "events": ["ticket.created"], **body}
    return client.post("/api/webhooks/", payload, format="json")


def test_a_new_webhook_shows_its_secret_once(admin_api_client):
    response = _create(
        admin_api_client, events=["ticket.created", "comment.created"], description="CRM"
    )

    assert response.status_code == 201
    created = response.json()
    assert set(created) == {"id", "url", "events", "description", "secret", "created_at"}
    assert created["secret"].startswith("whsec_")
    assert created["events"] == ["ticket.created", "comment.created"]
    listed = admin_api_client.get("/api/webhooks/").json()
    assert listed == [{k: v for k, v in created.items() if k != "secret"}]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://203.0.113.10/hooks", "must start with http:// or https://"),
        ("javascript:alert(1)", "must start with http:// or https://"),
        ("https://user:pass@203.0.113.10/hooks", "must not contain a user name or password"),
        ("https://203.0.113.10:99999/", "not valid"),
        ("http:///nohost", "names no host"),
        ("http://127.0.0.1:8000/hooks", "loopback"),
        ("http://localhost/hooks", "loopback"),
        ("http://10.0.0.7/hooks", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://100.64.1.1/", "shared"),
        ("http://0.0.0.0/", "this network"),
        ("http://[::1]/", "loopback"),
        ("http://[fd00::1]/", "unique local"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "private"),
    ],
)
def test_unsafe_urls_are_refused_naming_the_reason(admin_api_client, url, reason):
    response = _create(admin_api_client, url=url)

    body = assert_error_shape(response, 400, "url")
    assert reason in body["detail"]
    assert reason in body["errors"]["url"][0]
    assert not WebhookEndpoint.objects.exists()


def test_private_addresses_are_allowed_when_configured(settings, admin_api_client):
    settings.WEBHOOK_ALLOW_PRIVATE = True

    assert _create(admin_api_client, url="http://127.0.0.1:9000/hooks").status_code == 201


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([], "at least 1"),
        (["ticket.deleted"], "not a valid choice"),
        (["ping"], "not a valid choice"),
        (["ticket.created", "ticket.created"], "once"),
        ("ticket.created", "list"),
    ],
)
def test_events_must_be_known_and_named_once(admin_api_client, events, message):
    body = assert_error_shape(_create(admin_api_client, events=events), 400, "events")

    assert message in " ".join(body["errors"]["events"])


def test_unknown_fields_and_secrets_from_clients_are_refused(admin_api_client):
    assert_error_shape(_create(admin_api_client, secret="whsec_mine"), 400, "secret")
    assert_error_shape(_create(admin_api_client, active=True), 400, "active")


def test_deleting_a_webhook_removes_it_and_its_deliveries(admin_api_client):
    webhook = _create(admin_api_client).json()
    admin_api_client.post(f"/api/webhooks/{webhook['id']}/test/")

    response = admin_api_client.delete(f"/api/webhooks/{webhook['id']}/")

    assert response.status_code == 204
    assert admin_api_client.get("/api/webhooks/").json() == []
    assert not WebhookDelivery.objects.exists()
    assert_error_shape(admin_api_client.delete(f"/api/webhooks/{webhook['id']}/"), 404)


def test_unknown_webhooks_are_404(admin_api_client):
    for path in ("/api/webhooks/999/test/", "/api/webhooks/999/deliveries/"):
        method = admin_api_client.post if path.endswith("test/") else admin_api_client.get
        assert_error_shape(method(path), 404)


def test_deliveries_list_the_last_100_newest_first(admin_api_client):
    webhook = _create(admin_api_client).json()
    endpoint = WebhookEndpoint.objects.get()
    now = timezone.now()
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint,
            event="ping",
            message_id=f"msg_{n}",
            payload="{}",
            created_at=now - timezone.timedelta(minutes=n),
            attempts=n % 3,
        )
        for n in range(105)
    )

    listed = admin_api_client.get(f"/api/webhooks/{webhook['id']}/deliveries/").json()

    assert len(listed) == 100
    assert set(listed[0]) == {
        "id",
        "event",
        "attempts",
        "status_code",
        "delivered_at",
        "next_attempt_at",
    }
    newest = WebhookDelivery.objects.order_by("-created_at").values_list("pk", flat=True)[:100]
    assert [d["id"] for d in listed] == list(newest)


def test_a_test_ping_is_queued_at_once(admin_api_client):
    webhook = _create(admin_api_client).json()

    response = admin_api_client.post(f"/api/webhooks/{webhook['id']}/test/")

    assert response.status_code == 202
    ping = response.json()
    assert (ping["event"], ping["attempts"], ping["delivered_at"]) == ("ping", 0, None)
    assert ping["next_attempt_at"] is not None
