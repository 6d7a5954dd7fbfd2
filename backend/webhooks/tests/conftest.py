import base64
import hashlib
import hmac

import pytest

from core.testing_servers import Received
from webhooks.models import WebhookEndpoint
from webhooks.signing import new_secret

ALL_EVENTS = ["ticket.created", "ticket.updated", "comment.created"]


def verify(secret: str, request: Received) -> None:
    """Standard Webhooks verification written from the spec, apart from the signing code:
    HMAC-SHA256 over "<id>.<timestamp>.<body>", keyed by the base64-decoded secret."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    headers = request.headers
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + request.body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    versions = dict(part.split(",", 1) for part in headers["webhook-signature"].split())
    assert hmac.compare_digest(versions["v1"], expected), "bad signature"


@pytest.fixture
def subscribe(receiver):
    """An endpoint on the receiver for the given events (all by default)."""

    def make(events: list[str] | None = None) -> WebhookEndpoint:
        return WebhookEndpoint.objects.create(
            url=receiver.url, events=events or ALL_EVENTS, secret=new_secret()
        )

    return make
