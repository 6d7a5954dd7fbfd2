"""Changing one's own password (CONTRACT §7)."""

import pytest

from accounts.models import ApiToken
from accounts.services import token_create
from core.testing import assert_error_shape

from .conftest import PASSWORD, bearer, sign_in

pytestmark = pytest.mark.django_db

URL = "/api/auth/password/"


def _change(client, current=PASSWORD, new="a-brand-new-passphrase", **extra):
    return client.post(
        URL,
        {"current_password": current, "new_password": new},
        format="json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
        **extra,
    )


def test_changing_keeps_this_session_and_ends_the_others(agent):
    from rest_framework.test import APIClient

    here, elsewhere = APIClient(enforce_csrf_checks=True), APIClient(enforce_csrf_checks=True)
    sign_in(here, "priya")
    sign_in(elsewhere, "priya")
    token_create(user=agent, name="cron")

    response = _change(here)

    assert response.status_code == 204
    assert here.get("/api/auth/me/").status_code == 200
    assert elsewhere.get("/api/auth/me/").status_code == 401
    assert not ApiToken.objects.filter(user=agent).exists()


def test_a_wrong_current_password_is_400_on_that_field(browser, agent):
    sign_in(browser, "priya")

    assert_error_shape(_change(browser, current="not it"), 400, "current_password")
    agent.refresh_from_db()
    assert agent.check_password(PASSWORD)


def test_a_weak_new_password_is_400_on_that_field(browser, agent):
    sign_in(browser, "priya")

    assert_error_shape(_change(browser, new="short"), 400, "new_password")


def test_wrong_current_passwords_count_towards_the_sign_in_limit(browser, agent):
    sign_in(browser, "priya")
    for _ in range(5):
        _change(browser, current="guess")

    assert_error_shape(_change(browser), 429)


def test_with_a_token_the_password_changes_and_tokens_are_revoked(anonymous_client, agent):
    _, secret = token_create(user=agent, name="cli")

    response = anonymous_client.post(
        URL,
        {"current_password": PASSWORD, "new_password": "a-brand-new-passphrase"},
        format="json",
        **bearer(secret),
    )

    assert response.status_code == 204
    assert anonymous_client.get("/api/auth/me/", **bearer(secret)).status_code == 401


def test_signed_out_it_is_401(anonymous_client):
    response = anonymous_client.post(
        URL, {"current_password": "a", "new_password": "b"}, format="json"
    )

    assert_error_shape(response, 401)
