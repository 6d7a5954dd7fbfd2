"""API tokens (CONTRACT §7): hashed at rest, named, optionally expiring, listed and revoked
by their owner, created by scripts with a username and password."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import ApiToken
from accounts.services import token_create, user_update
from core.testing import assert_error_shape

from .conftest import PASSWORD, UserFactory, bearer, sign_in

pytestmark = pytest.mark.django_db


def _create_with_password(client, **extra):
    body = {"name": "deploy script", "username": "priya", "password": PASSWORD, **extra}
    return client.post("/api/auth/tokens/", body, format="json")


def test_a_script_gets_a_token_with_username_and_password(anonymous_client, agent):
    response = _create_with_password(anonymous_client)

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "name", "token", "created_at", "expires_at"}
    assert body["name"] == "deploy script"
    assert body["expires_at"] is None
    assert "sessionid" not in response.cookies
    me = anonymous_client.get("/api/auth/me/", **bearer(body["token"]))
    assert me.json()["username"] == "priya"


def test_the_secret_is_stored_only_as_a_hash(anonymous_client, agent):
    secret = _create_with_password(anonymous_client).json()["token"]

    stored = ApiToken.objects.get()
    assert secret not in {stored.digest, stored.token_key, stored.name}
    assert len(stored.digest) == 128  # SHA-512, hex
    assert stored.token_key == secret[:15]


def test_a_signed_in_agent_creates_a_token_with_just_a_name(api_client):
    response = api_client.post(
        "/api/auth/tokens/", {"name": "laptop", "expires_in_days": 30}, format="json"
    )

    assert response.status_code == 201
    expires = response.json()["expires_at"]
    assert expires.startswith((timezone.now() + timedelta(days=30)).date().isoformat())


def test_tokens_are_listed_without_secrets_and_only_ones_own(api_client, agent, admin_user):
    token_create(user=agent, name="mine")
    token_create(user=admin_user, name="not mine")

    response = api_client.get("/api/auth/tokens/")

    assert response.status_code == 200
    assert [token["name"] for token in response.json()] == ["mine"]
    assert set(response.json()[0]) == {"id", "name", "created_at", "expires_at"}


def test_a_revoked_token_stops_working(anonymous_client, agent):
    token, secret = token_create(user=agent, name="old")

    revoked = anonymous_client.delete(f"/api/auth/tokens/{token.pk}/", **bearer(secret))
    after = anonymous_client.get("/api/tickets/", **bearer(secret))

    assert revoked.status_code == 204
    assert_error_shape(after, 401)


def test_nobody_revokes_another_users_token(api_client, admin_user):
    token, _ = token_create(user=admin_user, name="admin's")

    response = api_client.delete(f"/api/auth/tokens/{token.pk}/")

    assert_error_shape(response, 404)
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_an_expired_token_is_refused(anonymous_client, agent):
    token, secret = token_create(user=agent, name="short", expires_in_days=1)
    ApiToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - timedelta(seconds=1))

    response = anonymous_client.get("/api/tickets/", **bearer(secret))

    assert_error_shape(response, 401)


def test_a_deactivated_users_tokens_are_refused_on_open_endpoints_too(
    anonymous_client, agent, admin_user
):
    _, secret = token_create(user=agent, name="cron")
    # Even a token whose user was switched off behind the services' back.
    type(agent).objects.filter(pk=agent.pk).update(is_active=False)

    response = anonymous_client.post(
        "/api/tickets/", {"title": "Hi", "description": "Hello"}, format="json", **bearer(secret)
    )

    assert_error_shape(response, 401)


def test_deactivating_a_user_revokes_their_tokens(agent, admin_user):
    token_create(user=agent, name="cron")

    user_update(user=agent, actor=admin_user, is_active=False)

    assert not ApiToken.objects.filter(user=agent).exists()


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer a b",
        "Bearer st_\u00ff\u00fe",
        "Bearer st_0000\x00",
        "Bearer " + "f" * 500,
        "Bearer st_0123456789abcdef",
    ],
    ids=["no token", "two words", "not ascii", "nul byte", "very long", "unknown"],
)
def test_malformed_and_unknown_tokens_are_401(anonymous_client, header):
    response = anonymous_client.post(
        "/api/tickets/classify/", {"description": "x"}, format="json", HTTP_AUTHORIZATION=header
    )

    assert_error_shape(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"


def test_another_scheme_is_ignored_not_refused(anonymous_client):
    # Basic credentials meant for a proxy in front are none of the API's business.
    response = anonymous_client.post(
        "/api/tickets/classify/",
        {"description": "My invoice is wrong"},
        format="json",
        HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz",
    )

    assert response.status_code == 200


def test_a_token_cannot_create_a_token_that_outlives_it(anonymous_client, agent):
    _, secret = token_create(user=agent, name="temp", expires_in_days=7)

    longer = anonymous_client.post(
        "/api/auth/tokens/", {"name": "x", "expires_in_days": 30}, format="json", **bearer(secret)
    )
    unspecified = anonymous_client.post(
        "/api/auth/tokens/", {"name": "y"}, format="json", **bearer(secret)
    )

    assert_error_shape(longer, 400, "expires_in_days")
    assert unspecified.status_code == 201
    parent = ApiToken.objects.get(name="temp")
    assert ApiToken.objects.get(name="y").expiry == parent.expiry


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "tab\there"}, "name"),
        ({"name": "ok", "expires_in_days": 0}, "expires_in_days"),
        ({"name": "ok", "expires_in_days": "7"}, "expires_in_days"),
        ({"name": "ok", "username": "priya"}, "password"),
        ({"name": "ok", "scope": "all"}, "scope"),
    ],
)
def test_bad_token_requests_are_400_naming_the_field(api_client, body, field):
    assert_error_shape(api_client.post("/api/auth/tokens/", body, format="json"), 400, field)


def test_without_credentials_a_token_cannot_be_created(anonymous_client):
    response = anonymous_client.post("/api/auth/tokens/", {"name": "x"}, format="json")

    assert_error_shape(response, 401)


def test_wrong_password_for_a_token_is_the_sign_in_answer(anonymous_client, agent, browser):
    response = _create_with_password(anonymous_client, password="wrong guess")

    assert response.json() == sign_in(browser, "priya", "wrong guess").json()


def test_signing_out_with_a_token_revokes_it(anonymous_client, agent):
    _, secret = token_create(user=agent, name="once")

    assert anonymous_client.post("/api/auth/logout/", **bearer(secret)).status_code == 204
    assert anonymous_client.get("/api/auth/me/", **bearer(secret)).status_code == 401


def test_inactive_users_cannot_get_a_token_by_password(anonymous_client):
    UserFactory(username="gone", is_active=False)

    response = _create_with_password(anonymous_client, username="gone")

    assert_error_shape(response, 400)
