"""A short run of every `make chaos` scenario: the suite works and its promises hold.

`bench/chaos.py --quick` starts its own PostgreSQL, Redis and LLM stand-in, drives each
scenario for a few seconds and exits 1 when any answer is a 5xx other than the 503s of
the database outage, a 503 lacks Retry-After, an acknowledged write is lost or
duplicated, or a request outside the killed worker goes unanswered.
"""

import json
import subprocess
import sys

import pytest

from .conftest import REPO_DIR

pytestmark = pytest.mark.slow

SCENARIOS = {
    "hostile input",
    "sustained mixed load",
    "PostgreSQL restarted mid-load",
    "Redis stopped mid-load",
    "worker SIGKILLed mid-load",
    "no LLM (reference)",
    "LLM slow (4.5 s answers)",
    "LLM hung",
    "LLM failing (HTTP 500)",
}


def test_every_chaos_scenario_keeps_its_promises(tmp_path):
    rows_file = tmp_path / "rows.json"

    result = subprocess.run(
        [sys.executable, "chaos.py", "--quick", "--json", str(rows_file)],
        cwd=REPO_DIR / "bench",
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    rows = {row["scenario"]: row for row in json.loads(rows_file.read_text())}
    assert set(rows) == SCENARIOS
    outage = rows["PostgreSQL restarted mid-load"]
    assert outage["503"] > 0, "the outage was not seen"
    assert outage["recovery_s"] is not None, "no create succeeded after the restart"
    for row in rows.values():
        if row["scenario"] != "hostile input":
            assert row["acknowledged_creates"] > 0, row
