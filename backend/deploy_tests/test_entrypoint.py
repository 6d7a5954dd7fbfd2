"""The api container's start-up, run on this machine: entrypoint, settings, gunicorn."""

import os
import re
import signal
import subprocess
import sys
import time

import httpx
import pytest
import yaml

from .conftest import (
    BACKEND_DIR,
    ENTRYPOINT,
    REPO_DIR,
    run_entrypoint,
    run_manage,
    server_env,
    start_gunicorn,
    throwaway_database,
)

pytestmark = pytest.mark.slow


def test_migrate_applies_migrations_and_creates_the_configured_superuser(first_migration):
    assert first_migration.returncode == 0, first_migration.stderr
    assert "Applying tickets.0001_initial... OK" in first_migration.stdout
    assert "Created superuser 'ops'." in first_migration.stdout


def test_migrate_again_changes_nothing(first_migration, throwaway_database_url):
    env = server_env(
        throwaway_database_url,
        DJANGO_SUPERUSER_USERNAME="ops",
        DJANGO_SUPERUSER_PASSWORD="another-password-is-ignored",
    )

    again = run_entrypoint(env, "migrate")

    assert again.returncode == 0, again.stderr
    assert "No migrations to apply." in again.stdout
    assert "Superuser 'ops' exists." in again.stdout


def test_replicas_migrating_at_once_take_turns(postgres_admin_url):
    # given two api containers started together with RUN_MIGRATIONS=1 on an empty database
    with throwaway_database(postgres_admin_url) as url:
        env = server_env(url)
        commands = [[str(ENTRYPOINT), "migrate"]] * 2
        runs = [
            subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for command in commands
        ]
        outputs = [run.communicate(timeout=120)[0].decode() for run in runs]

    # then both succeed: one applies the migrations, the other finds nothing left to do
    assert [run.returncode for run in runs] == [0, 0], "\n".join(outputs)
    assert sum("Applying tickets.0001_initial... OK" in output for output in outputs) == 1
    assert sum("No migrations to apply." in output for output in outputs) == 1


def test_collectstatic_writes_hashed_and_compressed_admin_files(static_root):
    assert (static_root / "staticfiles.json").is_file()
    css = static_root / "admin" / "css"
    assert (css / "base.css").is_file()
    hashed = [path for path in css.glob("base.*.css") if path.name != "base.css"]
    assert hashed, "no hashed copy of admin/css/base.css"
    assert (css / f"{hashed[0].name}.gz").is_file()


def test_gunicorn_serves_health_probes_and_the_api(api_server, agent_headers):
    healthz = httpx.get(f"{api_server.base_url}/healthz")
    readyz = httpx.get(f"{api_server.base_url}/readyz")
    tickets = httpx.get(f"{api_server.base_url}/api/tickets/", headers=agent_headers)

    assert healthz.status_code == 200
    assert readyz.status_code == 200
    assert tickets.status_code == 200
    assert tickets.json()["count"] == 0
    booted = api_server.wait_for_json(lambda r: r["message"].startswith("Booting worker"), count=2)
    assert len(booted) == 2


def test_access_log_is_json_with_the_response_request_id(api_server, agent_headers):
    response = httpx.get(f"{api_server.base_url}/api/tickets/?page_size=5", headers=agent_headers)

    request_id = response.headers["X-Request-ID"]
    lines = api_server.wait_for_json(
        lambda r: r["logger"] == "gunicorn.access" and r["request_id"] == request_id
    )
    assert len(lines) == 1
    line = lines[0]
    assert line["method"] == "GET"
    assert line["path"] == "/api/tickets/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], int)


def _compose_optional_variables() -> list[str]:
    """What the compose file passes as `${NAME:-}`: empty when .env leaves NAME empty."""
    compose = yaml.safe_load((REPO_DIR / "docker-compose.yml").read_text())
    values = compose["x-api-environment"].items()
    return [name for name, value in values if re.fullmatch(rf"\$\{{{name}:-\}}", str(value))]


