"""Shapes of the webhooks API (CONTRACT §11)."""

from typing import Any

from rest_framework import serializers

from core.serializers import RejectUnknownFieldsMixin, StrictCharField, StrictChoiceField
from tickets.serializers import iso_utc

from .models import (
    DESCRIPTION_MAX_LENGTH,
    SUBSCRIBABLE,
    URL_MAX_LENGTH,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)


class WebhookCreateSerializer(RejectUnknownFieldsMixin, serializers.Serializer[Any]):
    read_only_fields = ("id", "secret", "created_at")

    url = StrictCharField(
        max_length=URL_MAX_LENGTH,
        help_text="http(s) URL without credentials, on a public address (unless "
        "WEBHOOK_ALLOW_PRIVATE). Redirects are not followed.",
    )
    events = serializers.ListField(
        child=StrictChoiceField(choices=SUBSCRIBABLE),
        min_length=1,
        max_length=len(SUBSCRIBABLE),
        help_text="What to send: any of " + ", ".join(SUBSCRIBABLE) + ".",
    )
    description = StrictCharField(
        max_length=DESCRIPTION_MAX_LENGTH, required=False, allow_blank=True, default=""
    )

    def validate_events(self, events: list[str]) -> list[str]:
        if len(set(events)) != len(events):
            raise serializers.ValidationError("Name each event once.")
        return events


class WebhookSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    url = serializers.CharField()
    events = serializers.ListField(child=serializers.ChoiceField(choices=SUBSCRIBABLE))
    description = serializers.CharField()
    created_at = serializers.DateTimeField()

    def to_representation(self, endpoint: WebhookEndpoint) -> dict[str, Any]:
        return {
            "id": endpoint.pk,
            "url": endpoint.url,
            "events": list(endpoint.events),
            "description": endpoint.description,
            "created_at": iso_utc(endpoint.created_at),
        }


class NewWebhookSerializer(WebhookSerializer):
    secret = serializers.CharField(
        help_text="whsec_<base64>: verifies the signatures. Shown in this answer only."
    )

    def to_representation(self, endpoint: WebhookEndpoint) -> dict[str, Any]:
        return {**super().to_representation(endpoint), "secret": endpoint.secret}


class DeliverySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    event = serializers.ChoiceField(choices=WebhookEvent.choices)
    attempts = serializers.IntegerField(min_value=0)
    status_code = serializers.IntegerField(
        allow_null=True, help_text="Status of the last answer; null when none came."
    )
    delivered_at = serializers.DateTimeField(allow_null=True)
    next_attempt_at = serializers.DateTimeField(
        allow_null=True, help_text="Null once delivered, or when retries are over."
    )

    def to_representation(self, delivery: WebhookDelivery) -> dict[str, Any]:
        return {
            "id": delivery.pk,
            "event": delivery.event,
            "attempts": delivery.attempts,
            "status_code": delivery.status_code,
            "delivered_at": iso_utc(delivery.delivered_at),
            "next_attempt_at": iso_utc(delivery.next_attempt_at),
        }
