"""What e-mail and webhooks cost a ticket submission: POST /api/tickets/ with both off, and
with e-mail on (a local SMTP sink) and one webhook subscribed to every event (a local
receiver), side by side in the same run.

    python bench/jobs_overhead.py                  # what `make bench-jobs` runs
    python bench/jobs_overhead.py --slices 40 --slice-seconds 1

Two gunicorn servers (backend/gunicorn.conf.py, debug off, local classifier, rate limits
off) run at once, one per setting, each on its own database (`tickets_bench_jobs_off`,
`tickets_bench_jobs_on` on 127.0.0.1:5432 unless BENCH_JOBS_DATABASE_URL names the
server). They are driven in turn, in short slices of anonymous creates with
`requester_email` set (a new address each time, so every create queues its submission
e-mail), from 1 and from 8 threads, so that both see the same background load on a
shared machine. Besides creates per second, the CPU time of each server's gunicorn
processes and of its database's backends is counted per create: the figure least moved
by other work on the machine. Creates only queue work, in the request's transaction; no
worker runs while they are measured. Afterwards one worker (`manage.py worker`) drains
what the "on" server queued, and the sink and the receiver are counted: every create must
have produced one e-mail and one webhook. Last, creates are measured once more with that
worker running beside the "on" server on the same cores.

This is a benchmark, not a test.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import httpx
import psycopg
from run import BACKEND, PYTHON, app_environment, drive, ensure_database, log

sys.path.insert(0, str(BACKEND))
from core.testing_servers import HttpReceiver, SmtpSink

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PORTS = {"off": 8766, "on": 8767}
SETTINGS = ("off", "on")


def environment(url: str, setting: str, sink: SmtpSink) -> dict:
    env = {
        **app_environment(url),
        "EMAIL_URL": "",
        "PUBLIC_BASE_URL": "http://127.0.0.1",
    }
    if setting == "on":
        env |= {
            "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
            "WEBHOOK_ALLOW_PRIVATE": "true",
        }
    return env


def reset(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "TRUNCATE tickets_ticket, tickets_comment, tickets_ticketevent, mail_outgoingemail,"
            " webhooks_webhookendpoint, webhooks_webhookdelivery, procrastinate_jobs,"
            " procrastinate_events, procrastinate_periodic_defers RESTART IDENTITY CASCADE"
        )


def subscribe(url: str, receiver_url: str | None) -> None:
    """One webhook for every event on the receiver, or none."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM webhooks_webhookendpoint")
        if receiver_url:
            conn.execute(
                "INSERT INTO webhooks_webhookendpoint (url, events, description, secret,"
                " created_at) VALUES (%s, %s, 'bench', %s, now())",
                [
                    receiver_url,
                    ["ticket.created", "ticket.updated", "comment.created"],
                    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                ],
            )


