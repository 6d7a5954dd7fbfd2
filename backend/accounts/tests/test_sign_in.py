"""Signing the browser in and out (CONTRACT §7): session cookie, CSRF, one error message."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from accounts.services import user_update
from core.testing import assert_error_shape

from .conftest import PASSWORD, UserFactory, csrf_token, sign_in

pytestmark = pytest.mark.django_db


def test_me_signed_out_is_401_and_sets_the_csrf_cookie(browser):
    response = browser.get("/api/auth/me/")

    assert_error_shape(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.cookies["csrftoken"].value


def test_sign_in_starts_a_session_that_answers_me(browser, agent):
    response = sign_in(browser, "priya")

    assert response.status_code == 200
    assert response.json() == {
        "id": agent.pk,
        "username": "priya",
        "name": "Priya Raman",
        "email": "priya@support.example",
        "role": "agent",
    }
    assert browser.cookies["sessionid"]["httponly"]
    assert browser.get("/api/auth/me/").json()["username"] == "priya"
    assert browser.get("/api/tickets/").status_code == 200


def test_admins_are_admins(browser, admin_user):
    assert sign_in(browser, "ada").json()["role"] == "admin"


def test_sign_in_without_the_csrf_header_is_403(browser, agent):
    csrf_token(browser)

    response = browser.post(
        "/api/auth/login/", {"username": "priya", "password": PASSWORD}, format="json"
    )

    body = assert_error_shape(response, 403)
    assert "CSRF" in body["detail"]
    assert "sessionid" not in browser.cookies


def test_wrong_password_and_unknown_user_get_the_same_answer(browser, agent):
    wrong_password = sign_in(browser, "priya", "not the password")
    unknown_user = sign_in(browser, "nobody-here", "not the password")

    assert_error_shape(wrong_password, 400)
    assert_error_shape(unknown_user, 400)
    assert wrong_password.json() == unknown_user.json()
    assert "sessionid" not in browser.cookies


def test_a_deactivated_user_gets_the_same_answer_as_a_wrong_password(browser, agent, admin_user):
    user_update(user=agent, actor=admin_user, is_active=False)

    response = sign_in(browser, "priya")

    assert response.json() == sign_in(browser, "priya", "not the password").json()


@pytest.mark.argon2
def test_an_unknown_username_costs_a_password_hash_like_a_known_one(browser, agent, monkeypatch):
    # Timing must not tell who has an account: Django's backend hashes the offered password
    # for unknown usernames too. Count the Argon2 work done in each case.
    calls = []
    for name in ("encode", "verify"):
        original = getattr(Argon2PasswordHasher, name)

        def spy(self, *args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Argon2PasswordHasher, name, spy)
    agent.set_password(PASSWORD)
    agent.save()
    calls.clear()

    sign_in(browser, "priya", "not the password")
    known = len(calls)
    calls.clear()
    sign_in(browser, "nobody-here", "not the password")

    assert known == 1
    assert len(calls) == 1


@pytest.mark.argon2
def test_passwords_are_hashed_with_argon2(admin_api_client):
    response = admin_api_client.post(
        "/api/users/",
        {"username": "new", "name": "New Agent", "password": "a-long-passphrase"},
        format="json",
    )

    assert response.status_code == 201
    user = UserFactory._meta.model.objects.get(username="new")
    assert user.password.startswith("argon2$")


def test_sign_out_ends_the_session(browser, agent):
    sign_in(browser, "priya")

    response = browser.post(
        "/api/auth/logout/", HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value
    )

    assert response.status_code == 204
    assert browser.get("/api/auth/me/").status_code == 401
    assert browser.get("/api/tickets/").status_code == 401


def test_unsafe_requests_on_a_session_need_the_csrf_header(browser, agent):
    sign_in(browser, "priya")

    response = browser.post("/api/auth/logout/")

    assert_error_shape(response, 403)
    assert browser.get("/api/auth/me/").status_code == 200


def test_a_deactivated_users_session_is_refused_at_once_even_on_open_endpoints(
    browser, agent, admin_user
):
    sign_in(browser, "priya")
    user_update(user=agent, actor=admin_user, is_active=False)

    refused = browser.post(
        "/api/tickets/",
        {"title": "Hello", "description": "Still signed in?"},
        format="json",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )

    assert_error_shape(refused, 401)
    # The session is over: the browser is a stranger now, not a broken agent.
    assert browser.get("/api/auth/me/").status_code == 401
    assert browser.get("/api/tickets/").status_code == 401