def test_serves_with_every_optional_compose_variable_empty(
    tmp_path, first_migration, throwaway_database_url, static_root, agent_headers
):
    # given the environment Compose builds from a .env copied from .env.example:
    # every optional variable present with an empty value
    optional = _compose_optional_variables()
    assert {"WEB_CONCURRENCY", "LOG_LEVEL", "GUNICORN_THREADS"} <= set(optional)
    env = server_env(throwaway_database_url, DJANGO_STATIC_ROOT=str(static_root))
    env.update(dict.fromkeys(optional, ""))

    # when the api container starts
    server = start_gunicorn(env, tmp_path / "api.log")
    try:
        tickets = httpx.get(f"{server.base_url}/api/tickets/", headers=agent_headers)
        booted = server.wait_for_json(
            lambda r: r["message"].startswith("Booting worker"), count=2 * os.cpu_count() + 1
        )
    finally:
        server.stop()

    # then each empty value means its default: 2 x cores + 1 workers, INFO logs
    assert tickets.status_code == 200
    assert len(booted) == 2 * os.cpu_count() + 1, server.output()


def test_refuses_to_start_without_a_secret_key(throwaway_database_url):
    env = server_env(throwaway_database_url, DJANGO_SECRET_KEY="")

    result = run_entrypoint(env, "serve", timeout=60)

    assert result.returncode == 78
    assert "DJANGO_SECRET_KEY is required" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Listening at" not in result.stdout


def test_refuses_to_start_with_a_malformed_rate_limit(throwaway_database_url):
    env = server_env(throwaway_database_url, RATE_LIMIT_CLASSIFY="lots")

    result = run_entrypoint(env, "serve", timeout=60)

    assert result.returncode == 78
    assert "RATE_LIMIT_CLASSIFY must be a rate like 120/minute" in result.stderr


def _check_deploy(env):
    return run_manage(env, "check", "--deploy", "--fail-level", "WARNING")


def test_check_deploy_is_clean_with_django_secure_on(throwaway_database_url):
    base = server_env(throwaway_database_url, DJANGO_ALLOWED_HOSTS="tickets.example.com")

    secure = _check_deploy({**base, "DJANGO_SECURE": "true", "TRUSTED_PROXY_COUNT": "1"})
    insecure = _check_deploy(base)

    assert secure.returncode == 0, secure.stdout + secure.stderr
    assert "no issues" in secure.stdout
    # The same settings without the switch are what the check exists to catch.
    assert insecure.returncode != 0
    assert "security.W008" in insecure.stderr + insecure.stdout


def test_the_worker_command_runs_until_sigterm_and_reports_its_health(
    first_migration, throwaway_database_url, tmp_path
):
    # given the worker container's command, with every optional variable empty
    assert first_migration.returncode == 0, first_migration.stderr
    env = server_env(
        throwaway_database_url, EMAIL_URL="", WORKER_CONCURRENCY="", WORKER_HEARTBEAT_SECONDS="1"
    )
    log = tmp_path / "worker.log"
    health = [sys.executable, "-m", "jobs.health"]
    with log.open("wb") as output:
        worker = subprocess.Popen(
            [str(ENTRYPOINT), "worker"], env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        # then its health check turns green once its heartbeat is in the database
        deadline = time.monotonic() + 60
        while subprocess.run(health, cwd=BACKEND_DIR, env=env, capture_output=True).returncode:
            assert worker.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
    finally:
        worker.send_signal(signal.SIGTERM)
        code = worker.wait(30)

    # and SIGTERM is a clean stop, after which it is no longer reported alive
    assert code == 0, log.read_text()
    assert subprocess.run(health, cwd=BACKEND_DIR, env=env, capture_output=True).returncode == 1
    assert "E-mail is off" in log.read_text()


def test_the_worker_reports_healthy_as_soon_as_it_runs_not_a_heartbeat_later(
    first_migration, throwaway_database_url, tmp_path
):
    # given the worker container's command with the default heartbeat (10 s)
    assert first_migration.returncode == 0, first_migration.stderr
    env = server_env(throwaway_database_url, EMAIL_URL="", WORKER_HEARTBEAT_SECONDS="")
    log = tmp_path / "worker.log"
    health = [sys.executable, "-m", "jobs.health"]
    with log.open("wb") as output:
        worker = subprocess.Popen(
            [str(ENTRYPOINT), "worker"], env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while "Starting worker" not in log.read_text():
            assert worker.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        started = time.monotonic()
        # when its health is checked right after it started
        while subprocess.run(health, cwd=BACKEND_DIR, env=env, capture_output=True).returncode:
            assert time.monotonic() < started + 60, log.read_text()
            time.sleep(0.2)
        waited = time.monotonic() - started
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)

    # then it is healthy within moments (Compose's check allows 3 failures 10 s apart)
    assert waited < 5, f"healthy {waited:.1f} s after the worker started"
