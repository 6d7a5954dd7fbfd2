"""Fixtures for the browser journeys.

The app is served as `make run` serves it: Django (`manage.py runserver
--noreload`, debug on) and the live-updates stream (uvicorn with config.asgi) on
free ports behind `make run`'s front door (runner/proxy.py) on a third, the API
on the same origin, the built web UI from `frontend/dist`, and the debug admin
admin/admin that `make run` creates in an empty database. Its database is a
throwaway one, created here and dropped afterwards: on the server of
DATABASE_URL when set (CI), else on the embedded server the backend starts for
local development.

Besides the debug admin, the journeys sign in as an admin and an agent with
strong passwords (`accounts`), once per run: their contexts start from the
saved session cookies.

Headless Chromium comes from the system (`/usr/bin/chromium`, or CHROMIUM_PATH).
Without it the journeys are skipped, except under CI=true, where they fail.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from pages import sign_in_by_api

REPO = Path(__file__).resolve().parent.parent
BACKEND = REPO / "backend"
DIST = REPO / "frontend" / "dist"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() == "true"
SERVER_START_TIMEOUT = 90


def _unavailable(message: str) -> None:
    """Skip locally; in CI a missing prerequisite is a failure, never a silent skip."""
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


# --- Database -----------------------------------------------------------------


def _server_url() -> str:
    """A URL of the PostgreSQL server to create the throwaway database on."""
    url = os.environ.get("E2E_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if url:
        return url
    # No server configured: the embedded one `make run` uses (started on demand).
    sys.path.insert(0, str(BACKEND))
    try:
        from config.embedded_db import embedded_database_settings
    finally:
        sys.path.remove(str(BACKEND))
    db = embedded_database_settings()
    host = db["HOST"]
    if host.startswith("/"):
        return f"postgresql://{db['USER']}@/{db['NAME']}?host={host}&port={db['PORT']}"
    return f"postgresql://{db['USER']}@{host}:{db['PORT']}/{db['NAME']}"


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    import psycopg
    from psycopg import sql

    try:
        server = _server_url()
        admin = _with_database(server, "postgres")
        name = f"e2e_{os.getpid()}_{secrets.token_hex(4)}"
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except Exception as error:  # any reason means "no database to test with"
        _unavailable(f"No PostgreSQL server for the browser journeys: {error}")
    try:
        yield _with_database(server, name)
    finally:
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


# --- The app ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _app_env(database: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database,
            "DJANGO_DEBUG": "true",
            "DJANGO_DOTENV": "false",
            "FRONTEND_DIST_DIR": str(DIST),
            # Offline classification only: no key, no network.
            "LLM_PROVIDER": "local",
            "LLM_API_KEY": "",
            "OPENAI_API_KEY": "",
            "ANTHROPIC_API_KEY": "",
            "REDIS_URL": "",
            "RATE_LIMIT_CLASSIFY": "off",
            "RATE_LIMIT_CREATE": "off",
            # Every journey signs in from 127.0.0.1: the per-client limit (20 in 15
            # minutes) would lock the run out. The per-username limits stay as shipped.
            "RATE_LIMIT_LOGIN": "1000/15m",
            "PYTHONUNBUFFERED": "1",
            # Behind the front door, which adds the client to X-Forwarded-For.
            "TRUSTED_PROXY_COUNT": "1",
        }
    )
    return env


def _ready(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/readyz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _wait_until_up(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The app exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        if _ready(port):
            return
        time.sleep(0.3)
    pytest.fail(
        f"The app did not answer within {SERVER_START_TIMEOUT} s:\n{log.read_text()[-4000:]}"
    )


@pytest.fixture(scope="session")
def chromium() -> str:
    """The system's Chromium; checked before anything is started for it."""
    if not Path(CHROMIUM).is_file():
        _unavailable(
            f"No Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium) "
            "or set CHROMIUM_PATH."
        )
    return CHROMIUM


