"""Writes of webhooks: endpoints, planning deliveries, attempting them (CONTRACT §11)."""

import json
import logging
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from core.exceptions import InvalidInput
from jobs.defer import defer
from jobs.retry import WEBHOOK_DELAYS, next_attempt_at
from tickets.models import EventKind, TicketEvent
from tickets.serializers import iso_utc
from tickets.serializers_conversation import CommentSerializer

from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from .selectors import endpoint_get
from .signing import new_message_id, new_secret, signed_headers
from .transport import RefusedAddress, checked_address, post, url_problem

logger = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """The receiver did not answer 2xx in time; the job tries again later."""


def webhook_events_for(event: TicketEvent) -> list[str]:
    """The webhook events a ticket event makes: `created` is ticket.created (once per
    ticket; the `ai_suggested` beside it is part of the creation), `updated` is
    ticket.updated, `commented` is comment.created, and also ticket.updated when the
    comment reopened the ticket."""
    if event.kind == EventKind.CREATED:
        return [WebhookEvent.TICKET_CREATED]
    if event.kind == EventKind.UPDATED:
        return [WebhookEvent.TICKET_UPDATED]
    if event.kind == EventKind.COMMENTED:
        reopened = [WebhookEvent.TICKET_UPDATED] if "status" in event.changes else []
        return [*reopened, WebhookEvent.COMMENT_CREATED]
    return []


def check_url(url: str) -> None:
    """InvalidInput naming the reason when `url` may not be a webhook URL."""
    problem = url_problem(url)
    if problem is None:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            checked_address(
                parts.hostname or "", port, allow_private=settings.WEBHOOK_ALLOW_PRIVATE
            )
        except RefusedAddress as refused:
            problem = str(refused)
    if problem:
        raise InvalidInput(problem, {"url": [problem]})


def endpoint_create(
    *, url: str, events: list[str], description: str = "", created_by: User | None = None
) -> WebhookEndpoint:
    """A new endpoint with a new secret (the caller shows it once)."""
    check_url(url)
    return WebhookEndpoint.objects.create(
        url=url,
        events=list(dict.fromkeys(events)),
        description=description,
        secret=new_secret(),
        created_by=created_by,
    )


def endpoint_delete(*, endpoint_id: int) -> None:
    """Delete the endpoint and its deliveries; their pending jobs then find nothing to do."""
    endpoint_get(endpoint_id=endpoint_id).delete()


def _body(event_type: str, at: Any, data: dict[str, Any]) -> str:
    return json.dumps(
        {"type": event_type, "timestamp": iso_utc(at), "data": data},
        cls=DjangoJSONEncoder,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def _create_delivery(
    endpoint: WebhookEndpoint, event_type: str, payload: str, ticket_event: TicketEvent | None
) -> WebhookDelivery:
    from . import tasks

    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=event_type,
        ticket_event=ticket_event,
        message_id=new_message_id(),
        payload=payload,
        next_attempt_at=timezone.now(),
    )
    defer(tasks.deliver, delivery_id=delivery.pk)
    return delivery


def deliveries_plan(*, event: TicketEvent, ticket: dict[str, Any]) -> list[WebhookDelivery]:
    """A delivery (and its job) for every endpoint subscribed to what `event` makes, in
    the caller's transaction; none twice for the same event and endpoint."""
    planned = []
    for event_type in webhook_events_for(event):
        done = WebhookDelivery.objects.filter(ticket_event=event, event=event_type)
        endpoints = WebhookEndpoint.objects.filter(events__contains=[event_type]).exclude(
            pk__in=done.values("endpoint_id")
        )
        data = dict(ticket)
        if event_type == WebhookEvent.COMMENT_CREATED and event.comment is not None:
            data["comment"] = CommentSerializer(event.comment).data
        payload = _body(event_type, event.at, data)
        for endpoint in endpoints:
            planned.append(_create_delivery(endpoint, event_type, payload, event))
    return planned


def ping_send(*, endpoint_id: int) -> WebhookDelivery:
    """Queue a `ping` delivery to the endpoint, to test it."""
    with transaction.atomic():
        endpoint = endpoint_get(endpoint_id=endpoint_id)
        now = timezone.now()
        data = {"webhook_id": endpoint.pk, "message": "A test of this webhook."}
        return _create_delivery(endpoint, WebhookEvent.PING, _body("ping", now, data), None)


def delivery_attempt(*, delivery_id: int, failed_attempts_before: int) -> WebhookDelivery | None:
    """POST the delivery and record the outcome; DeliveryFailed when it did not go (the
    job retries after the next delay of WEBHOOK_DELAYS). Nothing happens for a delivery
    that is delivered, deleted, or being attempted by another worker right now."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.delivered_at is not None:
            return delivery
        body = delivery.payload.encode("utf-8")
        headers = signed_headers(
            secret=delivery.endpoint.secret,
            message_id=delivery.message_id,
            body=body,
            at=timezone.now(),
        )
        answer = post(
            delivery.endpoint.url,
            body=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_private=settings.WEBHOOK_ALLOW_PRIVATE,
        )
        delivery.attempts += 1
        delivery.status_code = answer.status_code
        delivery.last_error = answer.error
        if answer.delivered:
            delivery.delivered_at = timezone.now()
            delivery.next_attempt_at = None
        else:
            delivery.next_attempt_at = next_attempt_at(WEBHOOK_DELAYS, failed_attempts_before + 1)
        delivery.save(
            update_fields=[
                "attempts",
                "status_code",
                "last_error",
                "delivered_at",
                "next_attempt_at",
            ]
        )
    if not answer.delivered:
        raise DeliveryFailed(f"Delivery {delivery.message_id}: {answer.error}")
    return delivery


def deliveries_prune(*, older_than: timedelta) -> int:
    """Delete deliveries created before `older_than` ago; how many."""
    deleted, _ = WebhookDelivery.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
