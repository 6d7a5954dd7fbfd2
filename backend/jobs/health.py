"""Is this machine's worker alive? `python -m jobs.health` exits 0 if so, 1 if not.

The worker (jobs/worker.py) writes into HEARTBEAT_FILE the time by which it will have
written again, each time the database has its heartbeat. Compose's health check of the
`worker` service runs this module: it needs neither Django nor the database, so checking
costs a few milliseconds.
"""

import sys
import tempfile
import time
from pathlib import Path

HEARTBEAT_FILE = Path(tempfile.gettempdir()) / "support-tickets-worker.alive"


def write_deadline(seconds_from_now: float, path: Path = HEARTBEAT_FILE) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(f"{time.time() + seconds_from_now:.3f}\n")
    partial.replace(path)  # atomic: a check never reads half a number


def clear(path: Path = HEARTBEAT_FILE) -> None:
    path.unlink(missing_ok=True)


def problem(path: Path = HEARTBEAT_FILE) -> str | None:
    """Why the worker is not healthy, or None when it is."""
    try:
        deadline = float(path.read_text())
    except FileNotFoundError:
        return "No worker is running here (or it has not reached the database yet)."
    except ValueError:
        return f"{path} does not hold a time."
    late = time.time() - deadline
    if late > 0:
        return f"The worker's last heartbeat is {late:.0f} s overdue."
    return None


def main() -> int:
    reason = problem()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    print("The worker is alive.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