def _manage(env: dict[str, str], *command: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=BACKEND,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def app_env(database_url: str) -> dict[str, str]:
    return _app_env(database_url)


# `make run`'s front door: /api/stream/ to the stream server, the rest to Django.
_FRONT_DOOR = """
import sys
import uvicorn
from runner.proxy import Proxy
web, stream, port = (int(a) for a in sys.argv[1:4])
uvicorn.run(Proxy(web_port=web, stream_port=stream), host="127.0.0.1", port=port,
            log_level="warning", access_log=False, lifespan="on")
"""


@pytest.fixture(scope="session")
def app_url(chromium: str, app_env: dict[str, str]) -> Iterator[str]:
    if not (DIST / "index.html").is_file():
        _unavailable(
            "The web UI is not built: run `make frontend-build` (or `npm run build` in frontend/)."
        )
    env = app_env
    _manage(env, "migrate", "--noinput")
    _manage(env, "createcachetable")
    # As `make run` does: admin/admin in a database without users.
    _manage(env, "ensure_superuser")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "server.log"
    port, web_port, stream_port = _free_port(), _free_port(), _free_port()
    url = f"http://127.0.0.1:{port}"
    commands = [
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{web_port}"],
        [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1",
         "--port", str(stream_port), "--no-access-log"],
        [sys.executable, "-c", _FRONT_DOOR, str(web_port), str(stream_port), str(port)],
    ]  # fmt: skip
    processes = []
    with log.open("w") as out:
        for command in commands:
            processes.append(
                subprocess.Popen(
                    command, cwd=BACKEND, env=env, stdout=out, stderr=subprocess.STDOUT
                )
            )
    try:
        for process in processes:
            _wait_until_up(port, process, log)
        yield url
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


# --- The browser ----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(chromium: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


class PageWatch:
    """What the page did that a journey must not ignore: dialogs and script errors."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []


def _open_page(
    browser, app_url: str, width: int, height: int, storage_state=None, color_scheme="light"
):
    context = browser.new_context(
        base_url=app_url,
        viewport={"width": width, "height": height},
        locale="en-US",
        timezone_id="UTC",
        storage_state=storage_state,
        color_scheme=color_scheme,
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch = PageWatch()

    def on_dialog(dialog):
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    return context, page, watch


# --- People ---------------------------------------------------------------------


class Account:
    """Someone who can sign in, and (once signed in) their browser's session cookies."""

    def __init__(self, username: str, password: str, name: str) -> None:
        self.username = username
        self.password = password
        self.name = name
        self.storage_state: dict | None = None


_CREATE_PEOPLE = """
import json, os
from django.contrib.auth.models import User
for person in json.loads(os.environ["E2E_PEOPLE"]):
    if person["admin"]:
        user = User.objects.create_superuser(person["username"], "", person["password"])
    else:
        user = User.objects.create_user(person["username"], "", person["password"])
    user.first_name = person["name"]
    user.save()
"""


@pytest.fixture(scope="session")
def accounts(browser, app_url, app_env) -> dict[str, Account]:
    """An admin and an agent with strong passwords, each signed in once for the whole run.

    Journeys that sign out, or change these two people, sign in on their own instead:
    signing out ends only the session it is done in.
    """
    people = {
        "admin": Account("e2e-admin", secrets.token_urlsafe(18), "Ada Admin"),
        "agent": Account("e2e-agent", secrets.token_urlsafe(18), "Erin Agent"),
    }
    spec = [
        {"username": a.username, "password": a.password, "name": a.name, "admin": key == "admin"}
        for key, a in people.items()
    ]
    _manage({**app_env, "E2E_PEOPLE": json.dumps(spec)}, "shell", "-c", _CREATE_PEOPLE)
    for account in people.values():
        context = browser.new_context(base_url=app_url)
        try:
            sign_in_by_api(context, account.username, account.password)
            account.storage_state = context.storage_state()
        finally:
            context.close()
    return people


@pytest.fixture
def open_page(browser, app_url, accounts):
    """Opens pages of the app in fresh browser contexts, signed in as `who` ("agent",
    "admin") or signed out (None), with the system's colour scheme `color_scheme` ("light",
    "dark"); every page fails the test on a script error."""
    opened = []

    def open_(
        *,
        who: str | None = "agent",
        width: int = 1280,
        height: int = 900,
        color_scheme: str = "light",
    ):
        state = accounts[who].storage_state if who else None
        context, page, watch = _open_page(browser, app_url, width, height, state, color_scheme)
        page.watch = watch
        opened.append((context, watch))
        return page

    yield open_
    for context, _ in opened:
        context.close()
    errors = [error for _, watch in opened for error in watch.errors]
    assert errors == [], f"Script errors on the page: {errors}"


@pytest.fixture
def desktop(open_page):
    """A 1280 px wide page of the app, the agent signed in."""
    return open_page()


@pytest.fixture
def phone(open_page):
    """A 390 px wide page of the app (a current phone), the agent signed in."""
    return open_page(width=390, height=844)


@pytest.fixture
def visitor(open_page):
    """A 1280 px wide page of the app, nobody signed in (a customer)."""
    return open_page(who=None)


@pytest.fixture
def uid() -> str:
    """A word no other ticket contains, to find this test's tickets by search."""
    return f"qx{secrets.token_hex(4)}"


@pytest.fixture
def screenshot():
    """Saves a full-page PNG to e2e/artifacts/ (git-ignored) for a person to look at."""

    def take(page, name: str, *, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture(scope="session")
def django_shell(app_url, app_env):
    """Runs Python in the app's Django (`manage.py shell -c`), for what no API does:
    giving tickets the dates of a past month."""

    def run(code: str, **env: str) -> None:
        _manage({**app_env, **env}, "shell", "-c", code)

    return run


def pytest_collection_modifyitems(items):
    # The screenshots first: they show the tickets they seed, not other journeys' leftovers.
    items.sort(key=lambda item: item.get_closest_marker("screenshots") is None)
