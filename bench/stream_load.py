"""What open live-update streams cost the API, and how fast they deliver.

    python bench/stream_load.py                   # what `make bench` runs after run.py
    python bench/stream_load.py --count 100000 --streams 100 --duration 10

The app is served as bench/run.py serves it (its helpers: database, seeding, gunicorn with
backend/gunicorn.conf.py, debug off, local classifier, rate limits off), plus the stream
process `make run` adds (uvicorn with config.asgi, CONTRACT §8), on the database
`tickets_bench_stream` (127.0.0.1:5432 unless BENCH_STREAM_DATABASE_URL names another),
seeded with --count tickets. An agent's API token signs every request in.

Measured, at concurrency 1 and 16 for --duration seconds each: the list (`GET
/api/tickets/`) and create (`POST /api/tickets/`), first with no stream open, then with
--streams open streams (every create is then an event that each stream carries). Then the
delivery: --patches PATCHes, one at a time, and for each the time from the PATCH's
response to its event arriving on each open stream (p50 and p99 over all of them). The
load average is printed before and after: the machine may be shared.

This is a benchmark, not a test: results depend on the machine (see bench/RESULTS.md).
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Self

import httpx
from run import (
    BACKEND,
    PYTHON,
    Server,
    agent_token,
    app_environment,
    check_disk,
    drive,
    ensure_database,
    free_port,
    log,
    prepare,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tickets_bench_stream"
TARGET_SLOWDOWN = 1.2
# Tries to open one stream (a second apart) before the run gives up.
CONNECT_ATTEMPTS = 60
TARGET_DELIVERY_P99_MS = 2000


def database_url() -> str:
    return os.environ.get("BENCH_STREAM_DATABASE_URL") or DEFAULT_DATABASE_URL


class StreamServer:
    """The stream process, as `make run` starts it (runner/__main__.py)."""

    def __init__(self, url: str, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = Path(tempfile.gettempdir()) / f"bench-stream-{port}.log"
        command = [
            PYTHON, "-m", "uvicorn", "config.asgi:application",
            "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
        ]  # fmt: skip
        with self.log_path.open("w") as log_file:
            self.process = subprocess.Popen(
                command,
                cwd=BACKEND,
                env=app_environment(url),
                stdout=log_file,
                stderr=log_file,
            )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"the stream server exited; see {self.log_path}")
            try:
                httpx.get(f"{self.base}/healthz", timeout=2)
                return
            except httpx.HTTPError:
                time.sleep(0.3)
        self.stop()
        sys.exit(f"the stream server did not start; see {self.log_path}")

    def stop(self) -> None:
        # uvicorn waits for open streams on SIGTERM; they never end by themselves.
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class Streams:
    """`count` open streams in a thread of their own; each notes when an event arrives."""

    def __init__(self, base: str, token: str, count: int):
        self.base, self.token, self.count = base, token, count
        self.arrivals: list[dict[tuple[int, int], float]] = [{} for _ in range(count)]
        self.connected = threading.Semaphore(0)
        self.failures: list[str] = []
        self.open = 0
        self._loop = asyncio.new_event_loop()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        deadline = time.monotonic() + 60
        for _ in range(self.count):
            if not self.connected.acquire(
                timeout=max(0.1, deadline - time.monotonic())
            ):
                raise RuntimeError(f"streams did not connect: {self.failures[:3]}")
        if self.open < self.count:
            raise RuntimeError(
                f"{self.open} of {self.count} streams open: {self.failures[:3]}"
            )
        return self

    def __exit__(self, *exc) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        limits = httpx.Limits(max_connections=self.count + 10)
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Accept": "text/event-stream",
        }
        async with httpx.AsyncClient(
            base_url=self.base, limits=limits, timeout=None
        ) as client:
            tasks = [
                asyncio.ensure_future(self._follow(client, headers, n))
                for n in range(self.count)
            ]
            await self._stop.wait()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _follow(self, client: httpx.AsyncClient, headers: dict, n: int) -> None:
        """One stream; a refused attempt (a 503 while PostgreSQL is out of connections on a
        shared machine) is tried again, and every refusal is counted."""
        arrivals = self.arrivals[n]
        for _ in range(CONNECT_ATTEMPTS):
            try:
                async with client.stream(
                    "GET", "/api/stream/", headers=headers
                ) as response:
                    if response.status_code != 200:
                        self.failures.append(f"HTTP {response.status_code}")
                        await asyncio.sleep(1)
                        continue
                    self.open += 1
                    self.connected.release()
                    try:
                        async for line in response.aiter_lines():
                            if line.startswith("data: {") and '"version"' in line:
                                data = json.loads(line[6:])
                                arrivals[(data["id"], data["version"])] = (
                                    time.perf_counter()
                                )
                    finally:
                        self.open -= 1
                    self.failures.append("closed by the server")
                    return
            except httpx.HTTPError as error:
                self.failures.append(repr(error))
                await asyncio.sleep(1)
        self.connected.release()


def percentiles(values: list[float]) -> dict:
    values = sorted(values)
    if not values:
        return {"samples": 0, "p50_ms": None, "p99_ms": None, "max_ms": None}
    return {
        "samples": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p99_ms": round(values[min(len(values) - 1, int(len(values) * 0.99))], 1),
        "max_ms": round(values[-1], 1),
    }


def measure_api(web: Server, headers: dict, texts: list[dict], seconds: float) -> dict:
    """Latency at the client, and in the server (gunicorn's own time per request): the
    second is not moved by the stream readers sharing this process's interpreter."""
    base = web.base
    requests = {
        "list": lambda client, n: client.get("/api/tickets/", headers=headers),
        "create": lambda client, n: client.post(
            "/api/tickets/", json=texts[n % len(texts)], headers=headers
        ),
    }
    results = {}
    for name, request in requests.items():
        with httpx.Client(base_url=base, timeout=30) as client:
            for n in range(3):  # warm up
                request(client, n)
        for concurrency in (1, 16):
            log(f"  {name}: concurrency {concurrency}")
            web.server_ms_since_last_call()
            measured = drive(base, request, concurrency, seconds)
            time.sleep(0.5)  # the last access lines are written after the answers
            in_server = web.server_ms_since_last_call()
            measured["server_p50_ms"] = (
                round(statistics.median(in_server), 1) if in_server else None
            )
            results[f"{name} c={concurrency}"] = measured
    return results


def drain(
    client: httpx.Client, ticket: dict, streams: Streams, seconds: float = 120
) -> float:
    """Seconds until a marker change reached every stream: the creates measured before leave
    a backlog of events (each create is one event per stream) that must not be timed here."""
    response = client.patch(f"/api/tickets/{ticket['id']}/", json={"priority": "low"})
    response.raise_for_status()
    key = (ticket["id"], response.json()["version"])
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if all(key in arrivals for arrivals in streams.arrivals):
            break
        time.sleep(0.05)
    return round(time.perf_counter() - started, 1)


def measure_delivery(base: str, headers: dict, streams: Streams, patches: int) -> dict:
    """Time from each PATCH's response to its event on every stream (ms)."""
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        created = client.post(
            "/api/tickets/",
            json={"title": "Stream bench", "description": "Delivery timing."},
        )
        created.raise_for_status()
        ticket = created.json()
        backlog_seconds = drain(client, ticket, streams)
        sent: list[tuple[tuple[int, int], float]] = []
        for n in range(patches):
            status = "in_progress" if n % 2 == 0 else "open"
            response = client.patch(
                f"/api/tickets/{ticket['id']}/", json={"status": status}
            )
            answered = time.perf_counter()
            response.raise_for_status()
            sent.append(((ticket["id"], response.json()["version"]), answered))
            time.sleep(0.2)
    time.sleep(3)  # the last events' way to every stream
    latencies, missing = [], 0
    for key, answered in sent:
        for arrivals in streams.arrivals:
            if key in arrivals:
                latencies.append((arrivals[key] - answered) * 1000)
            else:
                missing += 1
    return {
        **percentiles(latencies),
        "missing": missing,
        "patches": patches,
        "backlog_seconds": backlog_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument(
        "--duration", type=float, default=10, help="Seconds per measurement."
    )
    parser.add_argument("--patches", type=int, default=50)
    parser.add_argument(
        "--rounds", type=int, default=2, help="Without/with streams, in turn."
    )
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--reseed", action="store_true", help="Seed even if already seeded."
    )
    parser.add_argument(
        "--json", type=Path, help="Also write the results to this file."
    )
    args = parser.parse_args()

    url = database_url()
    ensure_database(url)
    check_disk(url, args.count)
    timings = prepare(url, args.count, args.reseed)
    headers = {"Authorization": f"Bearer {agent_token(url)}"}
    texts = [
        {
            "title": f"Stream bench ticket {n}",
            "description": f"Load while streams are open, {n}.",
        }
        for n in range(5000)
    ]

    timings["load_average_before"] = [round(value, 1) for value in os.getloadavg()]
    log(f"Load average before: {timings['load_average_before']}")
    web = Server(url, free_port(), args.workers)
    stream = StreamServer(url, free_port())
    results: dict = {}
    try:
        web.wait_ready()
        stream.wait_ready()
        # Without and with streams in turn, so both see the same background load.
        for round_ in range(1, args.rounds + 1):
            log(f"Round {round_}: no stream open")
            results[("0 streams", round_)] = measure_api(
                web, headers, texts, args.duration
            )
            log(f"Round {round_}: {args.streams} streams open")
            with Streams(
                stream.base, headers["Authorization"][7:], args.streams
            ) as open_:
                results[(f"{args.streams} streams", round_)] = measure_api(
                    web, headers, texts, args.duration
                )
                timings[f"streams_open_after_round_{round_}"] = open_.open
                timings[f"stream_refusals_round_{round_}"] = len(open_.failures)
        with Streams(
            stream.base, headers["Authorization"][7:], args.streams
        ) as streams:
            log("Delivery")
            delivery = measure_delivery(web.base, headers, streams, args.patches)
            delivery["stream_failures"] = streams.failures[:5]
            delivery["streams_open"] = streams.open
    finally:
        stream.stop()
        web.stop()
    timings["load_average_after"] = [round(value, 1) for value in os.getloadavg()]
    log(f"Load average after: {timings['load_average_after']}")
    report(args, timings, results, delivery)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "timings": timings,
                    "results": {f"{k[0]}, round {k[1]}": v for k, v in results.items()},
                    "delivery": delivery,
                },
                indent=2,
            )
        )


