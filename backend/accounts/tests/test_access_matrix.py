"""Who may call what (CONTRACT §7): every API endpoint x every kind of caller.

The table below is the access rule as built. `test_every_endpoint_has_an_entry` fails when
an endpoint is added without one, so no endpoint can ship without a decision on who may
call it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.views import APIView

from accounts.models import ApiToken
from accounts.services import token_create, user_update
from core.testing import connection_kept_open_for_the_test
from tickets.portal import portal_key
from tickets.tests.factories import TicketFactory
from webhooks.models import WebhookEndpoint
from webhooks.signing import new_secret

from .conftest import PASSWORD, UserFactory, bearer, csrf_token, sign_in

COLUMNS = ("anonymous", "agent", "admin", "deactivated", "expired_token", "revoked_token")
# Failed credentials are refused everywhere, public endpoints included.
FAILED = {"deactivated": 401, "expired_token": 401, "revoked_token": 401}


def row(anonymous: int, agent: int, admin: int) -> dict[str, int]:
    return {"anonymous": anonymous, "agent": agent, "admin": admin, **FAILED}


def portal_row(status: int) -> dict[str, int]:
    # The portal ignores cookies (its key is the credential), so a deactivated user's
    # session is no credential there; failed tokens are still refused.
    return {**row(status, status, status), "deactivated": status}


@dataclass(frozen=True)
class World:
    agent: object
    other_agent: object
    admin: object
    ticket: object
    agents_spare_token: ApiToken
    webhook: object


# (method, route) -> (url for this world, body, expected status per column)
Body = Callable[[World], dict | None]
MATRIX: dict[tuple[str, str], tuple[Callable[[World], str], Body, dict[str, int]]] = {
    ("GET", "api/tickets/"): (lambda w: "/api/tickets/", lambda w: None, row(401, 200, 200)),
    ("POST", "api/tickets/"): (
        lambda w: "/api/tickets/",
        lambda w: {"title": "Printer on fire", "description": "It is really on fire."},
        row(201, 201, 201),
    ),
    ("POST", "api/tickets/classify/"): (
        lambda w: "/api/tickets/classify/",
        lambda w: {"description": "I was charged twice"},
        row(200, 200, 200),
    ),
    ("GET", "api/tickets/stats/"): (
        lambda w: "/api/tickets/stats/",
        lambda w: None,
        row(401, 200, 200),
    ),
    ("GET", "api/tickets/export.csv"): (
        lambda w: "/api/tickets/export.csv",
        lambda w: None,
        row(401, 200, 200),
    ),
    ("GET", "api/tickets/<id18:ticket_id>/"): (
        lambda w: f"/api/tickets/{w.ticket.pk}/",
        lambda w: None,
        row(401, 200, 200),
    ),
    ("PATCH", "api/tickets/<id18:ticket_id>/"): (
        lambda w: f"/api/tickets/{w.ticket.pk}/",
        lambda w: {"status": "in_progress"},
        row(401, 200, 200),
    ),
    ("GET", "api/tickets/<id18:ticket_id>/comments/"): (
        lambda w: f"/api/tickets/{w.ticket.pk}/comments/",
        lambda w: None,
        row(401, 200, 200),
    ),
    ("POST", "api/tickets/<id18:ticket_id>/comments/"): (
        lambda w: f"/api/tickets/{w.ticket.pk}/comments/",
        lambda w: {"body": "We are on it.", "visibility": "public"},
        row(401, 201, 201),
    ),
    ("GET", "api/tickets/<id18:ticket_id>/events/"): (
        lambda w: f"/api/tickets/{w.ticket.pk}/events/",
        lambda w: None,
        row(401, 200, 200),
    ),
    ("POST", "api/tickets/<id18:ticket_id>/portal-link/"): (
        lambda w: f"/api/tickets/{w.ticket.pk}/portal-link/",
        lambda w: None,
        row(401, 201, 201),
    ),
    ("GET", "api/portal/<str:key>/"): (
        lambda w: f"/api/portal/{portal_key(w.ticket.pk, w.ticket.portal_salt)}/",
        lambda w: None,
        portal_row(200),
    ),
    ("POST", "api/portal/<str:key>/replies/"): (
        lambda w: f"/api/portal/{portal_key(w.ticket.pk, w.ticket.portal_salt)}/replies/",
        lambda w: {"body": "Thanks, it works now."},
        portal_row(201),
    ),
    ("GET", "api/auth/me/"): (lambda w: "/api/auth/me/", lambda w: None, row(401, 200, 200)),
    ("POST", "api/auth/login/"): (
        lambda w: "/api/auth/login/",
        lambda w: {"username": "sam", "password": PASSWORD},
        row(200, 200, 200),
    ),
    ("POST", "api/auth/logout/"): (
        lambda w: "/api/auth/logout/",
        lambda w: None,
        row(401, 204, 204),
    ),
    ("POST", "api/auth/password/"): (
        lambda w: "/api/auth/password/",
        lambda w: {"current_password": PASSWORD, "new_password": "a-brand-new-passphrase"},
        row(401, 204, 204),
    ),
    ("GET", "api/auth/tokens/"): (
        lambda w: "/api/auth/tokens/",
        lambda w: None,
        row(401, 200, 200),
    ),
    ("POST", "api/auth/tokens/"): (
        lambda w: "/api/auth/tokens/",
        lambda w: {"name": "another"},
        row(401, 201, 201),
    ),
    ("DELETE", "api/auth/tokens/<id18:token_id>/"): (
        lambda w: f"/api/auth/tokens/{w.agents_spare_token.pk}/",
        lambda w: None,
        # Only its owner may revoke it; to anyone else it does not exist.
        row(401, 204, 404),
    ),
    ("GET", "api/users/"): (lambda w: "/api/users/", lambda w: None, row(401, 403, 200)),
    ("POST", "api/users/"): (
        lambda w: "/api/users/",
        lambda w: {"username": "newbie", "name": "New Bie", "password": "a-long-passphrase"},
        row(401, 403, 201),
    ),
    ("PATCH", "api/users/<id18:user_id>/"): (
        lambda w: f"/api/users/{w.other_agent.pk}/",
        lambda w: {"name": "Renamed"},
        row(401, 403, 200),
    ),
    ("GET", "api/agents/"): (lambda w: "/api/agents/", lambda w: None, row(401, 200, 200)),
    ("GET", "api/triage/quality/"): (
        lambda w: "/api/triage/quality/",
        lambda w: None,
        row(401, 200, 200),
    ),
    ("POST", "api/triage/retrain/"): (
        lambda w: "/api/triage/retrain/",
        lambda w: None,
        row(401, 403, 202),
    ),
    ("GET", "api/stream/"): (lambda w: "/api/stream/", lambda w: None, row(401, 200, 200)),
    ("GET", "api/webhooks/"): (lambda w: "/api/webhooks/", lambda w: None, row(401, 403, 200)),
    ("POST", "api/webhooks/"): (
        lambda w: "/api/webhooks/",
        # A public address written as such: no name to look up, no network needed.
        lambda w: {"url": "https://203.0.113.10/hooks", "events": ["ticket.created"]},
        row(401, 403, 201),
    ),
    ("DELETE", "api/webhooks/<id18:webhook_id>/"): (
        lambda w: f"/api/webhooks/{w.webhook.pk}/",
        lambda w: None,
        row(401, 403, 204),
    ),
    ("POST", "api/webhooks/<id18:webhook_id>/test/"): (
        lambda w: f"/api/webhooks/{w.webhook.pk}/test/",
        lambda w: None,
        row(401, 403, 202),
    ),
    ("GET", "api/webhooks/<id18:webhook_id>/deliveries/"): (
        lambda w: f"/api/webhooks/{w.webhook.pk}/deliveries/",
        lambda w: None,
        row(401, 403, 200),
    ),
    ("GET", "api/schema/"): (lambda w: "/api/schema/", lambda w: None, row(200, 200, 200)),
    ("GET", "api/docs/"): (lambda w: "/api/docs/", lambda w: None, row(200, 200, 200)),
}


# API endpoints that are not DRF views, with their methods: the live-updates stream is an
# async Django view (it runs in its own ASGI process).
NON_DRF_ENDPOINTS = {"api/stream/": ("GET",)}


def _api_endpoints() -> set[tuple[str, str]]:
    """(method, route) of every view under /api/, read from the URL configuration."""
    found: set[tuple[str, str]] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("api/"):
                view = getattr(pattern.callback, "view_class", None)
                if view is None:
                    assert route in NON_DRF_ENDPOINTS, f"{route}: not a DRF view; list it"
                    found.update((method, route) for method in NON_DRF_ENDPOINTS[route])
                    continue
                assert issubclass(view, APIView), route
                for method in ("get", "post", "put", "patch", "delete"):
                    if hasattr(view, method):
                        found.add((method.upper(), route))

    walk(get_resolver().url_patterns, "")
    return found


def test_every_endpoint_has_an_entry():
    assert _api_endpoints() == set(MATRIX)


@pytest.fixture
def world(db) -> World:
    agent = UserFactory(username="sam", first_name="Sam")
    other = UserFactory(username="kim", first_name="Kim")
    admin = UserFactory(username="root", first_name="Root", is_superuser=True, is_staff=True)
    spare, _ = token_create(user=agent, name="spare")
    webhook = WebhookEndpoint.objects.create(
        url="https://203.0.113.10/hooks", events=["ticket.created"], secret=new_secret()
    )
    return World(agent, other, admin, TicketFactory(), spare, webhook)


def _client_for(column: str, world: World) -> tuple[APIClient, dict[str, str]]:
    client = APIClient(enforce_csrf_checks=True)
    headers: dict[str, str] = {}
    if column in ("agent", "admin", "expired_token", "revoked_token"):
        user = world.admin if column == "admin" else world.agent
        token, secret = token_create(user=user, name=column)
        if column == "expired_token":
            ApiToken.objects.filter(pk=token.pk).update(
                expiry=timezone.now() - timedelta(minutes=1)
            )
        if column == "revoked_token":
            token.delete()
        headers = bearer(secret)
    if column == "deactivated":
        # Signed in, then switched off by an admin while the session lives on.
        assert sign_in(client, "kim").status_code == 200
        user_update(user=world.other_agent, actor=world.admin, is_active=False)
        headers["HTTP_X_CSRFTOKEN"] = client.cookies["csrftoken"].value
    else:
        headers["HTTP_X_CSRFTOKEN"] = csrf_token(client)
    return client, headers


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("endpoint", sorted(MATRIX), ids=lambda e: f"{e[0]} /{e[1]}")
def test_access(endpoint, column, world):
    method, route = endpoint
    url, body, expected = MATRIX[endpoint]
    client, headers = _client_for(column, world)

    if route in NON_DRF_ENDPOINTS:
        assert _streamed_status(url(world), client, headers) == expected[column]
        return
    response = getattr(client, method.lower())(url(world), body(world), format="json", **headers)

    assert response.status_code == expected[column], response.content[:300]
    if response.status_code == 401:
        assert response["WWW-Authenticate"] == "Bearer"


def _streamed_status(path: str, client: APIClient, headers: dict[str, str]) -> int:
    """The stream never ends: ask the ASGI app for its status only, as the browser would."""
    from asgiref.sync import async_to_sync

    from config.asgi import application
    from core.asgi_probe import response_status
    from stream.listener import listener

    asgi_headers = {"Host": "testserver"}
    if "HTTP_AUTHORIZATION" in headers:
        asgi_headers["Authorization"] = headers["HTTP_AUTHORIZATION"]
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    if cookies:
        asgi_headers["Cookie"] = cookies

    async def probe() -> int:
        try:
            return await response_status(application, path, asgi_headers)
        finally:
            await listener.stop()

    with connection_kept_open_for_the_test():
        return async_to_sync(probe)()
