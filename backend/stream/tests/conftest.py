"""A real stream process (uvicorn, as production runs it) on the test database."""

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from django.db import connection

BACKEND = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def stream_server(transactional_db) -> Iterator[str]:
    """The base URL of `uvicorn config.asgi:application` on the test database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    if db["HOST"].startswith("/"):
        url = f"postgres://{db['USER']}@/{db['NAME']}?host={db['HOST']}&port={db['PORT']}"
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "false",
        "STREAM_HEARTBEAT_SECONDS": "0.5",
        "STREAM_REPLAY_LIMIT": "5",
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "config.asgi:application", "--port", str(port)],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail(f"The stream server did not start: {process.stdout.read().decode()[-2000:]}")
    yield base
    process.terminate()
    process.wait(timeout=10)


class Stream:
    """Reads a server-sent event stream in a thread; `messages` fill as they arrive."""

    def __init__(self, url: str, headers: dict[str, str]):
        self.messages: list[dict[str, str]] = []
        self.comments = 0
        self.status: int | None = None
        self.headers: httpx.Headers | None = None
        self._opened = threading.Event()
        self._client = httpx.Client(timeout=httpx.Timeout(5, read=None))
        self._thread = threading.Thread(target=self._read, args=(url, headers), daemon=True)
        self._thread.start()
        assert self._opened.wait(10), "the stream did not answer"

    def _read(self, url: str, headers: dict[str, str]) -> None:
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                self.status, self.headers = response.status_code, response.headers
                self._opened.set()
                current: dict[str, str] = {}
                for line in response.iter_lines():
                    if line.startswith(":"):
                        self.comments += 1
                    elif not line:
                        if current:
                            self.messages.append(current)
                        current = {}
                    else:
                        name, _, value = line.partition(":")
                        current[name] = value.strip()
        except httpx.HTTPError:
            pass
        finally:
            self._opened.set()

    def wait_for(self, predicate, timeout: float = 2.0) -> dict[str, str]:
        """The first message matching `predicate` within `timeout` seconds (CONTRACT: 2 s)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages:
                if predicate(message):
                    return message
            time.sleep(0.02)
        raise AssertionError(f"no matching message within {timeout} s: {self.messages}")

    def close(self) -> None:
        self._client.close()
