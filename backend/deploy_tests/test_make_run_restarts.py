"""`make run` of one checkout, started and stopped again and again, as a developer or a
process manager would: every start works, and once the last run has stopped, no
PostgreSQL process of its data directory is left, whichever catchable signal stopped it.

`make run` is a black box here: started in a process group of its own with the embedded
PostgreSQL (no DATABASE_URL) in a throwaway data directory, ready when /healthz answers.
"""

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest

from .conftest import REPO_DIR, free_port, unavailable

pytestmark = pytest.mark.slow

# The first start runs initdb and every migration.
FIRST_START_SECONDS = 180
START_SECONDS = 90
STOP_SECONDS = 30


@dataclass
class MakeRun:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"make run exited early:\n{self.output()[-4000:]}")
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        self.kill()
        raise AssertionError(f"make run did not serve within {timeout}s:\n{self.output()[-4000:]}")

    def stop(self, signum: int) -> None:
        """Send `signum` to the whole process group, as a terminal or supervisor does."""
        try:
            os.killpg(self.process.pid, signum)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(
                f"make run outlived {signum!r}:\n{self.output()[-4000:]}"
            ) from None
        _wait_for_group_to_end(self.process.pid)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def _wait_for_group_to_end(pgid: int, timeout: float = STOP_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        members = []
        for process in psutil.process_iter(["pid"]):
            try:
                if os.getpgid(process.pid) == pgid and process.status() != psutil.STATUS_ZOMBIE:
                    members.append(process.pid)
            except (ProcessLookupError, psutil.Error):
                continue
        if not members:
            return
        time.sleep(0.2)
    raise AssertionError(f"processes of group {pgid} still running: {members}")


def _postmasters(data_dir: Path) -> list[psutil.Process]:
    """PostgreSQL server processes whose data directory is `data_dir`."""
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        cmdline = process.info["cmdline"] or []
        if process.info["name"] == "postgres" and str(data_dir) in cmdline:
            found.append(process)
    return found


def _assert_no_postgres_left(data_dir: Path, run: MakeRun) -> None:
    deadline = time.monotonic() + STOP_SECONDS
    while _postmasters(data_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    handles = data_dir / ".handle_pids.json"
    assert _postmasters(data_dir) == [], (
        "the embedded PostgreSQL outlived the last run; handle file "
        f"{handles.read_text() if handles.exists() else '(none)'}; its output:\n"
        f"{run.output()[-3000:]}"
    )
    assert not (data_dir / "postmaster.pid").exists()


@pytest.fixture
def start_make_run(embedded_dir, tmp_path):
    """Starts `make run` of this checkout; every run is killed at the end if still alive."""
    make = "/usr/bin/make" if os.access("/usr/bin/make", os.X_OK) else None
    if make is None:
        unavailable("make is not installed")
    data_dir = embedded_dir / "postgres"
    runs: list[MakeRun] = []
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "MAKEFLAGS", "MAKELEVEL", "MFLAGS")
    }
    env.update(
        DJANGO_DOTENV="off",
        DJANGO_DEBUG="true",
        EMBEDDED_POSTGRES_DIR=str(data_dir),
        LLM_PROVIDER="local",
    )

    def start() -> MakeRun:
        port = free_port()
        log = tmp_path / f"make-run-{len(runs)}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [make, "--no-print-directory", "-C", str(REPO_DIR), "run", f"PORT={port}"],
                env={**env, "PORT": str(port)},
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        run = MakeRun(process=process, port=port, log=log)
        runs.append(run)
        return run

    start.data_dir = data_dir  # type: ignore[attr-defined]
    yield start
    for run in runs:
        if run.process.poll() is None:
            run.kill()
    # Whatever a failed test left behind: stop it, as the next developer would have to.
    for process in _postmasters(data_dir):
        process.kill()


def test_make_run_survives_repeated_stops_by_any_signal(start_make_run):
    data_dir = start_make_run.data_dir

    # Ctrl-C in the terminal
    run = start_make_run()
    run.wait_until_serving(FIRST_START_SECONDS)
    run.stop(signal.SIGINT)
    _assert_no_postgres_left(data_dir, run)

    # what docker stop, systemd and most supervisors send
    run = start_make_run()
    run.wait_until_serving(START_SECONDS)
    run.stop(signal.SIGTERM)
    _assert_no_postgres_left(data_dir, run)

    # the terminal closed
    run = start_make_run()
    run.wait_until_serving(START_SECONDS)
    run.stop(signal.SIGHUP)
    _assert_no_postgres_left(data_dir, run)

    # SIGKILL cannot be caught: the server may stay, but the next run must work and,
    # when it stops, take the server with it
    run = start_make_run()
    run.wait_until_serving(START_SECONDS)
    run.stop(signal.SIGKILL)
    run = start_make_run()
    run.wait_until_serving(START_SECONDS)
    assert httpx.get(f"{run.base_url}/readyz", timeout=10).status_code == 200
    run.stop(signal.SIGTERM)
    _assert_no_postgres_left(data_dir, run)


def test_two_runs_at_once_share_the_server_until_the_last_stops(start_make_run):
    data_dir = start_make_run.data_dir

    # given two runs of the same checkout, started together
    first, second = start_make_run(), start_make_run()
    first.wait_until_serving(FIRST_START_SECONDS)
    second.wait_until_serving(START_SECONDS)

    # when one stops, the other still has its database
    first.stop(signal.SIGTERM)
    assert httpx.get(f"{second.base_url}/readyz", timeout=10).status_code == 200

    # and when the other stops too, the server goes with it
    second.stop(signal.SIGINT)
    _assert_no_postgres_left(data_dir, second)


def test_an_unreadable_handle_file_does_not_stop_the_next_start(start_make_run):
    data_dir = start_make_run.data_dir
    run = start_make_run()
    run.wait_until_serving(FIRST_START_SECONDS)
    run.stop(signal.SIGINT)

    # given the file that an interrupted write used to leave behind
    (data_dir / ".handle_pids.json").write_text("")

    # then the next run starts, and stops cleanly
    run = start_make_run()
    run.wait_until_serving(START_SECONDS)
    run.stop(signal.SIGTERM)
    _assert_no_postgres_left(data_dir, run)
