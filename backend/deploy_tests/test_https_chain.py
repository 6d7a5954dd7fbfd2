"""DJANGO_SECURE behind a TLS-terminating balancer, then nginx, then gunicorn."""

import httpx
import pytest

from .conftest import server_env, start_gunicorn, start_nginx

pytestmark = pytest.mark.slow

FROM_BALANCER = {"X-Forwarded-Proto": "https", "Host": "help.example.com"}


@pytest.fixture(scope="module")
def secure_site(
    tmp_path_factory,
    first_migration,
    throwaway_database_url,
    static_root,
    nginx_binary,
    frontend_dist,
):
    assert first_migration.returncode == 0, first_migration.stderr
    env = server_env(
        throwaway_database_url,
        DJANGO_SECURE="true",
        TRUSTED_PROXY_COUNT="2",
        DJANGO_ALLOWED_HOSTS="help.example.com",
        DJANGO_STATIC_ROOT=str(static_root),
    )
    directory = tmp_path_factory.mktemp("secure")
    api = start_gunicorn(env, directory / "api.log")
    try:
        proxy = start_nginx(
            directory / "nginx",
            binary=nginx_binary,
            ui_root=frontend_dist,
            upstream=api.base_url.removeprefix("http://"),
        )
        assert proxy["process"] is not None, proxy["check"].stderr
        yield proxy
        proxy["process"].stop()
    finally:
        api.stop()


def test_plain_http_is_redirected_to_https(secure_site):
    response = httpx.get(f"{secure_site['api']}/api/tickets/", headers={"Host": "help.example.com"})

    assert response.status_code == 301
    assert response.headers["Location"] == "https://help.example.com/api/tickets/"


def test_https_reported_by_the_balancer_is_believed(secure_site, agent_headers):
    response = httpx.get(
        f"{secure_site['api']}/api/tickets/", headers={**FROM_BALANCER, **agent_headers}
    )

    assert response.status_code == 200
    hsts = response.headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert "preload" not in hsts


def test_cookies_are_secure_over_https(secure_site):
    response = httpx.get(f"{secure_site['api']}/admin/login/", headers=FROM_BALANCER)

    assert response.status_code == 200
    csrf_cookie = next(v for v in response.headers.get_list("Set-Cookie") if "csrftoken" in v)
    assert "Secure" in csrf_cookie


def test_health_probes_are_not_redirected(secure_site):
    # Probes inside the network speak plain HTTP to the api's own address.
    assert (
        httpx.get(f"{secure_site['api']}/healthz", headers={"Host": "help.example.com"}).status_code
        == 200
    )
    assert (
        httpx.get(f"{secure_site['api']}/readyz", headers={"Host": "help.example.com"}).status_code
        == 200
    )