def report(args, timings: dict, results: dict, delivery: dict) -> None:
    print(
        f"\n{args.count} tickets, {os.cpu_count()} cores, {args.workers} gunicorn workers, "
        f"{args.duration:g} s per measurement. {timings}"
    )
    print(
        f"\n| request | round | p50 ms, 0 streams | p50 ms, {args.streams} streams "
        f"| p99 ms, 0 streams | p99 ms, {args.streams} streams | req/s, 0 / {args.streams} "
        "| errors | server p50 ms, 0 / streams |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    ratios: dict[str, list] = {}
    server_ratios: dict[str, list] = {}
    for round_ in range(1, args.rounds + 1):
        none = results[("0 streams", round_)]
        some = results[(f"{args.streams} streams", round_)]
        for name in none:
            a, b = none[name], some[name]
            ratios.setdefault(name, []).append((a["p50_ms"], b["p50_ms"]))
            server_ratios.setdefault(name, []).append(
                (a["server_p50_ms"] or 0, b["server_p50_ms"] or 0)
            )
            print(
                f"| {name} | {round_} | {a['p50_ms']} | {b['p50_ms']} | {a['p99_ms']} "
                f"| {b['p99_ms']} | {a['rps']} / {b['rps']} | {a['errors'] + b['errors']} "
                f"| {a['server_p50_ms']} / {b['server_p50_ms']} |"
            )
    met = True
    print("\np50 with streams / p50 without (means over the rounds):")
    for name, pairs in ratios.items():
        ratio = statistics.mean(b for _, b in pairs) / statistics.mean(
            a for a, _ in pairs
        )
        met = met and ratio <= TARGET_SLOWDOWN
        server = [pair for pair in server_ratios[name] if pair[0]]
        in_server = (
            statistics.mean(b for _, b in server)
            / statistics.mean(a for a, _ in server)
            if server
            else float("nan")
        )
        print(f"  {name}: {ratio:.2f} at the client, {in_server:.2f} in the server")
    print(
        f"\nDelivery to {args.streams} streams after {delivery['patches']} PATCHes: "
        f"{delivery['samples']} events, p50 {delivery['p50_ms']} ms, p99 {delivery['p99_ms']} ms, "
        f"max {delivery['max_ms']} ms, missing {delivery['missing']}, "
        f"stream failures {delivery['stream_failures'] or 'none'}; the backlog of the creates "
        f"before took {delivery['backlog_seconds']} s to reach every stream"
    )
    delivered = (
        delivery["p99_ms"] is not None and delivery["p99_ms"] <= TARGET_DELIVERY_P99_MS
    )
    print(
        f"Targets: p50 with streams within {TARGET_SLOWDOWN - 1:.0%} of none: "
        f"{'met' if met else 'NOT met'}; delivery p99 <= {TARGET_DELIVERY_P99_MS} ms: "
        f"{'met' if delivered and not delivery['missing'] else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
