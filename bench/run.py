"""Load benchmark: seed N tickets, serve the app with gunicorn, measure every endpoint.

    python bench/run.py --count 100000            # what `make bench` runs
    python bench/run.py --count 1000000 --duration 15

Steps: check free disk; create the database `tickets_bench` on 127.0.0.1:5432 (user
postgres) unless BENCH_DATABASE_URL names another; migrate; seed N tickets (skipped when
the database already holds N tickets, up to 5% more, unless --reseed); VACUUM ANALYZE;
serve with gunicorn on 127.0.0.1 (local classifier, rate limits and debug off); drive
each endpoint at concurrency 1 and 16 for --duration seconds with threads of keep-alive
httpx clients; print p50, p99 and requests per second. Then replay each endpoint's SQL
(captured from the app with CaptureQueriesContext) directly with psycopg and print app
time / SQL time for the lists and searches, app time minus SQL time for the others.
This is a benchmark, not a test: results depend on the machine (see bench/RESULTS.md).
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import httpx
import psycopg

REPO = Path(__file__).resolve().parent.parent
BACKEND = REPO / "backend"
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tickets_bench"
# Disk a seeded ticket takes with its indexes (measured: ~1.4 kB), with room to spare.
BYTES_PER_TICKET = 3_000
COMMON_WORD = "please"
RARE_WORD = "hexetron"

READS = {
    "list": "/api/tickets/",
    "list category+priority": "/api/tickets/?category=billing&priority=high",
    f"search common ({COMMON_WORD})": f"/api/tickets/?search={COMMON_WORD}",
    f"search rare ({RARE_WORD})": f"/api/tickets/?search={RARE_WORD}",
    "search two words + filter": "/api/tickets/?search=invoice+twice&category=billing",
    "stats": "/api/tickets/stats/",
    "stats tz=Europe/Berlin": "/api/tickets/stats/?tz=Europe/Berlin",
}
WRITES = {"create": "/api/tickets/", "classify": "/api/tickets/classify/"}
# Endpoints whose app time is compared with their SQL time as a ratio.
RATIO_ENDPOINTS = [name for name in READS if not name.startswith("stats")]
# The agent whose token every request carries (lists, searches and stats need one).
BENCH_AGENT = "bench-agent"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL


def ensure_database(url: str) -> None:
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin_url = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            log(f"Creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def check_disk(url: str, count: int) -> None:
    needed = count * BYTES_PER_TICKET
    path = REPO
    with psycopg.connect(url) as conn:
        try:
            data_dir = conn.execute("SHOW data_directory").fetchone()[0]
            if Path(data_dir).exists():
                path = Path(data_dir)
        except psycopg.Error:
            pass
    free = shutil.disk_usage(path).free
    log(
        f"Free disk at {path}: {free / 1e9:.1f} GB; this run needs about {needed / 1e9:.1f} GB"
    )
    if free < needed:
        sys.exit(
            f"Not enough free disk: {free / 1e9:.1f} GB, need {needed / 1e9:.1f} GB."
        )


def app_environment(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production",
        "DJANGO_DOTENV": "off",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "LLM_PROVIDER": "local",
        "RATE_LIMIT_CLASSIFY": "off",
        "RATE_LIMIT_CREATE": "off",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BACKEND, env=env, check=True)


CREATE_AGENT = """
from django.contrib.auth.models import User
if not User.objects.filter(username="%s").exists():
    User.objects.create_user("%s", "", None, first_name="Bench Agent")
"""


def agent_token(url: str) -> str:
    """A fresh API token of the bench's agent (created on first use; it has no password)."""
    env = app_environment(url)
    manage(env, "shell", "-c", CREATE_AGENT % (BENCH_AGENT, BENCH_AGENT))
    created = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "create_token",
            BENCH_AGENT,
            "--name",
            "bench",
            "--expires-in-days",
            "1",
        ],
        cwd=BACKEND,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return created.stdout.strip()


def seeded_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM tickets_ticket").fetchone()[0]


def prepare(url: str, count: int, reseed: bool) -> dict:
    env = app_environment(url)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    timings = {}
    # A previous run's creates add a few tickets: those are kept.
    if reseed or not count <= seeded_count(url) <= count * 1.05:
        log(f"Seeding {count} tickets")
        started = time.monotonic()
        manage(env, "seed_tickets", "--count", str(count), "--clear")
        timings["seed_seconds"] = round(time.monotonic() - started, 1)
    with psycopg.connect(url, autocommit=True) as conn:
        started = time.monotonic()
        conn.execute("VACUUM ANALYZE tickets_ticket")
        timings["vacuum_analyze_seconds"] = round(time.monotonic() - started, 1)
    return timings


