"""`GET /api/stream/`: server-sent events of every ticket change, for agents (CONTRACT §9).

Served by its own ASGI process (config/asgi.py), so that open streams never hold the API's
request threads. Each change arrives as

    id: <event id>
    event: ticket
    data: {"id": <ticket id>, "version": <n>, "kind": "updated"}

within a moment of its commit; a comment line every 15 seconds keeps proxies from
closing an idle stream. A client that reconnects with Last-Event-ID gets what it missed,
or `event: resync` when that is too much (or was lost) and it should reload its views.
"""

import asyncio
import json
from collections import deque
from collections.abc import AsyncIterator

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import HttpRequest, HttpResponseBase, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET
from rest_framework.exceptions import AuthenticationFailed

from accounts.authentication import BearerTokenAuthentication
from accounts.roles import is_agent
from core.errors import error_body
from tickets.models import TicketEvent

from .listener import Subscriber, listener

# How soon a browser reconnects after losing the stream.
RETRY_MILLISECONDS = 2000


def _unauthorized(detail: str) -> JsonResponse:
    response = JsonResponse(error_body(detail), status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


async def _caller(request: HttpRequest) -> User | str:
    """The signed-in agent, or why not (a sentence for a 401)."""
    header = request.headers.get("Authorization", "")
    if header.split(" ", 1)[0].lower() == "bearer":
        try:
            user, _ = await sync_to_async(BearerTokenAuthentication().authenticate_credentials)(
                header.split(" ", 1)[1].strip().encode("latin-1") if " " in header else b""
            )
        except (AuthenticationFailed, UnicodeEncodeError):
            return "Invalid token."
    else:
        user = await request.auser()
        if not user.is_authenticated:
            session = request.session
            ended = await sync_to_async(lambda: SESSION_KEY in session)()
            return (
                "Your session has ended; please sign in again."
                if ended
                else ("Sign in, or send a token.")
            )
    if not isinstance(user, User) or not is_agent(user):
        return "Only signed-in agents may follow the stream."
    return user


async def _release_database() -> None:
    """Close this request's database connection: an open stream lasts hours, and one
    PostgreSQL connection per open stream would run the server out of them (100 streams
    hit PostgreSQL's default max_connections). The listener has its own connection."""
    await sync_to_async(connections.close_all)()


def _message(event_id: int, data: dict) -> str:
    return f"id: {event_id}\nevent: ticket\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


async def _missed(last_id: int) -> list[dict] | None:
    """Events after `last_id`, oldest first; None when there are too many (resync)."""

    limit = settings.STREAM_REPLAY_LIMIT

    def read() -> list[dict] | None:
        rows = list(
            TicketEvent.objects.filter(id__gt=last_id)
            .order_by("id")
            .values("id", "ticket_id", "version", "kind")[: limit + 1]
        )
        if len(rows) > limit:
            return None
        return [
            {"event": r["id"], "id": r["ticket_id"], "version": r["version"], "kind": r["kind"]}
            for r in rows
        ]

    return await sync_to_async(read)()


async def _events(subscriber: Subscriber, last_id: int | None) -> AsyncIterator[str]:
    sent: deque[int] = deque(maxlen=2 * settings.STREAM_REPLAY_LIMIT)
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n: connected\n\n"
        if last_id is not None:
            missed = await _missed(last_id)
            await _release_database()
            if missed is None:
                yield "event: resync\ndata: {}\n\n"
            else:
                for item in missed:
                    sent.append(item["event"])
                    yield _message(item["event"], _public(item))
        while True:
            if subscriber.overflowed or subscriber.gap:
                subscriber.overflowed = subscriber.gap = False
                while not subscriber.queue.empty():
                    subscriber.queue.get_nowait()
                yield "event: resync\ndata: {}\n\n"
            try:
                item = await asyncio.wait_for(
                    subscriber.queue.get(), settings.STREAM_HEARTBEAT_SECONDS
                )
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            if item.get("event") in sent:
                continue
            sent.append(item["event"])
            yield _message(item["event"], _public(item))
    finally:
        listener.unsubscribe(subscriber)


def _public(item: dict) -> dict:
    return {"id": item["id"], "version": item["version"], "kind": item["kind"]}


@require_GET
async def ticket_stream(request: HttpRequest) -> HttpResponseBase:
    if not isinstance(request, ASGIRequest):
        # Under WSGI a stream would hold a request thread for good: it has its own server.
        return JsonResponse(
            error_body("The stream is served by the stream process, not by this server."),
            status=503,
        )
    caller = await _caller(request)
    await _release_database()
    if isinstance(caller, str):
        return _unauthorized(caller)
    last = request.headers.get("Last-Event-ID", "")
    last_id = int(last) if last.isdigit() and len(last) <= 18 else None
    subscriber = listener.subscribe()
    response = StreamingHttpResponse(_events(subscriber, last_id), content_type="text/event-stream")
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"
    return response
