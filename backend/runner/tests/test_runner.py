"""`make run`'s supervisor (python -m runner): one port, every process, stopped together."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest
from django.db import connection

from accounts.services import token_create

BACKEND = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(params=["debug", "production"])
def runner(request, transactional_db):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_DEBUG": "true" if request.param == "debug" else "false",
        "WEB_CONCURRENCY": "1",
        "PORT": str(port),
        "HOST": "",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "runner"],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(f"make run's supervisor did not serve: {process.stdout.read().decode()}")
    yield base, process
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _descendants(process: subprocess.Popen) -> list[psutil.Process]:
    try:
        return psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def test_one_port_serves_the_api_the_ui_and_the_stream(runner, agent):
    base, _ = runner
    _, token = token_create(user=agent, name="runner")
    auth = {"Authorization": f"Bearer {token}"}
    received: list[str] = []

    def listen():
        with httpx.stream("GET", f"{base}/api/stream/", headers=auth, timeout=10) as response:
            for line in response.iter_lines():
                received.append(line)
                if line.startswith("data:"):
                    return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    time.sleep(1)
    created = httpx.post(
        f"{base}/api/tickets/",
        json={"title": "Through the front door", "description": "Body " * 500},
        headers=auth,
        timeout=10,
    )
    listener.join(5)

    assert created.status_code == 201
    assert created.json()["description"] == ("Body " * 500).strip()
    assert httpx.get(f"{base}/api/tickets/", headers=auth).json()["count"] == 1
    announced = [json.loads(line[5:]) for line in received if line.startswith("data:")]
    assert any(message["id"] == created.json()["id"] for message in announced)
    assert httpx.get(f"{base}/api/auth/me/").status_code == 401


def test_sigterm_stops_every_process(runner):
    _, process = runner
    children = _descendants(process)
    assert len(children) >= 2

    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)

    _gone, alive = psutil.wait_procs(children, timeout=10)
    assert alive == []


def test_a_crashed_server_stops_everything_and_says_which(runner):
    _, process = runner
    children = _descendants(process)
    stream = next(p for p in children if "uvicorn" in " ".join(p.cmdline()))

    stream.kill()
    process.wait(timeout=30)

    output = process.stdout.read().decode()
    assert process.returncode == 1
    assert "The stream process exited" in output
    assert psutil.wait_procs(children, timeout=10)[1] == []


def test_even_a_killed_supervisor_leaves_no_server_behind(runner):
    _, process = runner
    children = _descendants(process)

    process.kill()
    process.wait(timeout=10)

    assert psutil.wait_procs(children, timeout=20)[1] == []
