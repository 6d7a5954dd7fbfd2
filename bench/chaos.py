"""Fault and load suite: the app under mixed load while its dependencies fail.

    python bench/chaos.py              # what `make chaos` runs (about 11 minutes)
    python bench/chaos.py --quick      # seconds per scenario (the smoke test in make test)

Starts its own PostgreSQL cluster, redis-server and stand-in LLM server (never the
machine's shared services), migrates, serves the app with gunicorn as the api image does
(production settings, backend/gunicorn.conf.py, Redis for cache and rate limits), drives
16 clients (70% reads, 20% creates, 10% edits), breaks one thing per scenario, then
checks the database against what the clients were told and prints a table:

- hostile input: malformed and abusive requests; none may get a 5xx;
- sustained mixed load;
- PostgreSQL stopped and started again mid-load: 503 with Retry-After meanwhile;
- Redis stopped mid-load (and started again): no 5xx at all;
- a gunicorn worker killed with SIGKILL mid-load: only requests in flight fail;
- the LLM slow (4.5 s answers), hung and failing mid-load: list p99 against a run
  without an LLM.

This is a benchmark, not a test: figures depend on the machine (see bench/RESULTS.md).
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from chaos_load import MixedLoad, summary, verify
from chaos_servers import (
    Gunicorn,
    Postgres,
    Redis,
    app_environment,
    manage,
    stand_in_llm,
)
from hostile_requests import send_hostile_requests

FULL = {
    "sustained": 300,
    "postgres": (60, 15, 10),  # duration, stop at, seconds down
    "redis": (45, 10, 20),
    "worker_kill": (40, 15),
    "llm_phase": 30,
}
QUICK = {
    "sustained": 6,
    "postgres": (14, 3, 4),
    "redis": (8, 2, 3),
    "worker_kill": (8, 3),
    "llm_phase": 5,
}
LLM_SLOW_SECONDS = 4.5


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def first_success_after(
    outcomes, moment: float, kinds=("create", "edit", "list", "read")
):
    for outcome in outcomes:
        if (
            outcome.at >= moment
            and outcome.kind in kinds
            and outcome.status in (200, 201)
        ):
            return outcome.at
    return None


def scenario_row(name: str, outcomes, checked: dict, **extra) -> dict:
    return {"scenario": name, **summary(outcomes), **checked, **extra}


def run_suite(durations: dict, work_dir: Path) -> list[dict]:
    rows: list[dict] = []
    postgres, redis, llm, api = Postgres(), Redis(), stand_in_llm(), None
    try:
        env = app_environment(postgres.url, redis.url)
        log("Migrating the suite's own database")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "createcachetable")
        # Enough tickets for a second page and searches that find something.
        manage(env, "seed_tickets", "--count", "2000")
        api = Gunicorn(env, work_dir / "gunicorn.log")
        log(f"gunicorn {api.base_url}, workers {api.workers()}")

        log("hostile input")
        rows.append(send_hostile_requests(api.base_url))

        log(f"sustained mixed load, {durations['sustained']} s")
        load = MixedLoad(api.base_url, seed=1)
        outcomes = load.run(durations["sustained"])
        rows.append(
            scenario_row(
                "sustained mixed load", outcomes, verify(load.ledger, postgres.url)
            )
        )

        seconds, stop_at, down = durations["postgres"]
        log(f"PostgreSQL stopped at {stop_at} s for {down} s")
        load = MixedLoad(api.base_url, seed=2)
        marks: dict[str, float] = {}

        def stop_postgres():
            postgres.stop()
            marks["down"] = time.monotonic()

        def start_postgres():
            postgres.start()
            marks["up"] = time.monotonic()

        began = time.monotonic()
        outcomes = load.run(
            seconds, [(stop_at, stop_postgres), (stop_at + down, start_postgres)]
        )
        up_at = marks["up"] - began
        recovered = first_success_after(outcomes, up_at, kinds=("create",))
        rows.append(
            scenario_row(
                "PostgreSQL restarted mid-load",
                outcomes,
                verify(load.ledger, postgres.url),
                outage_s=round(marks["up"] - marks["down"], 1),
                recovery_s=None if recovered is None else round(recovered - up_at, 2),
            )
        )

        seconds, stop_at, down = durations["redis"]
        log(f"Redis stopped at {stop_at} s for {down} s")
        load = MixedLoad(api.base_url, seed=3)
        outcomes = load.run(
            seconds, [(stop_at, redis.stop), (stop_at + down, redis.start)]
        )
        rows.append(
            scenario_row(
                "Redis stopped mid-load", outcomes, verify(load.ledger, postgres.url)
            )
        )

        seconds, kill_at = durations["worker_kill"]
        log(f"a worker SIGKILLed at {kill_at} s")
        load = MixedLoad(api.base_url, seed=4)
        outcomes = load.run(seconds, [(kill_at, api.kill_a_worker)])
        rows.append(
            scenario_row(
                "worker SIGKILLed mid-load", outcomes, verify(load.ledger, postgres.url)
            )
        )

        phase = durations["llm_phase"]
        log(f"reference without an LLM, {phase} s")
        load = MixedLoad(api.base_url, seed=5)
        outcomes = load.run(phase)
        reference = summary(outcomes)
        rows.append(
            scenario_row(
                "no LLM (reference)", outcomes, verify(load.ledger, postgres.url)
            )
        )
        api.close()

        from triage.tests.fakes import good, hang, status

        llm_env = app_environment(
            postgres.url,
            redis.url,
            LLM_PROVIDER="openai-compatible",
            LLM_BASE_URL=f"{llm.url}/v1",
            LLM_MODEL="stand-in",
            LLM_API_KEY="chaos-key",
            LLM_TIMEOUT_SECONDS="5",
        )
        api = Gunicorn(llm_env, work_dir / "gunicorn-llm.log")
        phases = [
            ("LLM slow (4.5 s answers)", good(delay=LLM_SLOW_SECONDS)),
            ("LLM hung", hang(60)),
            ("LLM failing (HTTP 500)", status(500)),
        ]
        for number, (name, behaviour) in enumerate(phases):
            log(f"{name}, {phase} s")
            llm.script(behaviour)
            load = MixedLoad(api.base_url, seed=6 + number)
            outcomes = load.run(phase)
            row = scenario_row(name, outcomes, verify(load.ledger, postgres.url))
            if reference["list_p99_ms"] and row["list_p99_ms"]:
                row["list_p99_vs_reference"] = round(
                    row["list_p99_ms"] / reference["list_p99_ms"], 2
                )
            rows.append(row)
    finally:
        for closeable in (api, llm, redis):
            if closeable is not None:
                try:
                    closeable.close() if hasattr(
                        closeable, "close"
                    ) else closeable.stop()
                except Exception as error:  # noqa: BLE001 - clean up the rest regardless
                    log(f"cleanup: {error}")
        postgres.close()
    return rows


COLUMNS = [
    ("scenario", "scenario"),
    ("requests", "requests"),
    ("2xx", "2xx"),
    ("4xx", "4xx"),
    ("503", "503"),
    ("503_without_retry_after", "503 w/o Retry-After"),
    ("other_5xx", "other 5xx"),
    ("no_answer", "no answer"),
    ("list_p50_ms", "list p50 ms"),
    ("list_p99_ms", "list p99 ms"),
    ("list_p99_vs_reference", "list p99 / no-LLM"),
    ("acknowledged_creates", "acked creates"),
    ("lost_creates", "lost"),
    ("duplicates", "duplicates"),
    ("acknowledged_edits", "acked edits"),
    ("lost_edits", "lost edits"),
    ("recovery_s", "recovery s"),
]


def table(rows: list[dict]) -> str:
    def cell(value) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:.1f}"
        return str(value)

    lines = [
        "| " + " | ".join(title for _, title in COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    for row in rows:
        lines.append("| " + " | ".join(cell(row.get(key)) for key, _ in COLUMNS) + " |")
    return "\n".join(lines)


def failures(rows: list[dict]) -> list[str]:
    """What the suite promises, checked: the process exits 1 when any is broken."""
    broken = []
    for row in rows:
        name = row["scenario"]
        if row.get("other_5xx"):
            broken.append(f"{name}: {row['other_5xx']} answers 5xx other than 503")
        if row.get("503_without_retry_after"):
            broken.append(f"{name}: 503 without Retry-After")
        if row.get("lost_creates") or row.get("lost_edits"):
            broken.append(f"{name}: acknowledged writes lost")
        if row.get("duplicates"):
            broken.append(f"{name}: {row['duplicates']} duplicated creates")
        if name != "PostgreSQL restarted mid-load" and row.get("503"):
            broken.append(f"{name}: {row['503']} answers 503")
        # Only a killed worker may leave requests unanswered: the one each client had
        # in flight on it (or sent on its connection as it died), never a second one.
        allowed = 1 if name == "worker SIGKILLed mid-load" else 0
        if row.get("most_unanswered_per_client", 0) > allowed:
            broken.append(f"{name}: requests without an answer ({row['no_answer']})")
    return broken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="A few seconds per scenario."
    )
    parser.add_argument("--json", type=Path, help="Also write the rows to this file.")
    args = parser.parse_args()
    started = time.monotonic()
    load_before = [round(value, 1) for value in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="tickets-chaos-") as work_dir:
        rows = run_suite(QUICK if args.quick else FULL, Path(work_dir))
    load_after = [round(value, 1) for value in os.getloadavg()]
    print(table(rows))
    print(
        f"\nTotal {time.monotonic() - started:.0f} s on {os.cpu_count()} cores; load average "
        f"{load_before} before, {load_after} after."
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    broken = failures(rows)
    for problem in broken:
        print(f"FAILED: {problem}")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
