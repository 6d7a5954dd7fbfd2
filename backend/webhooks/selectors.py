"""Reads of webhooks."""

from django.db.models import QuerySet

from core.exceptions import NotFoundError

from .models import WebhookDelivery, WebhookEndpoint

DELIVERIES_SHOWN = 100


def endpoint_list() -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.order_by("created_at", "id")


def endpoint_get(*, endpoint_id: int) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id).first()
    if endpoint is None:
        raise NotFoundError("No webhook has this id.")
    return endpoint


def endpoints_subscribed(*, event_types: list[str]) -> bool:
    """Whether any endpoint listens to one of `event_types` (one small query)."""
    return WebhookEndpoint.objects.filter(events__overlap=event_types).exists()


def delivery_list(*, endpoint_id: int) -> list[WebhookDelivery]:
    """The endpoint's last DELIVERIES_SHOWN deliveries, newest first."""
    endpoint = endpoint_get(endpoint_id=endpoint_id)
    return list(endpoint.deliveries.order_by("-created_at", "-id")[:DELIVERIES_SHOWN])
