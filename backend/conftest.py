import os
import shutil
import socket
import subprocess
import time

import pytest

pytest.register_assert_rewrite("core.testing")

import redis  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from accounts.tests.factories import UserFactory  # noqa: E402
from core.testing_servers import HttpReceiver, SmtpSink  # noqa: E402


@pytest.fixture(autouse=True)
def fast_password_hashing(settings, request):
    """Tests hash thousands of passwords: a fast hasher, except where a test checks Argon2."""
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def anonymous_client() -> APIClient:
    """A client without credentials: a customer on the open form, or a stranger."""
    return APIClient()


@pytest.fixture
def agent(db):
    return UserFactory(username="priya", first_name="Priya Raman")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", first_name="Ada Admin", is_superuser=True, is_staff=True)


@pytest.fixture
def api_client(agent) -> APIClient:
    """A client signed in as an agent: what most tests of the agents' API need."""
    client = APIClient()
    client.force_authenticate(user=agent)
    return client


@pytest.fixture
def admin_api_client(admin_user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=admin_user)
    return client


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Unhashed static names: hashed ones need collectstatic, which the deployment tests run."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A throwaway redis-server on a free port: its URL. Never the machine's own Redis."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    port = _free_port()
    directory = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=directory,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)
    yield url
    client.close()
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def smtp_sink():
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def email_on(settings, smtp_sink):
    """E-mail configured as EMAIL_URL=smtp://127.0.0.1:<sink> with a public base URL."""
    settings.EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.PUBLIC_BASE_URL = "https://help.example.com"
    settings.DEFAULT_FROM_EMAIL = "support@help.example.com"
    return smtp_sink


@pytest.fixture
def receiver(settings):
    """A real HTTP server on 127.0.0.1 recording webhook deliveries (private addresses
    allowed, as WEBHOOK_ALLOW_PRIVATE=true does)."""
    settings.WEBHOOK_ALLOW_PRIVATE = True
    server = HttpReceiver().start()
    yield server
    server.stop()


@pytest.fixture
def job_queue(transactional_db):
    """A committed database and an empty job queue, emptied again afterwards (procrastinate's
    tables are not Django's to flush)."""
    from jobs.testing import empty_job_tables

    empty_job_tables()
    yield
    empty_job_tables()
