"""The embedded PostgreSQL used without DATABASE_URL starts on demand and stops on exit."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys, time
from pathlib import Path
from config.embedded_db import embedded_database_settings
settings = embedded_database_settings(Path(sys.argv[1]))
print(settings["HOST"], flush=True)
time.sleep(120)
"""


@pytest.mark.slow
def test_server_starts_and_stops_when_its_process_is_terminated(tmp_path):
    # given a process that started the embedded server
    data_dir = tmp_path / "pgdata"
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT, str(data_dir)],
        cwd=BACKEND,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        host = process.stdout.readline().strip()
        assert host, "the embedded server did not start"
        assert (data_dir / "postmaster.pid").exists()

        # when it is asked to stop, as a process manager or `kill` would
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        process.kill()

    # then the server was stopped with it
    deadline = time.monotonic() + 10
    while (data_dir / "postmaster.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not (data_dir / "postmaster.pid").exists()
