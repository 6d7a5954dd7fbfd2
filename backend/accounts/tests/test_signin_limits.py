"""Sign-in limits (CONTRACT §7): per (username, client), per username, per client; exact
under parallel guesses; shared by login, token creation and the Django admin's login page."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from accounts.models import SignInAttempt
from core.testing import assert_error_shape

from .conftest import PASSWORD, csrf_token, sign_in

pytestmark = pytest.mark.django_db


WRONG = "wrong guess"


def _guess(client, username="priya", ip="203.0.113.7"):
    return sign_in(client, username, WRONG, REMOTE_ADDR=ip)


def test_five_failures_lock_that_username_from_that_client(browser, agent):
    answers = [_guess(browser).status_code for _ in range(6)]

    assert answers == [400] * 5 + [429]
    refused = sign_in(browser, "priya", PASSWORD, REMOTE_ADDR="203.0.113.7")
    body = assert_error_shape(refused, 429)
    assert int(refused["Retry-After"]) > 800  # about 15 minutes
    assert "Try again in 15 minutes" in body["detail"]
    # Another client may still sign in as priya.
    assert (
        sign_in(
            APIClient(enforce_csrf_checks=True), "priya", REMOTE_ADDR="198.51.100.2"
        ).status_code
        == 200
    )


def test_a_success_clears_the_pairs_failures(browser, agent):
    for _ in range(4):
        _guess(browser)
    assert sign_in(browser, "priya", REMOTE_ADDR="203.0.113.7").status_code == 200

    answers = [_guess(browser).status_code for _ in range(5)]

    assert answers == [400] * 5


def test_failures_from_many_clients_lock_the_username(browser, agent, settings):
    settings.SIGNIN_FAILURES_PER_USERNAME = 8
    for n in range(8):
        assert _guess(browser, ip=f"198.51.100.{n + 1}").status_code == 400

    response = sign_in(browser, "priya", REMOTE_ADDR="192.0.2.200")

    assert_error_shape(response, 429)


def test_one_client_is_limited_across_usernames(browser, settings):
    settings.RATE_LIMIT_LOGIN = "3/15m"
    for name in ("a", "b", "c"):
        assert _guess(browser, username=name).status_code == 400

    response = _guess(browser, username="d")

    assert_error_shape(response, 429)


def test_successful_sign_ins_from_one_office_address_never_lock_it(settings):
    from rest_framework.test import APIClient

    from .conftest import UserFactory

    settings.RATE_LIMIT_LOGIN = "3/15m"
    for number in range(5):
        UserFactory(username=f"colleague{number}")

    answers = [
        sign_in(APIClient(enforce_csrf_checks=True), f"colleague{n}", REMOTE_ADDR="198.51.100.9")
        for n in range(5)
    ]

    assert [a.status_code for a in answers] == [200] * 5


def test_an_ipv6_client_is_counted_by_its_64(browser, settings):
    settings.RATE_LIMIT_LOGIN = "2/15m"
    _guess(browser, username="a", ip="2001:db8:1:2::1")
    _guess(browser, username="b", ip="2001:db8:1:2:ffff::9")

    response = _guess(browser, username="c", ip="2001:db8:1:2::abcd")

    assert_error_shape(response, 429)
    assert SignInAttempt.objects.filter(client="2001:db8:1:2::/64").count() == 2


def test_token_creation_with_a_password_counts_as_a_sign_in(anonymous_client, agent):
    for _ in range(5):
        anonymous_client.post(
            "/api/auth/tokens/",
            {"name": "script", "username": "priya", "password": "wrong guess"},
            format="json",
        )

    response = anonymous_client.post(
        "/api/auth/tokens/",
        {"name": "script", "username": "priya", "password": PASSWORD},
        format="json",
    )

    assert_error_shape(response, 429)


def test_the_django_admin_login_page_is_limited_too(client, admin_user):
    for _ in range(5):
        page = client.post("/admin/login/", {"username": "ada", "password": "wrong guess"})
        assert page.status_code == 200

    refused = client.post("/admin/login/", {"username": "ada", "password": PASSWORD})

    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert b"Too many sign-in attempts" in refused.content
    assert "_auth_user_id" not in client.session


def test_agents_cannot_use_the_django_admin(client, agent, admin_user):
    client.post("/admin/login/", {"username": "priya", "password": PASSWORD})
    assert client.get("/admin/").status_code == 302

    client.post("/admin/login/", {"username": "ada", "password": PASSWORD})
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_parallel_guesses_are_counted_one_by_one(agent):
    # given: 12 guesses at once from one client, each with its own connection
    statuses: list[int] = []
    barrier = threading.Barrier(12)

    def guess():
        client = APIClient(enforce_csrf_checks=True)
        token = csrf_token(client)
        barrier.wait()
        response = client.post(
            "/api/auth/login/",
            {"username": "priya", "password": "wrong guess"},
            format="json",
            HTTP_X_CSRFTOKEN=token,
            REMOTE_ADDR="203.0.113.9",
        )
        statuses.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then: exactly five were checked, the rest refused
    assert sorted(statuses) == [400] * 5 + [429] * 7
    assert SignInAttempt.objects.filter(succeeded=False).count() == 5