class Server:
    """Gunicorn with backend/gunicorn.conf.py; its access lines give the server's own time."""

    # The access line's message: method, path, status, microseconds in the worker.
    ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(D)s"

    def __init__(self, url: str, port: int, workers: int, backend: Path = BACKEND):
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = Path(tempfile.gettempdir()) / f"bench-gunicorn-{port}.log"
        command = [
            PYTHON, "-m", "gunicorn", "config.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--access-logformat", self.ACCESS_FORMAT,
        ]  # fmt: skip
        with self.log_path.open("w") as log_file:
            self.process = subprocess.Popen(
                command,
                cwd=backend,
                env=app_environment(url),
                stdout=log_file,
                stderr=log_file,
            )
        self._log_offset = 0

    def server_ms_since_last_call(self) -> list[float]:
        """Time each request spent in a worker (ms), for the requests logged since the last call."""
        with self.log_path.open("rb") as log_file:
            log_file.seek(self._log_offset)
            data = log_file.read()
        complete = data.rfind(b"\n") + 1
        self._log_offset += complete
        timings = []
        for line in data[:complete].splitlines():
            if not line.startswith(b"{"):
                continue
            try:
                message = json.loads(line).get("message", "")
            except ValueError:
                continue
            parts = message.split(" ")
            if len(parts) == 4 and parts[3].isdigit():
                timings.append(int(parts[3]) / 1000)
        return timings

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited; see {self.log_path}")
            try:
                if httpx.get(f"{self.base}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        sys.exit(f"gunicorn did not become ready; see {self.log_path}")

    def cpu_seconds(self) -> float:
        """CPU time used so far by the gunicorn workers, live and recycled (Linux /proc)."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:  # a live worker: its utime + stime
                ticks += int(fields[11]) + int(fields[12])
            elif stat.parent.name == str(
                self.process.pid
            ):  # the master: + reaped workers'
                ticks += int(fields[13]) + int(fields[14])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def ticket_texts(url: str, count: int) -> list[dict]:
    """Varied ticket texts (no two alike, so the classification cache rarely helps)."""
    sys.path.insert(0, str(BACKEND))
    os.environ.update(app_environment(url))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from tickets.seeding import TicketRows, default_end

    tickets = TicketRows(seed=int(time.time()), end=default_end()).tickets(count)
    return [
        {"title": f"{ticket.row[0]} #{index}", "description": ticket.row[1]}
        for index, ticket in enumerate(tickets)
    ]


# Sent with every request of drive(): the bench agent's token (main() sets it).
HEADERS: dict[str, str] = {}


def drive(base: str, request, concurrency: int, seconds: float) -> dict:
    """Run `request(client, n)` from `concurrency` threads for `seconds`; latencies in ms."""
    latencies: list[float] = []
    failures = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    counter = iter(range(10**9))

    def worker():
        with httpx.Client(base_url=base, timeout=30, headers=HEADERS) as client:
            mine = []
            while time.monotonic() < stop_at:
                n = next(counter)
                started = time.perf_counter()
                response = request(client, n)
                mine.append((time.perf_counter() - started) * 1000)
                if response.status_code >= 400:
                    failures.append(response.status_code)
            with lock:
                latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(
            latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 1
        ),
        "rps": round(len(latencies) / elapsed, 1),
        "errors": len(failures),
    }


def requests_by_endpoint(texts: list[dict]) -> dict:
    def get(path):
        return lambda client, n: client.get(path)

    def post(path):
        return lambda client, n: client.post(path, json=texts[n % len(texts)])

    return {
        **{name: get(path) for name, path in READS.items()},
        **{name: post(path) for name, path in WRITES.items()},
    }


CAPTURE = """
import json, sys
import django
django.setup()
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from django.contrib.auth.models import User

client = Client()
client.force_login(User.objects.get(username=sys.argv[2]))
captured = {}
for name, (method, path, body) in json.loads(sys.argv[1]).items():
    # Warm up the connection and the process's caches (the stats' list of time zones).
    client.get(path if method == "GET" else "/api/tickets/stats/")
    # Rolled back: a replayed INSERT must not meet the row it already made.
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            if method == "GET":
                response = client.get(path)
            else:
                response = client.post(path, body, content_type="application/json")
        transaction.set_rollback(True)
    assert response.status_code < 400, (name, response.status_code)
    captured[name] = [query["sql"] for query in queries.captured_queries]
print(json.dumps(captured))
"""


def capture_sql(url: str, texts: list[dict]) -> dict:
    """The SQL each endpoint runs, captured from the app itself."""
    spec = {name: ("GET", path, None) for name, path in READS.items()}
    spec.update(
        {
            name: ("POST", path, texts[-1 - i])
            for i, (name, path) in enumerate(WRITES.items())
        }
    )
    result = subprocess.run(
        [PYTHON, "-c", CAPTURE, json.dumps(spec), BENCH_AGENT],
        cwd=BACKEND,
        env={**app_environment(url), "DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def time_sql(url: str, statements: list[str], seconds: float) -> float:
    """p50 in ms of running `statements` in one rolled-back transaction (as one request)."""
    timings = []
    with psycopg.connect(url) as conn:
        stop_at = time.monotonic() + seconds
        while time.monotonic() < stop_at or len(timings) < 5:
            started = time.perf_counter()
            with conn.cursor() as cursor:
                for statement in statements:
                    if statement.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
                        continue
                    cursor.execute(statement.encode())
            timings.append((time.perf_counter() - started) * 1000)
            conn.rollback()
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument(
        "--duration", type=float, default=10, help="Seconds per measurement."
    )
    parser.add_argument("--port", type=int, default=0, help="Default: a free port.")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--reseed", action="store_true", help="Seed even if already seeded."
    )
    parser.add_argument(
        "--json", type=Path, help="Also write the results to this file."
    )
    parser.add_argument(
        "--backend",
        type=Path,
        default=BACKEND,
        help="Serve the backend of another checkout (to compare code before a change).",
    )
    args = parser.parse_args()

    url = database_url()
    ensure_database(url)
    check_disk(url, args.count)
    timings = prepare(url, args.count, args.reseed)
    HEADERS["Authorization"] = f"Bearer {agent_token(url)}"
    texts = ticket_texts(url, 20_000)
    requests = requests_by_endpoint(texts)

    timings["load_average_before"] = [round(value, 1) for value in os.getloadavg()]
    server = Server(url, args.port or free_port(), args.workers, args.backend)
    results = {}
    try:
        server.wait_ready()
        for name, request in requests.items():
            warm_up = drive(server.base, request, 1, 1)
            if warm_up["errors"]:
                sys.exit(f"{name} answers errors; see {server.log_path}")
            results[name] = {}
            for concurrency in (1, 16):
                log(f"{name}: concurrency {concurrency}")
                cpu_before = server.cpu_seconds()
                server.server_ms_since_last_call()
                measured = drive(server.base, request, concurrency, args.duration)
                cpu = server.cpu_seconds() - cpu_before
                time.sleep(0.5)  # the last access lines are written after the responses
                in_worker = server.server_ms_since_last_call()
                measured["server_p50_ms"] = (
                    round(statistics.median(in_worker), 2) if in_worker else None
                )
                measured["app_cpu_ms"] = round(
                    cpu * 1000 / max(measured["requests"], 1), 1
                )
                results[name][concurrency] = measured
    finally:
        server.stop()

    timings["load_average_after"] = [round(value, 1) for value in os.getloadavg()]
    captured = capture_sql(url, texts)
    sql = {
        name: time_sql(url, statements, min(args.duration, 5))
        for name, statements in captured.items()
    }
    report(args, timings, results, sql, captured)
    from export_load import measure_export
    from export_load import report as report_export

    log("Streaming the full export")
    export = measure_export(url, HEADERS["Authorization"].removeprefix("Bearer "))
    report_export(export)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "timings": timings,
                    "results": results,
                    "sql_ms": sql,
                    "export": export,
                },
                indent=2,
            )
        )


def report(args, timings, results, sql, captured) -> None:
    print(
        f"\n{args.count} tickets, {os.cpu_count()} cores, {args.workers} gunicorn workers "
        f"(backend/gunicorn.conf.py: gthread), {args.duration:g} s per measurement. {timings}"
    )
    print(
        "\n| endpoint | c=1 p50 ms | c=1 p99 ms | c=1 req/s | c=16 p50 ms | c=16 p99 ms "
        "| c=16 req/s | errors | app CPU ms/req (c=16) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, by_concurrency in results.items():
        one, many = by_concurrency[1], by_concurrency[16]
        print(
            f"| {name} | {one['p50_ms']} | {one['p99_ms']} | {one['rps']} | {many['p50_ms']} "
            f"| {many['p99_ms']} | {many['rps']} | {one['errors'] + many['errors']} "
            f"| {many['app_cpu_ms']} |"
        )
    print(
        "\n| endpoint | queries | SQL p50 ms | client p50 ms (c=1) | server p50 ms (c=1) "
        "| server / SQL | server - SQL ms |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, sql_ms in sql.items():
        app_ms = results[name][1]["p50_ms"]
        server_ms = results[name][1].get("server_p50_ms")
        ratio = (
            f"{server_ms / sql_ms:.1f}"
            if name in RATIO_ENDPOINTS and sql_ms and server_ms
            else ""
        )
        difference = f"{server_ms - sql_ms:.1f}" if server_ms is not None else ""
        print(
            f"| {name} | {len(captured[name])} | {sql_ms:.2f} | {app_ms} | {server_ms} "
            f"| {ratio} | {difference} |"
        )


if __name__ == "__main__":
    main()