class Gunicorn:
    def __init__(self, env: dict, workers: int, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.log = Path("/tmp") / f"bench-jobs-gunicorn-{port}.log"
        command = [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
        ]
        command += ["--workers", str(workers)]
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                command, cwd=BACKEND, env=env, stdout=out, stderr=out
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass  # not up yet
            time.sleep(0.3)
        self.stop()
        sys.exit(f"gunicorn did not become ready; see {self.log}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _cpu_ticks(pid: int) -> tuple[int, int, int]:
    """(ppid, own utime+stime, reaped children's) of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (
        int(fields[1]),
        int(fields[11]) + int(fields[12]),
        int(fields[13]) + int(fields[14]),
    )


def gunicorn_cpu(master: int) -> float:
    """CPU seconds of gunicorn's master and workers, live and reaped."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid, own, reaped = _cpu_ticks(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
        if ppid == master:
            ticks += own
        elif int(stat.parent.name) == master:
            ticks += own + reaped
    return ticks / os.sysconf("SC_CLK_TCK")


def database_cpu(url: str) -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend serving the bench database (same machine)."""
    with psycopg.connect(url) as conn:
        pids = [
            row[0]
            for row in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid()"
            )
        ]
    seconds = {}
    for pid in pids:
        try:
            seconds[pid] = _cpu_ticks(pid)[1] / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            continue
    return seconds


def create(run_id: str):
    def request(client, n: int):
        return client.post(
            "/api/tickets/",
            json={
                "title": f"Cannot sign in after the update #{n}",
                "description": f"Since this morning the login page spins forever ({run_id}-{n}).",
                "requester_email": f"bench-{run_id}-{n}@example.com",
            },
        )

    return request


def database_url(setting: str) -> str:
    server = os.environ.get("BENCH_JOBS_DATABASE_URL") or DEFAULT_SERVER
    return urlunparse(urlparse(server)._replace(path=f"/tickets_bench_jobs_{setting}"))


def measure_slice(
    server: Gunicorn, url: str, concurrency: int, seconds: float, label: str
):
    """One slice of creates: the drive's numbers plus the CPU seconds it cost."""
    app_before, db_before = gunicorn_cpu(server.process.pid), database_cpu(url)
    result = drive(server.base, create(label), concurrency, seconds)
    app_after, db_after = gunicorn_cpu(server.process.pid), database_cpu(url)
    result["app_cpu"] = app_after - app_before
    result["db_cpu"] = sum(t - db_before.get(pid, 0.0) for pid, t in db_after.items())
    result["seconds"] = result["requests"] / result["rps"] if result["rps"] else seconds
    return result


def totals(slices: list[dict]) -> dict:
    requests = sum(r["requests"] for r in slices)
    return {
        "requests": requests,
        "rps": requests / sum(r["seconds"] for r in slices),
        "app_cpu_ms": 1000 * sum(r["app_cpu"] for r in slices) / requests,
        "db_cpu_ms": 1000 * sum(r["db_cpu"] for r in slices) / requests,
        "p50_ms": statistics.median(r["p50_ms"] for r in slices),
        "errors": sum(r["errors"] for r in slices),
    }


def interleaved(servers: dict, args, label: str) -> dict:
    """{concurrency: {setting: totals}}, the settings driven in turn, slice by slice."""
    results: dict = {}
    for c in args.concurrency:
        slices: dict[str, list[dict]] = {setting: [] for setting in servers}
        for setting, server in servers.items():
            drive(server.base, create(f"warm{label}{setting}{c}"), c, 1.0)
        for n in range(args.slices):
            order = list(servers) if n % 2 == 0 else list(servers)[::-1]
            for setting in order:
                slices[setting].append(
                    measure_slice(
                        servers[setting],
                        database_url(setting),
                        c,
                        args.slice_seconds,
                        f"{label}{setting}{c}-{n}",
                    )
                )
        results[c] = {setting: totals(runs) for setting, runs in slices.items()}
        log(
            f"c={c}: "
            + ", ".join(f"{k} {v['rps']:.1f}/s" for k, v in results[c].items())
        )
    return results


def queued(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')"
        ).fetchone()[0]


def drain(url: str, sink: SmtpSink, receiver: HttpReceiver) -> dict:
    """Run one worker until the queue is empty; what it delivered, and how fast."""
    with psycopg.connect(url) as conn:
        tickets_on = conn.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'jobs.fan_out_ticket_event'"
            " AND status = 'todo'"
        ).fetchone()[0]
    worker = start_worker(url, sink)
    started = time.monotonic()
    try:
        while queued(url) and time.monotonic() - started < 1800:
            time.sleep(0.5)
        seconds = time.monotonic() - started
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    return {
        "fan_out_jobs": tickets_on,
        "emails_received": len(sink.messages),
        "webhooks_received": len(receiver.requests),
        "drain_seconds": round(seconds, 1),
        "tickets_per_second": round(tickets_on / seconds, 1) if seconds else None,
    }


def start_worker(url: str, sink: SmtpSink) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "manage.py", "worker"],
        cwd=BACKEND,
        env=environment(url, "on", sink),
        stdout=subprocess.DEVNULL,
        stderr=open("/tmp/bench-jobs-worker.log", "w"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slices", type=int, default=30, help="slices per setting")
    parser.add_argument("--slice-seconds", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()

    sink, receiver = SmtpSink().start(), HttpReceiver(answer=204).start()
    for setting in SETTINGS:
        url = database_url(setting)
        ensure_database(url)
        env = environment(url, setting, sink)
        manage = [PYTHON, "manage.py"]
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v", "0"],
            cwd=BACKEND,
            env=env,
            check=True,
        )
        subprocess.run([*manage, "createcachetable"], cwd=BACKEND, env=env, check=True)
        reset(url)
        subscribe(url, receiver.url if setting == "on" else None)
    load_before = os.getloadavg()
    servers = {
        setting: Gunicorn(
            environment(database_url(setting), setting, sink),
            args.workers,
            PORTS[setting],
        )
        for setting in SETTINGS
    }
    try:
        try:
            results = interleaved(servers, args, "paired")
        finally:
            servers["off"].stop()
        drained = drain(database_url("on"), sink, receiver)
        log("creates with a worker running beside gunicorn")
        worker = start_worker(database_url("on"), sink)
        try:
            time.sleep(3)
            beside = interleaved({"on": servers["on"]}, args, "beside")
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    finally:
        servers["on"].stop()
        sink.stop()
        receiver.stop()
    report(args, results, drained, beside, load_before, os.getloadavg())


def report(args, results, drained, beside, load_before, load_after) -> None:
    print(
        f"\n{os.cpu_count()} cores; two servers of {args.workers} gunicorn workers (gthread);"
        f" {args.slices} slices of {args.slice_seconds:g} s per setting and concurrency,"
        f" in turn; load average before {load_before[0]:.1f}, after {load_after[0]:.1f}.\n"
    )
    print(
        "| concurrency | setting | creates | creates/s | p50 ms (median slice)"
        " | app CPU ms/create | database CPU ms/create | CPU ms/create | errors |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for c, by_setting in results.items():
        for setting, r in by_setting.items():
            print(
                f"| {c} | {setting} | {r['requests']} | {r['rps']:.1f} | {r['p50_ms']:.1f}"
                f" | {r['app_cpu_ms']:.2f} | {r['db_cpu_ms']:.2f}"
                f" | {r['app_cpu_ms'] + r['db_cpu_ms']:.2f} | {r['errors']} |"
            )
        off, on = by_setting["off"], by_setting["on"]
        off_cpu, on_cpu = (
            off["app_cpu_ms"] + off["db_cpu_ms"],
            on["app_cpu_ms"] + on["db_cpu_ms"],
        )
        print(
            f"| {c} | **overhead** | | {100 * (off['rps'] - on['rps']) / off['rps']:+.1f}%"
            f" fewer | | | | {100 * (on_cpu - off_cpu) / off_cpu:+.1f}% | |"
        )
    print(f"\nDrained by one worker afterwards: {drained}")
    print(
        "Creates on the on-server with that worker running beside it: "
        + ", ".join(
            f"c={c}: {r['on']['rps']:.1f} creates/s (p50 {r['on']['p50_ms']:.1f} ms)"
            for c, r in beside.items()
        )
    )


if __name__ == "__main__":
    main()
