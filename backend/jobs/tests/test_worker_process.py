"""The worker as it runs in production (`manage.py worker`), killed and restarted."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tickets.actors import Actor
from tickets.services import ticket_create
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.signing import new_secret

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("job_queue")]

BACKEND_DIR = Path(__file__).resolve().parents[2]
HEARTBEAT_SECONDS = 1


def _environment() -> dict[str, str]:
    db = connection.settings_dict
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    url = f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{quote(db['NAME'])}"
    return {
        **os.environ,
        "DJANGO_DOTENV": "off",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": url,
        "WORKER_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
        "WEBHOOK_ALLOW_PRIVATE": "true",
        "EMAIL_URL": "",
        "LOG_FORMAT": "plain",
    }


def _start_worker(log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--concurrency", "2"],
        cwd=BACKEND_DIR,
        env=_environment(),
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _healthy() -> bool:
    check = subprocess.run(
        [sys.executable, "-m", "jobs.health"], cwd=BACKEND_DIR, capture_output=True, timeout=10
    )
    return check.returncode == 0


def _eventually(condition, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_job_of_a_worker_killed_mid_job_runs_again_with_the_same_webhook_id(receiver, tmp_path):
    # given a receiver that holds the first delivery open, and a ticket to deliver
    release = threading.Event()

    def hold_the_first(request):
        if len(receiver.requests) == 1:
            release.wait(30)
        return 200

    receiver.answer = hold_the_first
    WebhookEndpoint.objects.create(url=receiver.url, events=["ticket.created"], secret=new_secret())
    ticket_create(title="Printer on fire", description="Flames.", actor=Actor.system())
    log = tmp_path / "workers.log"

    # when the worker is killed while it waits for the receiver
    first = _start_worker(log)
    try:
        receiver.wait_for(1, timeout=30)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        release.set()
    time.sleep(3 * HEARTBEAT_SECONDS + 0.5)  # its heartbeats stop: it is presumed dead

    # then the next worker delivers it again, as the same message
    second = _start_worker(log)
    try:
        receiver.wait_for(2, timeout=30)
        _eventually(lambda: WebhookDelivery.objects.filter(delivered_at__isnull=False).exists())
        _eventually(_healthy)
    finally:
        second.send_signal(signal.SIGTERM)
        stopped = second.wait(30)

    first_try, second_try = receiver.requests
    assert first_try.headers["webhook-id"] == second_try.headers["webhook-id"]
    assert first_try.body == second_try.body
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.status_code) == (1, 200)  # the killed try left no trace
    assert stopped == 0, log.read_text()[-3000:]  # SIGTERM is a clean stop
    assert not _healthy()  # a stopped worker is not reported alive
    assert "queued again" in log.read_text()
